using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Processing;

/// <summary>
/// The safety net behind blob events: takes over claims whose worker died, retries uploads whose backoff is due,
/// processes uploads whose event never came, expires links that were never used, and deletes kept originals
/// whose time is up. Runs on a timer; every step is idempotent.
/// </summary>
public sealed partial class StalledUploadSweeper
{
    private readonly StorageClients _storage;
    private readonly SubmissionStore _submissions;
    private readonly UploadProcessor _processor;
    private readonly ProcessingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StalledUploadSweeper> _logger;

    public StalledUploadSweeper(
        StorageClients storage,
        SubmissionStore submissions,
        UploadProcessor processor,
        IOptions<ProcessingOptions> options,
        TimeProvider time,
        ILogger<StalledUploadSweeper> logger)
    {
        _storage = storage;
        _submissions = submissions;
        _processor = processor;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async Task<SweepReport> SweepAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var staleBefore = now - _options.StaleClaimAfter;
        var expiredBefore = now - _options.ExpiryGrace;
        var processing = nameof(SubmissionStatus.Processing);
        var uploaded = nameof(SubmissionStatus.Uploaded);
        var issued = nameof(SubmissionStatus.Issued);


        int retried = 0, expired = 0, failed = 0;
        // The store's filter escapes every value: no OData built by hand.
        await foreach (var row in _submissions.WhereAsync(
            $"(Status eq {processing} and ClaimedAt lt {staleBefore}) or (Status eq {uploaded} and NextAttemptAt le {now}) or (Status eq {issued} and UploadExpiresAt lt {expiredBefore})",
            cancellationToken))
        {
            try
            {
                if (row.StatusValue == SubmissionStatus.Issued && !await UploadExistsAsync(row, cancellationToken))
                {
                    expired += await ExpireAsync(row, cancellationToken) ? 1 : 0;
                    continue;
                }

                await _processor.ProcessAsync(row.CampaignId, row.SubmissionId, cancellationToken);
                retried++;
            }
            catch (Exception e) when (e is TransientProcessingException or RequestFailedException or AggregateException)
            {
                failed++;
                Log.SweepItemFailed(_logger, e, row.SubmissionId);
            }
        }

        var originals = await DeleteExpiredOriginalsAsync(now, cancellationToken);
        var report = new SweepReport(retried, expired, failed, originals);
        if (report != SweepReport.Empty)
        {
            Log.Swept(_logger, retried, expired, failed, originals);
        }

        return report;
    }

    private async Task<bool> UploadExistsAsync(SubmissionEntity row, CancellationToken cancellationToken)
    {
        var blob = _storage.Container(StorageNames.UploadsContainer).GetBlobClient(StorageNames.UploadBlob(row.CampaignId, row.SubmissionId));
        return await blob.ExistsAsync(cancellationToken);
    }

    private async Task<bool> ExpireAsync(SubmissionEntity row, CancellationToken cancellationToken)
    {
        SubmissionLifecycle.Expire(row, SubmissionActor.Sweep, _logger);
        return await _submissions.TryReplaceAsync(row, cancellationToken);
    }

    /// <summary>
    /// Deletes raw uploads whose keeping deadline in the row has passed, then clears the deadline (If-Match). Rows still on
    /// their way through processing (a retry) are left to it.
    /// </summary>
    private async Task<int> DeleteExpiredOriginalsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var uploads = _storage.Container(StorageNames.UploadsContainer);
        var deleted = 0;
        await foreach (var row in _submissions.WhereAsync($"OriginalKeptUntil le {now}", cancellationToken))
        {
            if (row.StatusValue is SubmissionStatus.Uploaded or SubmissionStatus.Processing)
            {
                continue;
            }

            await BlobErasure.DeleteAsync(uploads.GetBlobClient(StorageNames.UploadBlob(row.CampaignId, row.SubmissionId)), cancellationToken);
            row.OriginalKeptUntil = null;
            if (await _submissions.TryReplaceAsync(row, cancellationToken))
            {
                deleted++;
            }
        }

        return deleted;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Sweep: {Retried} uploads processed again, {Expired} links expired, {Failed} still failing, {Originals} kept originals deleted")]
        public static partial void Swept(ILogger logger, int retried, int expired, int failed, int originals);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep could not finish upload {SubmissionId}")]
        public static partial void SweepItemFailed(ILogger logger, Exception exception, string submissionId);
    }
}

public sealed record SweepReport(int Processed, int Expired, int Failed, int OriginalsDeleted)
{
    public static readonly SweepReport Empty = new(0, 0, 0, 0);
}
