using Azure;
using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Erasure;
using SolidarityFn.Pipeline.Protection;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Security;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Receipts;

/// <summary>
/// The contributor's side after upload: see progress, withdraw. A wrong or missing token answers exactly
/// like an unknown id, so the receipt endpoints never reveal that a submission exists.
/// </summary>
public sealed partial class ReceiptService
{
    /// <summary>An upload still committing when its SAS ran out gets this long before it is called expired.</summary>
    private static readonly TimeSpan ExpiryGrace = TimeSpan.FromMinutes(2);

    private readonly SubmissionStore _submissions;
    private readonly StorageClients _storage;
    private readonly IBlobSasSigner _signer;
    private readonly SubmissionErasure _erasure;
    private readonly TimeProvider _time;
    private readonly ILogger<ReceiptService> _logger;

    public ReceiptService(
        SubmissionStore submissions, StorageClients storage, IBlobSasSigner signer, SubmissionErasure erasure, TimeProvider time, ILogger<ReceiptService> logger)
    {
        _submissions = submissions;
        _erasure = erasure;
        _storage = storage;
        _signer = signer;
        _time = time;
        _logger = logger;
    }

    public async Task<Outcome<SubmissionView>> GetAsync(string submissionId, string? receiptToken, CancellationToken cancellationToken)
    {
        var submission = await FindAuthorisedAsync(submissionId, receiptToken, cancellationToken);
        if (submission is null)
        {
            return Problem.NotFound("The submission");
        }

        var status = submission.StatusValue;
        if (status == SubmissionStatus.Issued)
        {
            (submission, status) = await ResolveIssuedAsync(submission, cancellationToken);
        }

        return Outcome<SubmissionView>.Ok(await ToViewAsync(submission, status, cancellationToken));
    }

    /// <summary>
    /// Withdraws consent through <see cref="SubmissionErasure"/>: the submission is marked Withdrawn first (so nothing
    /// downstream publishes it), then every blob, assembly and audit detail made from it goes. A repeated call finishes
    /// an erasure that failed half-way; so does the erasure sweep.
    /// </summary>
    public async Task<Outcome<bool>> WithdrawAsync(string submissionId, string? receiptToken, CancellationToken cancellationToken)
    {
        var submission = await FindAuthorisedAsync(submissionId, receiptToken, cancellationToken);
        if (submission is null)
        {
            return Problem.NotFound("The submission");
        }

        var wasWithdrawn = submission.StatusValue == SubmissionStatus.Withdrawn;
        if (!await _erasure.WithdrawAsync(submission, cancellationToken))
        {
            return Problem.Conflict("The submission is changing right now.", "Try again in a moment.");
        }

        if (!wasWithdrawn)
        {
            Log.Withdrawn(_logger, submission.SubmissionId, submission.CampaignId);
        }

        return Outcome<bool>.Ok(true);
    }

    private async Task<SubmissionEntity?> FindAuthorisedAsync(string submissionId, string? receiptToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(receiptToken))
        {
            return null;
        }

        if (ReceiptTokens.CampaignOf(receiptToken) is not { } campaignId)
        {
            return null;
        }

        var submission = await _submissions.GetAsync(campaignId, submissionId, cancellationToken);
        return submission is not null && ReceiptTokens.Matches(receiptToken, submission.ReceiptTokenHash) ? submission : null;
    }

    /// <summary>
    /// An Issued row whose blob is committed shows as Uploaded until processing picks it up; one whose link ran
    /// out with nothing committed becomes Expired. Returns the row to show with its status.
    /// </summary>
    private async Task<(SubmissionEntity Row, SubmissionStatus Status)> ResolveIssuedAsync(SubmissionEntity submission, CancellationToken cancellationToken)
    {
        var blob = _storage.Container(StorageNames.UploadsContainer).GetBlobClient(StorageNames.UploadBlob(submission.CampaignId, submission.SubmissionId));
        if (await blob.ExistsAsync(cancellationToken))
        {
            return (submission, SubmissionStatus.Uploaded);
        }

        if (_time.GetUtcNow() < submission.UploadExpiresAt + ExpiryGrace)
        {
            return (submission, SubmissionStatus.Issued);
        }

        // Expired on a copy: if the write loses, the row read stays as it is (Expired → Issued is no move).
        var expired = submission.Copy();
        SubmissionLifecycle.Expire(expired, SubmissionActor.Contributor, _logger);
        try
        {
            // If-Match: an upload that lands at this very moment wins over the expiry.
            if (await _submissions.TryReplaceAsync(expired, cancellationToken))
            {
                return (expired, SubmissionStatus.Expired);
            }
        }
        catch (RequestFailedException e)
        {
            Log.ExpiryNotRecorded(_logger, e, submission.SubmissionId);
        }

        return (submission, SubmissionStatus.Issued);
    }

    private async Task<SubmissionView> ToViewAsync(SubmissionEntity s, SubmissionStatus status, CancellationToken cancellationToken)
    {
        SourceView? source = s.SourceKind is { } kind
            ? new SourceView(kind, s.SourceWidth ?? 0, s.SourceHeight ?? 0, s.SourceDurationSeconds ?? 0, s.SourceHadAudio ?? false)
            : null;

        Uri? thumbnail = null;
        if (status is SubmissionStatus.Ready or SubmissionStatus.Approved or SubmissionStatus.Rejected)
        {
            var blob = _storage.Container(StorageNames.MediaContainer).GetBlobClient(StorageNames.MediaPrefix(s.CampaignId, s.SubmissionId) + "thumb.jpg");
            var sas = ReadSas.Build(StorageNames.MediaContainer, blob.Name, _time.GetUtcNow(), httpsOnly: blob.Uri.Scheme == Uri.UriSchemeHttps);
            thumbnail = await _signer.SignAsync(blob, sas, cancellationToken);
        }

        return new SubmissionView(
            s.SubmissionId,
            status.ToString(),
            s.Reason,
            s.Message,
            source,
            thumbnail,
            status == SubmissionStatus.Issued ? s.UploadExpiresAt : null,
            s.CampaignId,
            new ConsentView(s.ConsentVersion, s.ConsentLanguage, s.ConsentedAt),
            new ProtectView(s.ProtectFaces == true, s.ProtectVoice == true, s.ProtectionConfirmedAt is not null));
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Submission {SubmissionId} of campaign {CampaignId} withdrawn by its contributor")]
        public static partial void Withdrawn(ILogger logger, string submissionId, string campaignId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark submission {SubmissionId} expired")]
        public static partial void ExpiryNotRecorded(ILogger logger, Exception exception, string submissionId);
    }
}
