using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Security;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;
using SolidarityFn.Pipeline.Text;

namespace SolidarityFn.Pipeline.Intake;

/// <summary>Starts an upload: checks the request, records the submission as Issued, and hands out a one-blob SAS.</summary>
public sealed partial class IntakeService
{
    private readonly CampaignCache _campaigns;
    private readonly SubmissionStore _submissions;
    private readonly StorageClients _storage;
    private readonly IBlobSasSigner _sas;
    private readonly ClientRateLimiter _rateLimiter;
    private readonly ClientKeyHasher _clientKeys;
    private readonly IntakeOptions _options;
    private readonly TimeProvider _time;
    private readonly ITextCoverage _coverage;
    private readonly ILogger<IntakeService> _logger;

    public IntakeService(
        CampaignCache campaigns,
        SubmissionStore submissions,
        StorageClients storage,
        IBlobSasSigner sas,
        ClientRateLimiter rateLimiter,
        ClientKeyHasher clientKeys,
        IOptions<IntakeOptions> options,
        TimeProvider time,
        ITextCoverage coverage,
        ILogger<IntakeService> logger)
    {
        _campaigns = campaigns;
        _submissions = submissions;
        _storage = storage;
        _sas = sas;
        _rateLimiter = rateLimiter;
        _clientKeys = clientKeys;
        _options = options.Value;
        _time = time;
        _coverage = coverage;
        _logger = logger;
    }

    /// <param name="baseUrl">Origin of the request, used for the receipt link unless a public URL is configured.</param>
    public async Task<Outcome<UploadTicket>> StartUploadAsync(
        string campaignId,
        Stream body,
        IPAddress? clientAddress,
        Uri baseUrl,
        CancellationToken cancellationToken)
    {
        var limit = _rateLimiter.TryAcquire(_clientKeys.Hash(clientAddress));
        if (!limit.Allowed)
        {
            Log.RateLimited(_logger, campaignId);
            return Problem.TooManyRequests(limit.RetryAfterSeconds);
        }

        var campaign = await _campaigns.GetAsync(campaignId, cancellationToken);
        if (campaign is null)
        {
            return Problem.NotFound("The campaign");
        }

        var now = _time.GetUtcNow();
        if (!campaign.AcceptsUploads(now))
        {
            return Problem.CampaignClosed();
        }

        var read = await UploadRequestReader.ReadAsync(body, cancellationToken);
        if (!read.Succeeded)
        {
            return read.Problem!;
        }

        var validated = UploadRequestValidator.Validate(read.Value!, campaign, _coverage);
        if (!validated.Succeeded)
        {
            return validated.Problem!;
        }

        var upload = validated.Value!;
        var submissionId = SubmissionIds.New();
        var (token, tokenHash) = ReceiptTokens.Create(campaign.Id);
        var sas = UploadSas.Build(
            StorageNames.UploadsContainer,
            StorageNames.UploadBlob(campaign.Id, submissionId),
            now,
            _options.SasLifetime,
            _options.SasClockSkew,
            httpsOnly: !_storage.Blobs.Uri.Scheme.Equals("http", StringComparison.OrdinalIgnoreCase));

        var submission = new SubmissionEntity
        {
            PartitionKey = campaign.Id,
            RowKey = submissionId,
            DisplayName = upload.DisplayName,
            Union = upload.Union,
            Sector = upload.Sector,
            City = upload.City,
            Caption = upload.Caption,
            Language = upload.Language,
            DeclaredContentType = upload.ContentType,
            DeclaredSizeBytes = upload.SizeBytes,
            ConsentVersion = upload.ConsentVersion,
            ConsentedAt = now,
            ReceiptTokenHash = tokenHash,
            IssuedAt = now,
            UploadExpiresAt = sas.ExpiresOn,
        };
        SubmissionLifecycle.Issue(submission, SubmissionActor.Intake, _logger);

        // Sign first, then record: a failure to sign leaves no Issued row behind that could never be uploaded.
        var blob = _storage.Container(StorageNames.UploadsContainer).GetBlobClient(StorageNames.UploadBlob(campaign.Id, submissionId));
        var uploadUrl = await _sas.SignAsync(blob, sas, cancellationToken);
        await _submissions.AddAsync(submission, cancellationToken);

        Log.Issued(_logger, submissionId, campaign.Id, upload.ContentType, upload.SizeBytes, sas.ExpiresOn);

        var origin = _options.PublicBaseUrl ?? baseUrl;
        var receiptUrl = new Uri(origin, $"/r/{submissionId}#{token}").ToString();
        return Outcome<UploadTicket>.Ok(new UploadTicket(
            submissionId, uploadUrl, _options.BlockSizeBytes, sas.ExpiresOn, token, receiptUrl));
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Issued upload {SubmissionId} for campaign {CampaignId}: {ContentType}, {SizeBytes} bytes, link expires {ExpiresAt}")]
        public static partial void Issued(ILogger logger, string submissionId, string campaignId, string contentType, long sizeBytes, DateTimeOffset expiresAt);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Upload request refused by the rate limit for campaign {CampaignId}")]
        public static partial void RateLimited(ILogger logger, string campaignId);
    }
}
