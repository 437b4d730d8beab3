using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Review;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Processing;

/// <summary>
/// What happens when an upload lands: claim the submission with its ETag, download the blob to a private folder,
/// normalise it, store clip, thumbnail and preview, enqueue it for review, mark it Ready, delete the raw upload. Safe under duplicate and
/// concurrent deliveries: only the delivery whose If-Match claim succeeds does any work.
/// </summary>
public sealed partial class UploadProcessor
{
    /// <summary>Blob metadata on a raw upload a campaign chose to keep: when it may be deleted.</summary>
    public const string KeepUntilMetadata = "keepuntil";

    private static readonly StorageTransferOptions Download = new()
    {
        // Bounded buffers: memory stays flat whatever the upload's size.
        InitialTransferSize = 8 * 1024 * 1024,
        MaximumTransferSize = 8 * 1024 * 1024,
        MaximumConcurrency = 4,
    };

    private readonly SubmissionStore _submissions;
    private readonly CampaignStore _campaigns;
    private readonly StorageClients _storage;
    private readonly IMediaNormalizer _normalizer;
    private readonly ReviewQueue _reviewQueue;
    private readonly ProcessingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<UploadProcessor> _logger;

    public UploadProcessor(
        SubmissionStore submissions,
        CampaignStore campaigns,
        StorageClients storage,
        IMediaNormalizer normalizer,
        ReviewQueue reviewQueue,
        IOptions<ProcessingOptions> options,
        TimeProvider time,
        ILogger<UploadProcessor> logger)
    {
        _submissions = submissions;
        _campaigns = campaigns;
        _storage = storage;
        _normalizer = normalizer;
        _reviewQueue = reviewQueue;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async Task<ProcessingResult> ProcessAsync(string campaignId, string submissionId, CancellationToken cancellationToken)
    {
        var raw = RawUpload(campaignId, submissionId);
        var submission = CampaignIds.IsValid(campaignId) && SubmissionIds.IsValid(submissionId)
            ? await _submissions.GetAsync(campaignId, submissionId, cancellationToken)
            : null;
        if (submission is null)
        {
            Log.NoSubmission(_logger, campaignId, submissionId);
            await raw.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
            return ProcessingResult.Discarded;
        }

        var now = _time.GetUtcNow();
        switch (ProcessingClaim.Decide(submission, now, _options.StaleClaimAfter))
        {
            case ClaimDecision.AlreadyClaimed:
                Log.Duplicate(_logger, submissionId, submission.Status);
                return ProcessingResult.Duplicate;
            case ClaimDecision.NotClaimable:
                return await DiscardUnclaimableAsync(submission, raw, cancellationToken);
            case ClaimDecision.TakeOver:
                Log.TakingOver(_logger, submissionId, submission.ClaimedAt);
                break;
        }

        ProcessingClaim.Apply(submission, Guid.NewGuid().ToString("N"), now);
        if (!await _submissions.TryReplaceAsync(submission, cancellationToken))
        {
            Log.LostClaim(_logger, submissionId);
            return ProcessingResult.Duplicate;
        }

        try
        {
            return await RunClaimedAsync(submission, raw, cancellationToken);
        }
        catch (MediaRejectedException e)
        {
            await FailAsync(submission, e.Reason, e.Message, cancellationToken);
            return ProcessingResult.Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand the upload back untouched so the next delivery or the sweep picks it up.
            await ReleaseAsync(submission, _time.GetUtcNow(), countAttempt: false, CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            if (submission.ProcessingAttempts >= _options.MaxAttempts)
            {
                Log.GaveUp(_logger, e, submissionId, submission.ProcessingAttempts);
                await FailAsync(submission, RejectionReasons.ProcessingFailed, "We could not process this file. Please send it again.", cancellationToken);
                return ProcessingResult.Failed;
            }

            var retryAt = _time.GetUtcNow() + ProcessingClaim.Backoff(submission.ProcessingAttempts, _options.RetryBackoff);
            Log.WillRetry(_logger, e, submissionId, submission.ProcessingAttempts, retryAt);
            await ReleaseAsync(submission, retryAt, countAttempt: true, cancellationToken);
            throw new TransientProcessingException($"Processing of {submissionId} failed; it will be retried.", e);
        }
    }

    private async Task<ProcessingResult> RunClaimedAsync(SubmissionEntity submission, BlobClient raw, CancellationToken cancellationToken)
    {
        var campaign = await _campaigns.GetAsync(submission.CampaignId, cancellationToken);
        var limits = campaign?.Limits ?? new CampaignLimits();

        BlobProperties properties;
        try
        {
            properties = (await raw.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new MediaRejectedException(RejectionReasons.Corrupt, "The file did not arrive completely. Please send it again.", e);
        }

        if (properties.ContentLength > limits.MaxUploadBytes)
        {
            throw new MediaRejectedException(
                RejectionReasons.TooLarge,
                $"The file is larger than this campaign accepts ({limits.MaxUploadBytes / (1024 * 1024)} MB). Please send a shorter clip.");
        }

        using var work = WorkFolder.Create(_options.WorkRoot);
        var input = work.File("upload");
        await raw.DownloadToAsync(input, new BlobDownloadToOptions { TransferOptions = Download }, cancellationToken);

        var media = _storage.Container(StorageNames.MediaContainer);
        var prefix = StorageNames.MediaPrefix(submission.CampaignId, submission.SubmissionId);
        var thumbnailStored = false;
        var normalized = await _normalizer.NormalizeAsync(
            input,
            new MediaLimits(limits.MinClipSeconds, limits.MaxClipSeconds, limits.PhotoSeconds),
            work.Path,
            async (thumbnail, ct) =>
            {
                // Stored before the full transcode so organizers see the submission within seconds.
                await StoreAsync(media, prefix + "thumb.jpg", thumbnail, "image/jpeg", null, ct);
                thumbnailStored = true;
                Log.ThumbnailStored(_logger, submission.SubmissionId);
            },
            cancellationToken);

        if (!thumbnailStored)
        {
            await StoreAsync(media, prefix + "thumb.jpg", normalized.ThumbnailPath, "image/jpeg", null, cancellationToken);
        }

        await StoreAsync(media, prefix + "preview.mp4", normalized.PreviewPath, "video/mp4", null, cancellationToken);
        await StoreAsync(
            media, prefix + "clip.mp4", normalized.ClipPath, "video/mp4", new ClipShape(normalized.ClipWidth, normalized.ClipHeight).ToMetadata(), cancellationToken);

        var clipSeconds = normalized.Source.Kind == MediaKind.Photo ? limits.PhotoSeconds : Math.Min(normalized.Source.DurationSeconds, limits.MaxClipSeconds);

        // Before Ready, so a Ready submission always has its review item. Idempotent on the submission id: a retry
        // after a failed Ready write adds nothing, and an item whose submission never became Ready is skipped at claim.
        await _reviewQueue.EnqueueAsync(submission.CampaignId, submission.SubmissionId, cancellationToken);
        if (!await MarkReadyAsync(submission, normalized.Source, clipSeconds, cancellationToken))
        {
            return await HandleChangedWhileProcessingAsync(submission, cancellationToken);
        }

        await DisposeOfOriginalAsync(raw, limits.KeepOriginalsDays, cancellationToken);
        Log.Ready(_logger, submission.SubmissionId, normalized.Source.Kind, normalized.Source.Width, normalized.Source.Height, normalized.Source.DurationSeconds, normalized.Trimmed);
        return ProcessingResult.Ready;
    }

    private async Task<bool> MarkReadyAsync(SubmissionEntity submission, SourceInfo source, double clipSeconds, CancellationToken cancellationToken)
    {
        submission.StatusValue = SubmissionStatus.Ready;
        submission.ClaimId = null;
        submission.ClaimedAt = null;
        submission.ProcessedAt = _time.GetUtcNow();
        submission.SourceKind = source.Kind == MediaKind.Photo ? "photo" : "video";
        submission.SourceWidth = source.Width;
        submission.SourceHeight = source.Height;
        submission.SourceDurationSeconds = Math.Round(source.DurationSeconds, 3);
        submission.SourceHadAudio = source.HadAudio;
        submission.ClipSeconds = Math.Round(clipSeconds, 3);
        return await _submissions.TryReplaceAsync(submission, cancellationToken);
    }

    /// <summary>The row changed under the claim: most likely the contributor withdrew. Never leave their media behind.</summary>
    private async Task<ProcessingResult> HandleChangedWhileProcessingAsync(SubmissionEntity submission, CancellationToken cancellationToken)
    {
        var current = await _submissions.GetAsync(submission.CampaignId, submission.SubmissionId, cancellationToken);
        if (current is null || current.StatusValue == SubmissionStatus.Withdrawn)
        {
            await DeleteEverythingAsync(submission.CampaignId, submission.SubmissionId, cancellationToken);
            Log.WithdrawnDuringProcessing(_logger, submission.SubmissionId);
            return ProcessingResult.Withdrawn;
        }

        Log.ChangedDuringProcessing(_logger, submission.SubmissionId, current.Status);
        return ProcessingResult.Duplicate;
    }

    private async Task FailAsync(SubmissionEntity submission, string reason, string message, CancellationToken cancellationToken)
    {
        submission.StatusValue = SubmissionStatus.Failed;
        submission.Reason = reason;
        submission.Message = message;
        submission.ClaimId = null;
        submission.ClaimedAt = null;
        submission.NextAttemptAt = null;
        if (!await _submissions.TryReplaceAsync(submission, cancellationToken))
        {
            var current = await _submissions.GetAsync(submission.CampaignId, submission.SubmissionId, cancellationToken);
            Log.ChangedDuringProcessing(_logger, submission.SubmissionId, current?.Status ?? "deleted");
        }

        // A refused upload is not kept: nothing of it stays, raw or partial.
        await DeleteEverythingAsync(submission.CampaignId, submission.SubmissionId, cancellationToken);
        Log.Failed(_logger, submission.SubmissionId, reason);
    }

    private async Task ReleaseAsync(SubmissionEntity submission, DateTimeOffset retryAt, bool countAttempt, CancellationToken cancellationToken)
    {
        submission.StatusValue = SubmissionStatus.Uploaded;
        submission.ClaimId = null;
        submission.ClaimedAt = null;
        submission.NextAttemptAt = retryAt;
        if (!countAttempt)
        {
            submission.ProcessingAttempts = Math.Max(0, submission.ProcessingAttempts - 1);
        }

        try
        {
            await _submissions.TryReplaceAsync(submission, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            // The claim will go stale and the sweep will take it over.
            Log.ReleaseFailed(_logger, e, submission.SubmissionId);
        }
    }

    private async Task<ProcessingResult> DiscardUnclaimableAsync(SubmissionEntity submission, BlobClient raw, CancellationToken cancellationToken)
    {
        if (submission.StatusValue != SubmissionStatus.Withdrawn)
        {
            // A raw upload the campaign chose to keep is left alone; any other blob here was not asked for.
            try
            {
                var properties = await raw.GetPropertiesAsync(cancellationToken: cancellationToken);
                if (properties.Value.Metadata.ContainsKey(KeepUntilMetadata))
                {
                    return ProcessingResult.Duplicate;
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return ProcessingResult.Duplicate;
            }
        }

        Log.Unclaimable(_logger, submission.SubmissionId, submission.Status);
        await raw.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        return ProcessingResult.Discarded;
    }

    private async Task DisposeOfOriginalAsync(BlobClient raw, int keepDays, CancellationToken cancellationToken)
    {
        if (keepDays <= 0)
        {
            await raw.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
            return;
        }

        var until = _time.GetUtcNow().AddDays(keepDays).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await raw.SetMetadataAsync(new Dictionary<string, string> { [KeepUntilMetadata] = until }, cancellationToken: cancellationToken);
    }

    private async Task DeleteEverythingAsync(string campaignId, string submissionId, CancellationToken cancellationToken)
    {
        await RawUpload(campaignId, submissionId).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        var media = _storage.Container(StorageNames.MediaContainer);
        try
        {
            await foreach (var item in media.GetBlobsAsync(BlobTraits.None, BlobStates.None, StorageNames.MediaPrefix(campaignId, submissionId), cancellationToken))
            {
                await media.GetBlobClient(item.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            }
        }
        catch (RequestFailedException e) when (e.ErrorCode == "ContainerNotFound")
        {
            // No container, no media to delete.
        }
    }

    private static async Task StoreAsync(
        BlobContainerClient container, string name, string path, string contentType, IDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        await container.GetBlobClient(name).UploadAsync(
            path,
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType, CacheControl = "private, max-age=900" },
                Metadata = metadata,
            },
            cancellationToken);
    }

    private BlobClient RawUpload(string campaignId, string submissionId) =>
        _storage.Container(StorageNames.UploadsContainer).GetBlobClient(StorageNames.UploadBlob(campaignId, submissionId));

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {CampaignId}/{SubmissionId} matches no submission; deleted unprocessed")]
        public static partial void NoSubmission(ILogger logger, string campaignId, string submissionId);

        [LoggerMessage(Level = LogLevel.Information, Message = "Upload {SubmissionId} delivered again while {Status}; ignored")]
        public static partial void Duplicate(ILogger logger, string submissionId, string status);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {SubmissionId} is {Status}, not awaiting processing; blob deleted unprocessed")]
        public static partial void Unclaimable(ILogger logger, string submissionId, string status);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Taking over upload {SubmissionId}, claimed at {ClaimedAt} by a worker that stopped")]
        public static partial void TakingOver(ILogger logger, string submissionId, DateTimeOffset? claimedAt);

        [LoggerMessage(Level = LogLevel.Information, Message = "Another worker claimed upload {SubmissionId} first")]
        public static partial void LostClaim(ILogger logger, string submissionId);

        [LoggerMessage(Level = LogLevel.Information, Message = "Thumbnail of {SubmissionId} stored")]
        public static partial void ThumbnailStored(ILogger logger, string submissionId);

        [LoggerMessage(Level = LogLevel.Information, Message = "Upload {SubmissionId} is Ready: {Kind} {Width}x{Height}, {DurationSeconds} s, trimmed {Trimmed}")]
        public static partial void Ready(ILogger logger, string submissionId, MediaKind kind, int width, int height, double durationSeconds, bool trimmed);

        [LoggerMessage(Level = LogLevel.Information, Message = "Upload {SubmissionId} failed: {Reason}")]
        public static partial void Failed(ILogger logger, string submissionId, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {SubmissionId} failed on attempt {Attempt}; retry after {RetryAt}")]
        public static partial void WillRetry(ILogger logger, Exception exception, string submissionId, int attempt, DateTimeOffset retryAt);

        [LoggerMessage(Level = LogLevel.Error, Message = "Upload {SubmissionId} failed {Attempts} times; giving up")]
        public static partial void GaveUp(ILogger logger, Exception exception, string submissionId, int attempts);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand upload {SubmissionId} back for a retry")]
        public static partial void ReleaseFailed(ILogger logger, Exception exception, string submissionId);

        [LoggerMessage(Level = LogLevel.Information, Message = "Upload {SubmissionId} was withdrawn while processing; its media was deleted")]
        public static partial void WithdrawnDuringProcessing(ILogger logger, string submissionId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {SubmissionId} changed to {Status} while processing")]
        public static partial void ChangedDuringProcessing(ILogger logger, string submissionId, string status);
    }
}
