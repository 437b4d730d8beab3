using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Audit;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Erasure;

/// <summary>
/// The one way a submission is erased, for a withdrawal and for a campaign's retention:
/// <list type="number">
/// <item>the row: what was typed is blanked (a withdrawal also marks it Withdrawn, so nothing downstream publishes it),
/// <see cref="SubmissionEntity.ErasedAt"/> is set and <see cref="SubmissionEntity.ErasurePending"/> raised, all in one
/// If-Match write (the organizers' list row with it);</item>
/// <item>the blobs: the raw upload, the media folder (clip, thumbnail, preview), the segments rendered from the clip;</item>
/// <item>a withdrawn clip's assemblies are retracted (retention keeps assembled videos);</item>
/// <item>the before/after details of every audit row about it, keeping action, time and actor;</item>
/// <item>the pending mark is lowered, unless a late worker may still write (see <see cref="ErasureOptions.RecheckFor"/>).</item>
/// </list>
/// Every step is safe to run again: a crash leaves the mark raised and <see cref="ErasureSweep"/> runs steps 2–5 again.
/// </summary>
public sealed partial class SubmissionErasure(
    SubmissionStore submissions,
    StorageClients storage,
    AssemblyRetraction retraction,
    AuditLog audit,
    IOptions<ErasureOptions> options,
    TimeProvider time,
    ILogger<SubmissionErasure> logger)
{
    private const int MaxTries = 5;

    /// <summary>The contributor withdrew consent.</summary>
    /// <returns>False when the row kept changing under every try (the caller answers 409); nothing was erased then.</returns>
    public Task<bool> WithdrawAsync(SubmissionEntity submission, CancellationToken cancellationToken) =>
        EraseAsync(submission, withdraw: true, cancellationToken);

    /// <summary>
    /// The campaign's retention ran out: media and typed text go, the row keeps its status and consent facts. Audit rows
    /// are left to the caller, which erases a whole campaign's in one pass.
    /// </summary>
    /// <returns>False when the row kept changing under every try; the next retention run tries again.</returns>
    public Task<bool> EraseForRetentionAsync(SubmissionEntity submission, CancellationToken cancellationToken) =>
        EraseAsync(submission, withdraw: false, cancellationToken);

    /// <summary>Steps 2–5 again for a row already marked: what the sweep runs for an erasure a crash interrupted.</summary>
    public Task FinishAsync(SubmissionEntity submission, CancellationToken cancellationToken) =>
        FinishAsync(submission, eraseAudit: true, cancellationToken);

    /// <summary>
    /// Every blob made from the contributor's media: the upload (through any lease the link took), the media folder and
    /// the cached segments. Also used by a processing run that finds its submission withdrawn under it.
    /// </summary>
    public async Task DeleteBlobsAsync(string campaignId, string submissionId, CancellationToken cancellationToken)
    {
        await BlobErasure.DeleteAsync(storage.Container(StorageNames.UploadsContainer).GetBlobClient(StorageNames.UploadBlob(campaignId, submissionId)), cancellationToken);
        await BlobPrefix.DeleteAllAsync(storage.Container(StorageNames.MediaContainer), StorageNames.MediaPrefix(campaignId, submissionId), cancellationToken);
        await retraction.DeleteClipSegmentsAsync(campaignId, submissionId, cancellationToken);
    }

    /// <summary>Whether blobs may still appear after the erasure, so the sweep should keep looking.</summary>
    public static bool MayStillReceiveMedia(SubmissionEntity submission, DateTimeOffset now, TimeSpan recheckFor)
    {
        ArgumentNullException.ThrowIfNull(submission);

        // A withdrawal can land under a live processing run (or one that lost its claim); retention can find one in flight.
        var lateWriterPossible = submission.StatusValue is SubmissionStatus.Withdrawn or SubmissionStatus.Issued or SubmissionStatus.Uploaded or SubmissionStatus.Processing;
        return lateWriterPossible && submission.ErasedAt is { } erasedAt && now < erasedAt + recheckFor;
    }

    private async Task<bool> EraseAsync(SubmissionEntity submission, bool withdraw, CancellationToken cancellationToken)
    {
        var marked = await MarkAsync(submission, withdraw, cancellationToken);
        if (marked is null)
        {
            return false;
        }

        await FinishAsync(marked, eraseAudit: withdraw, cancellationToken);
        return true;
    }

    private static bool IsMarked(SubmissionEntity submission, bool withdraw) =>
        submission.ErasedAt is not null && (!withdraw || submission.StatusValue == SubmissionStatus.Withdrawn);

    /// <summary>Step 1, If-Match; a lost race reads the row again. Null when it kept changing or is gone.</summary>
    private async Task<SubmissionEntity?> MarkAsync(SubmissionEntity submission, bool withdraw, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        SubmissionEntity? row = submission;
        for (var attempt = 1; attempt <= MaxTries && row is not null; attempt++)
        {
            if (IsMarked(row, withdraw))
            {
                return row;
            }

            var now = time.GetUtcNow();
            if (withdraw && row.StatusValue != SubmissionStatus.Withdrawn)
            {
                SubmissionLifecycle.Withdraw(row, now, SubmissionActor.Contributor, logger);
            }
            else
            {
                // Retention, or a row withdrawn before erasures were marked: the status stays.
                row.EraseTypedText();
            }

            row.ErasedAt ??= now;
            row.ErasurePending = true;
            if (await submissions.TryReplaceAsync(row, cancellationToken))
            {
                Log.Marked(logger, row.SubmissionId, row.CampaignId, withdraw ? "withdrawal" : "retention");
                return row;
            }

            // Changed under us (processing, review): read again and retry.
            row = await submissions.GetAsync(submission.CampaignId, submission.SubmissionId, cancellationToken);
        }

        return null;
    }

    private async Task FinishAsync(SubmissionEntity submission, bool eraseAudit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var (campaignId, submissionId) = (submission.CampaignId, submission.SubmissionId);
        await DeleteBlobsAsync(campaignId, submissionId, cancellationToken);
        if (submission.StatusValue == SubmissionStatus.Withdrawn)
        {
            await retraction.RetractUsingAsync(campaignId, submissionId, cancellationToken);
        }

        if (eraseAudit)
        {
            await audit.EraseSubmissionDetailsAsync(campaignId, submissionId, cancellationToken);
        }

        await SettleAsync(submission, cancellationToken);
    }

    /// <summary>Step 5: lowers the pending mark once nothing more can appear. Left raised on a lost race: the sweep comes back.</summary>
    private async Task SettleAsync(SubmissionEntity submission, CancellationToken cancellationToken)
    {
        SubmissionEntity? row = submission;
        for (var attempt = 1; attempt <= MaxTries && row is { ErasurePending: true }; attempt++)
        {
            if (MayStillReceiveMedia(row, time.GetUtcNow(), options.Value.RecheckFor))
            {
                return;
            }

            row.ErasurePending = false;
            if (await submissions.TryReplaceAsync(row, cancellationToken))
            {
                Log.Finished(logger, row.SubmissionId, row.CampaignId);
                return;
            }

            row = await submissions.GetAsync(submission.CampaignId, submission.SubmissionId, cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Submission {SubmissionId} of campaign {CampaignId} erased ({Cause}): typed text gone, blobs and audit details next")]
        public static partial void Marked(ILogger logger, string submissionId, string campaignId, string cause);

        [LoggerMessage(Level = LogLevel.Information, Message = "Erasure of submission {SubmissionId} of campaign {CampaignId} finished")]
        public static partial void Finished(ILogger logger, string submissionId, string campaignId);
    }
}
