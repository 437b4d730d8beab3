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
    private readonly AnonymousCampaignDoor _door;
    private readonly UploadLinks _links;
    private readonly SubmissionStore _submissions;
    private readonly StorageClients _storage;
    private readonly IBlobSasSigner _sas;
    private readonly ClientRateLimiter _rateLimiter;
    private readonly IntakeOptions _options;
    private readonly TimeProvider _time;
    private readonly ITextCoverage _coverage;
    private readonly ILogger<IntakeService> _logger;

    public IntakeService(
        AnonymousCampaignDoor door,
        UploadLinks links,
        SubmissionStore submissions,
        StorageClients storage,
        IBlobSasSigner sas,
        ClientRateLimiter rateLimiter,
        IOptions<IntakeOptions> options,
        TimeProvider time,
        ITextCoverage coverage,
        ILogger<IntakeService> logger)
    {
        _door = door;
        _links = links;
        _submissions = submissions;
        _storage = storage;
        _sas = sas;
        _rateLimiter = rateLimiter;
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
        var entered = await _door.EnterAsync(_rateLimiter, "Upload", campaignId, clientAddress, cancellationToken);
        if (entered.Problem is { } refused)
        {
            return refused;
        }

        var campaign = entered.Value!;

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
            ConsentLanguage = upload.ConsentLanguage,
            ConsentedAt = now,
            ReceiptTokenHash = tokenHash,
            IssuedAt = now,
            UploadExpiresAt = sas.ExpiresOn,
            ProtectFaces = upload.ProtectFaces ? true : null,
            ProtectVoice = upload.ProtectVoice ? true : null,
        };
        SubmissionLifecycle.Issue(submission, SubmissionActor.Intake, _logger);

        // Sign first, then record: a failure to sign leaves no Issued row behind that could never be uploaded.
        var blob = _storage.Container(StorageNames.UploadsContainer).GetBlobClient(StorageNames.UploadBlob(campaign.Id, submissionId));
        var uploadUrl = await _sas.SignAsync(blob, sas, cancellationToken);
        await _submissions.AddAsync(submission, cancellationToken);

        Log.Issued(_logger, submissionId, campaign.Id, upload.ContentType, upload.SizeBytes, sas.ExpiresOn);

        var receiptUrl = _links.Receipt(submissionId, token, baseUrl);
        return Outcome<UploadTicket>.Ok(new UploadTicket(
            submissionId, uploadUrl, _options.BlockSizeBytes, sas.ExpiresOn, token, receiptUrl));
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Issued upload {SubmissionId} for campaign {CampaignId}: {ContentType}, {SizeBytes} bytes, link expires {ExpiresAt}")]
        public static partial void Issued(ILogger logger, string submissionId, string campaignId, string contentType, long sizeBytes, DateTimeOffset expiresAt);
    }
}
