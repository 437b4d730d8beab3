using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Erasure;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Review;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Processing;

/// <summary>
/// What happens when an upload lands: claim the submission with its ETag, download the blob to a private folder,
/// normalise it, store clip, thumbnail and preview, enqueue it for review, mark it Ready, delete the raw upload. Safe under duplicate and
/// concurrent deliveries: only the delivery whose If-Match claim succeeds does any work, and only while it still holds
/// the claim does it write a final state or delete anything.
/// <para>
/// Only a refusal of the media itself (<see cref="MediaRejectedException"/>) fails the submission and deletes the upload.
/// Our own faults (a tool, storage, a time limit) are retried with backoff; when the attempts run out the submission is
/// Failed with <c>processing_failed</c> and the raw upload is kept for an organizer's retry.
/// </para>
/// </summary>
public sealed partial class UploadProcessor
{
    /// <summary>A raw upload that faults kept from Ready is kept at least this long, whatever the campaign keeps.</summary>
    public const int MinKeepFailedDays = 3;

    public const string ProcessingFailedMessage =
        "Something went wrong on our side. Your file is safe and the organizers are looking at it: you do not need to send it again.";

    private readonly SubmissionStore _submissions;
    private readonly CampaignStore _campaigns;
    private readonly StorageClients _storage;
    private readonly IMediaNormalizer _normalizer;
    private readonly ReviewQueue _reviewQueue;
    private readonly SubmissionErasure _erasure;
    private readonly ProcessingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<UploadProcessor> _logger;
    private readonly Protection.RegionProposer? _faces;

    public UploadProcessor(
        SubmissionStore submissions,
        CampaignStore campaigns,
        StorageClients storage,
        IMediaNormalizer normalizer,
        ReviewQueue reviewQueue,
        SubmissionErasure erasure,
        IOptions<ProcessingOptions> options,
        TimeProvider time,
        ILogger<UploadProcessor> logger,
        Protection.RegionProposer? faces = null)
    {
        _faces = faces;
        _submissions = submissions;
        _campaigns = campaigns;
        _storage = storage;
        _normalizer = normalizer;
        _reviewQueue = reviewQueue;
        _erasure = erasure;
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
            await BlobErasure.DeleteAsync(raw, cancellationToken);
            return ProcessingResult.Discarded;
        }

        var now = _time.GetUtcNow();
        switch (ProcessingClaim.Decide(submission, now, _options.StaleClaimAfter))
        {
            case ClaimDecision.NotDue:
                Log.NotDue(_logger, submissionId, submission.NextAttemptAt);
                return ProcessingResult.NotDue;
            case ClaimDecision.AlreadyClaimed:
                Log.Duplicate(_logger, submissionId, submission.Status);
                return ProcessingResult.Duplicate;
            case ClaimDecision.NotClaimable:
                return await DiscardUnclaimableAsync(submission, raw, cancellationToken);
            case ClaimDecision.TakeOver:
                Log.TakingOver(_logger, submissionId, submission.ClaimedAt);
                break;
        }

        ProcessingClaim.Apply(submission, Guid.NewGuid().ToString("N"), now, _logger);
        if (!await _submissions.TryReplaceAsync(submission, cancellationToken))
        {
            Log.LostClaim(_logger, submissionId);
            return ProcessingResult.Duplicate;
        }

        try
        {
            return await RunClaimedAsync(submission, raw, cancellationToken);
        }
        catch (ClaimLostException)
        {
            // Taken over while this run was slow (or withdrawn): the new holder's outputs are left as they are.
            return await HandleChangedWhileProcessingAsync(submission, cancellationToken);
        }
        catch (MediaRejectedException e) when (IsTheMedia(e))
        {
            return await RefuseAsync(submission, e.Reason, e.Message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand the upload back untouched so the next delivery or the sweep picks it up.
            await ReleaseAsync(submission, _time.GetUtcNow(), countAttempt: false, CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            // Our fault, not the media's (a tool, storage, a time limit on a busy instance): the upload is never lost to it.
            if (submission.ProcessingAttempts >= _options.MaxAttempts)
            {
                Log.GaveUp(_logger, e, submissionId, submission.ProcessingAttempts);
                return await GiveUpAsync(submission, cancellationToken);
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

        var properties = await CheckedUpload.CheckAsync(raw, submission.DeclaredSizeBytes, limits.MaxUploadBytes, cancellationToken);

        using var work = WorkFolder.Create(_options.WorkRoot);
        var input = work.File("upload");

        await CheckedUpload.DownloadAsync(raw, properties, input, cancellationToken);

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
                await StoreWhileOursAsync(submission, media, prefix + "thumb.jpg", thumbnail, "image/jpeg", null, ct);
                thumbnailStored = true;
                Log.ThumbnailStored(_logger, submission.SubmissionId);
            },
            cancellationToken);

        if (!thumbnailStored)
        {
            await StoreWhileOursAsync(submission, media, prefix + "thumb.jpg", normalized.ThumbnailPath, "image/jpeg", null, cancellationToken);
        }

        await StoreWhileOursAsync(submission, media, prefix + "preview.mp4", normalized.PreviewPath, "video/mp4", null, cancellationToken);
        await StoreWhileOursAsync(
            submission, media, prefix + "clip.mp4", normalized.ClipPath, "video/mp4", new ClipShape(normalized.ClipWidth, normalized.ClipHeight).ToMetadata(), cancellationToken);

        var clipSeconds = normalized.Source.Kind == MediaKind.Photo ? limits.PhotoSeconds : Math.Min(normalized.Source.DurationSeconds, limits.MaxClipSeconds);
        if (submission.ProtectFaces == true && _faces is not null)
        {
            await ProposeFaceRegionsAsync(submission, normalized, clipSeconds, work.Path, cancellationToken);
        }

        // Before Ready, so a Ready submission always has its review item. Idempotent on the submission id: a retry
        // after a failed Ready write adds nothing, and an item whose submission never became Ready is skipped at claim.
        await _reviewQueue.EnqueueAsync(submission.CampaignId, submission.SubmissionId, cancellationToken);
        if (!await MarkReadyAsync(submission, normalized.Source, clipSeconds, limits.KeepOriginalsDays, cancellationToken))
        {
            return await HandleChangedWhileProcessingAsync(submission, cancellationToken);
        }

        if (submission.OriginalKeptUntil is null)
        {
            // Ready is written: this run finished, and nobody else processes the upload again.
            await BlobErasure.DeleteAsync(raw, cancellationToken);
        }

        Log.Ready(_logger, submission.SubmissionId, normalized.Source.Kind, normalized.Source.Width, normalized.Source.Height, normalized.Source.DurationSeconds, normalized.Trimmed);
        return ProcessingResult.Ready;
    }

    /// <summary>
    /// Proposes the face regions (issue 15) onto the row the Ready write saves. A detector that cannot run is ours, not
    /// the contributor's: the clip goes on to Ready without proposals, and the organizer's check proposes again or says
    /// it failed. Approval waits for an organizer's confirmation either way.
    /// </summary>
    private async Task ProposeFaceRegionsAsync(SubmissionEntity submission, NormalizedMedia normalized, double clipSeconds, string workDirectory, CancellationToken cancellationToken)
    {
        try
        {
            var regions = await _faces!.ProposeAsync(normalized.ClipPath, normalized.ClipWidth, normalized.ClipHeight, clipSeconds, workDirectory, cancellationToken);
            _faces.Record(submission, regions);
        }
        catch (Exception e) when (e is Protection.FaceDetectionException or MediaToolException)
        {
            Log.FaceProposalFailed(_logger, e, submission.SubmissionId);
        }
    }

    private async Task<bool> MarkReadyAsync(SubmissionEntity submission, SourceInfo source, double clipSeconds, int keepOriginalsDays, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        SubmissionLifecycle.Move(submission, SubmissionStatus.Ready, SubmissionActor.Processor, _logger);
        submission.ClaimId = null;
        submission.ClaimedAt = null;
        submission.NextAttemptAt = null;
        submission.ProcessedAt = now;

        // The deadline lives in the row; the sweep deletes the original after it.
        submission.OriginalKeptUntil = keepOriginalsDays > 0 ? now.AddDays(keepOriginalsDays) : null;
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
            await _erasure.DeleteBlobsAsync(submission.CampaignId, submission.SubmissionId, cancellationToken);
            Log.WithdrawnDuringProcessing(_logger, submission.SubmissionId);
            return ProcessingResult.Withdrawn;
        }

        Log.ChangedDuringProcessing(_logger, submission.SubmissionId, current.Status);
        return ProcessingResult.Duplicate;
    }

    /// <summary>Timeouts are ours (a busy instance, a slow disk), not the media's: they are retried like any fault.</summary>
    private static bool IsTheMedia(MediaRejectedException e) => e.Reason != RejectionReasons.Timeout;

    /// <summary>The media itself is unacceptable: Failed with its reason, and nothing of it is kept, raw or partial.</summary>
    private async Task<ProcessingResult> RefuseAsync(SubmissionEntity submission, string reason, string message, CancellationToken cancellationToken)
    {
        SetFailed(submission, reason, message, keptUntil: null);
        if (!await _submissions.TryReplaceAsync(submission, cancellationToken))
        {
            return await HandleChangedWhileProcessingAsync(submission, cancellationToken);
        }

        await DeleteWhileOursAsync(submission, includeRaw: true, cancellationToken);
        Log.Failed(_logger, submission.SubmissionId, reason);
        return ProcessingResult.Failed;
    }

    /// <summary>
    /// Faults outlasted every attempt: Failed with processing_failed, the partial outputs deleted, and the raw upload kept
    /// for an organizer's retry until the deadline written in the row.
    /// </summary>
    private async Task<ProcessingResult> GiveUpAsync(SubmissionEntity submission, CancellationToken cancellationToken)
    {
        var keepDays = Math.Max(MinKeepFailedDays, await KeepOriginalsDaysAsync(submission.CampaignId, cancellationToken));
        SetFailed(submission, RejectionReasons.ProcessingFailed, ProcessingFailedMessage, _time.GetUtcNow().AddDays(keepDays));
        if (!await _submissions.TryReplaceAsync(submission, cancellationToken))
        {
            return await HandleChangedWhileProcessingAsync(submission, cancellationToken);
        }

        await DeleteWhileOursAsync(submission, includeRaw: false, cancellationToken);
        Log.Failed(_logger, submission.SubmissionId, RejectionReasons.ProcessingFailed);
        return ProcessingResult.Failed;
    }

    private void SetFailed(SubmissionEntity submission, string reason, string message, DateTimeOffset? keptUntil)
    {
        SubmissionLifecycle.Move(submission, SubmissionStatus.Failed, SubmissionActor.Processor, _logger);
        submission.Reason = reason;
        submission.Message = message;
        submission.ClaimId = null;
        submission.ClaimedAt = null;
        submission.NextAttemptAt = null;
        submission.OriginalKeptUntil = keptUntil;
    }

    private async Task<int> KeepOriginalsDaysAsync(string campaignId, CancellationToken cancellationToken)
    {
        try
        {
            return (await _campaigns.GetAsync(campaignId, cancellationToken))?.Limits.KeepOriginalsDays ?? 0;
        }
        catch (RequestFailedException e)
        {
            Log.CampaignUnread(_logger, e, campaignId);
            return 0;
        }
    }

    /// <summary>
    /// Deletes what this run made (and the raw upload when asked), each blob only while the row is still the one this run
    /// wrote: a worker that lost the submission to another (a retry, a take-over) stops and deletes nothing more.
    /// </summary>
    private async Task DeleteWhileOursAsync(SubmissionEntity submission, bool includeRaw, CancellationToken cancellationToken)
    {
        var media = _storage.Container(StorageNames.MediaContainer);
        var blobs = new List<BlobClient>();
        if (includeRaw)
        {
            blobs.Add(RawUpload(submission.CampaignId, submission.SubmissionId));
        }

        try
        {
            await foreach (var item in media.GetBlobsAsync(BlobTraits.None, BlobStates.None, StorageNames.MediaPrefix(submission.CampaignId, submission.SubmissionId), cancellationToken))
            {
                blobs.Add(media.GetBlobClient(item.Name));
            }
        }
        catch (RequestFailedException e) when (e.ErrorCode == "ContainerNotFound")
        {
            // No container, no media to delete.
        }

        foreach (var blob in blobs)
        {
            var current = await _submissions.GetAsync(submission.CampaignId, submission.SubmissionId, cancellationToken);
            if (current is null || current.ETag != submission.ETag)
            {
                Log.LostClaimBeforeCleanUp(_logger, submission.SubmissionId, current?.Status ?? "deleted");
                return;
            }

            await BlobErasure.DeleteAsync(blob, cancellationToken);
        }
    }

    private async Task ReleaseAsync(SubmissionEntity submission, DateTimeOffset retryAt, bool countAttempt, CancellationToken cancellationToken)
    {
        SubmissionLifecycle.Move(submission, SubmissionStatus.Uploaded, SubmissionActor.Processor, _logger);
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
        catch (Exception e) when (e is RequestFailedException or AggregateException or IOException or TimeoutException)
        {
            // Storage unreachable (the SDK's retries end in an AggregateException): the claim will go stale and the sweep
            // will take it over. Nothing else may escape here, or the run's own outcome would be lost with it.
            Log.ReleaseFailed(_logger, e, submission.SubmissionId);
        }
    }

    private async Task<ProcessingResult> DiscardUnclaimableAsync(SubmissionEntity submission, BlobClient raw, CancellationToken cancellationToken)
    {
        // A raw upload kept by the row's own deadline (never by blob metadata, which the link could set) is left alone;
        // any other blob here was not asked for.
        if (submission.StatusValue != SubmissionStatus.Withdrawn && submission.OriginalKeptUntil > _time.GetUtcNow())
        {
            return ProcessingResult.Duplicate;
        }

        if (!await BlobErasure.DeleteAsync(raw, cancellationToken))
        {
            return ProcessingResult.Duplicate; // a late redelivery: nothing left to do
        }

        Log.Unclaimable(_logger, submission.SubmissionId, submission.Status);
        return ProcessingResult.Discarded;
    }

    /// <summary>
    /// Stores one output only while the row still carries this run's claim. A worker that was slow, not dead, has its
    /// claim taken over by the sweep; when it gets here the new holder may have stored its own outputs and gone Ready (and
    /// the clip's ETag may key cached segments): this run must replace none of it. The read narrows the race to the
    /// moment between it and the write.
    /// </summary>
    private async Task StoreWhileOursAsync(
        SubmissionEntity submission, BlobContainerClient container, string name, string path, string contentType, IDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        var current = await _submissions.GetAsync(submission.CampaignId, submission.SubmissionId, cancellationToken);
        if (current is not { StatusValue: SubmissionStatus.Processing } || current.ClaimId != submission.ClaimId)
        {
            throw new ClaimLostException();
        }

        await StoreAsync(container, name, path, contentType, metadata, cancellationToken);
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

    /// <summary>This run no longer holds the claim on its submission: it stops, writing and deleting nothing more.</summary>
    private sealed class ClaimLostException : Exception
    {
    }

    private BlobClient RawUpload(string campaignId, string submissionId) =>
        _storage.Container(StorageNames.UploadsContainer).GetBlobClient(StorageNames.UploadBlob(campaignId, submissionId));

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Face regions of {SubmissionId} could not be proposed; the clip goes to review without them")]
        public static partial void FaceProposalFailed(ILogger logger, Exception exception, string submissionId);

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

        [LoggerMessage(Level = LogLevel.Information, Message = "Upload {SubmissionId} delivered before its retry is due ({NextAttemptAt}); left for then")]
        public static partial void NotDue(ILogger logger, string submissionId, DateTimeOffset? nextAttemptAt);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {SubmissionId} changed to {Status} under this run; it stops and deletes nothing more")]
        public static partial void LostClaimBeforeCleanUp(ILogger logger, string submissionId, string status);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read campaign {CampaignId}; a failed upload is kept the minimum time")]
        public static partial void CampaignUnread(ILogger logger, Exception exception, string campaignId);

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

        [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {SubmissionId} changed to {Status} while processing; this run stops and deletes nothing")]
        public static partial void ChangedDuringProcessing(ILogger logger, string submissionId, string status);
    }
}
