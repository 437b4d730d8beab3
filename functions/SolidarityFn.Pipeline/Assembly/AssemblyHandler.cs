using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Processing;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// Does one assembly (queue "assembly"): reads the Approved list in organizer order (so a withdrawn or re-decided clip is
/// never used), records which clips it uses, renders every segment of every format through the <see cref="SegmentCache"/>,
/// checks the list again (a clip withdrawn or rejected meanwhile is dropped and the plan made again without it), joins
/// the segments and uploads the videos and caption files to final/{campaignId}/{assemblyId}/, keeping the Assemblies
/// row up to date. Idempotent: a finished row is left alone, and a re-run reuses the segments the first run cached.
/// A clip withdrawn between that check and the row saying Succeeded is caught by one more check after it: the
/// assembly then retracts itself (a withdrawal retracts finished assemblies itself, so one side always sees the other).
/// </summary>
public sealed partial class AssemblyHandler(
    StorageClients storage,
    AssemblyStore assemblies,
    CampaignCache campaigns,
    SegmentRenderer renderer,
    SegmentProduction production,
    ApprovedClips approved,
    AssemblyRetraction retraction,
    SegmentSweep sweep,
    AssemblyAudio audio,
    IEnumerable<IAssemblyStageObserver> observers,
    IOptions<ProcessingOptions> processing,
    IOptions<AssemblyOptions> options,
    TimeProvider time,
    ILogger<AssemblyHandler> logger) : IQueueHandler
{
    /// <summary>Plans made at most per attempt when clips keep being withdrawn or rejected while it renders.</summary>
    private const int MaxPlans = 3;

    private readonly IReadOnlyList<IAssemblyStageObserver> _observers = [.. observers];

    public string QueueName => AssemblyWork.QueueName;

    /// <summary>Assembly:LeaseDuration (10 minutes): renders take minutes; the pump renews at half-time anyway.</summary>
    public TimeSpan? LeaseDuration => options.Value.LeaseDuration;

    public async Task HandleAsync(QueueLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var work = lease.PayloadAs<AssemblyWork>() ?? throw new InvalidOperationException("The assembly item has no payload.");
        if (await assemblies.GetAsync(work.CampaignId, work.AssemblyId, cancellationToken) is not { IsActive: true } entity)
        {
            return;
        }

        entity.State = AssemblyState.Running;
        entity.StartedAt ??= time.GetUtcNow();
        entity.Progress = 0;
        entity.Message = lease.Attempt > 1 ? $"Attempt {lease.Attempt} of {lease.MaxAttempts}." : null;
        await SaveAsync(entity, cancellationToken);
        try
        {
            await AssembleAsync(entity, cancellationToken);
            Log.Succeeded(logger, entity.PartitionKey, entity.AssemblyId, entity.SegmentsRendered, entity.SegmentsReused);
        }
        catch (SegmentRenderException e)
        {
            // Deterministic: the same render fails again, so the job ends now with the part named instead of retrying.
            await TryRemoveWithdrawnAsync(entity);
            Log.RenderRefused(logger, e, entity.PartitionKey, entity.AssemblyId, e.SubmissionId);
            await FinishAsync(entity, AssemblyState.Failed, e.Message, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Segments of a clip withdrawn during the render may have been stored after the withdrawal deleted its folder.
            await TryRemoveWithdrawnAsync(entity);
            if (e is OperationCanceledException)
            {
                throw;
            }

            Log.Failed(logger, e, entity.PartitionKey, entity.AssemblyId, lease.Attempt);
            entity.Message = lease.IsLastAttempt ? "The assembly failed; start it again." : "This attempt failed; trying again.";
            if (lease.IsLastAttempt)
            {
                entity.State = AssemblyState.Failed;
                entity.FinishedAt = time.GetUtcNow();
            }

            await TrySaveAsync(entity);
            throw;
        }
    }

    private async Task AssembleAsync(AssemblyEntity entity, CancellationToken cancellationToken)
    {
        var campaignId = entity.PartitionKey;
        var campaign = await campaigns.GetAsync(campaignId, cancellationToken) ?? throw new InvalidOperationException("The campaign is gone.");
        if (!AssemblyFormats.TryParseList(entity.Formats, out var formats))
        {
            throw new InvalidOperationException("The assembly row names an unknown format.");
        }

        for (var plan = 1; ; plan++)
        {
            var rows = await approved.ListAsync(campaignId, cancellationToken);
            if (rows.Count == 0)
            {
                await FinishAsync(entity, AssemblyState.Failed, "No approved clips are left to assemble.", cancellationToken);
                return;
            }

            var timeline = ApprovedClips.Plan(rows, campaign, entity.Title, entity.EndCard, entity.TargetSeconds, entity.Subtitle);
            var used = timeline.Clips.Select(e => e.Clip!.SubmissionId).Distinct(StringComparer.Ordinal).ToList();

            // Recorded before anything is rendered, so a withdrawal from now on finds this assembly.
            entity.UsedJson = JsonSerializer.Serialize(used, JsonSerializerOptions.Web);
            entity.ApprovedFingerprint = ApprovedClips.Fingerprint(rows);
            entity.Progress = 0;
            await SaveAsync(entity, cancellationToken);

            // One work folder per plan: a withdrawn clip's local copy is deleted with it before the next plan.
            using var folder = WorkFolder.Create(processing.Value.WorkRoot);
            ClipSources sources;
            ProducedSegments produced;
            AudioMix? mix = null;
            try
            {
                sources = await ClipSources.IdentifyAsync(storage, campaignId, used, folder, cancellationToken);
                var sounding = ApprovedClips.Sounding(rows);
                var clipSounds = ClipSounds.Of(sources, sounding);

                // The sound once for every format (voices, music bed, −14 LUFS), made from the clips in the render slot
                // the last segments leave idle, rather than after them.
                produced = await ProduceAsync(
                    entity,
                    timeline,
                    formats,
                    sources,
                    folder,
                    async (fetched, token) => mix = await audio.MixAsync(
                        campaignId, timeline, sources, clipSounds, entity.Music ?? true, entity.MusicLevel ?? MusicBed.DefaultLevel, folder, token, fetched),
                    cancellationToken);
                foreach (var observer in _observers)
                {
                    await observer.RenderedAsync(campaignId, entity.AssemblyId, used, cancellationToken);
                }
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412 && e.ErrorCode != "UpdateConditionNotSatisfied")
            {
                // A clip blob vanished or changed under the render: if it was withdrawn or re-decided, plan again.
                if (!await DropChangedAsync(entity, used, cancellationToken))
                {
                    throw;
                }

                if (await GaveUpAsync(entity, plan, cancellationToken))
                {
                    return;
                }

                continue;
            }

            // Nothing is published of a clip that is no longer Approved, however late it changed.
            if (await DropChangedAsync(entity, used, cancellationToken))
            {
                if (await GaveUpAsync(entity, plan, cancellationToken))
                {
                    return;
                }

                continue;
            }

            await PublishAsync(entity, timeline, formats, sources, produced, mix!, folder, cancellationToken);

            // A withdrawal that came after the check above and read this row before it said Succeeded left it to us.
            var late = await approved.CheckAsync(campaignId, used, cancellationToken);
            if (late.Withdrawn.Count > 0)
            {
                await DropChangedAsync(entity, used, cancellationToken);
                await retraction.RetractAsync(entity, cancellationToken);
                return;
            }

            await TrySweepAsync(campaignId, new HashSet<string>(produced.BlobNames, StringComparer.Ordinal) { mix!.BlobName }, cancellationToken);
            return;
        }
    }

    private async Task<ProducedSegments> ProduceAsync(
        AssemblyEntity entity,
        AssemblyTimeline timeline,
        IReadOnlyList<AssemblyFormat> formats,
        ClipSources sources,
        WorkFolder folder,
        Func<IReadOnlyList<string?>, CancellationToken, Task> sound,
        CancellationToken cancellationToken)
    {
        var steps = formats.Count * (timeline.Entries.Count + 1);
        using var progress = new SemaphoreSlim(1, 1);
        var saved = 0;

        // Segments finish out of order and side by side; the row is written by one of them at a time, never backwards.
        async Task ReportAsync(int done, CancellationToken token)
        {
            await progress.WaitAsync(token);
            try
            {
                if (done > saved)
                {
                    saved = done;
                    await ProgressAsync(entity, done, steps, token);
                }
            }
            finally
            {
                progress.Release();
            }
        }

        return await production.ProduceAsync(entity.PartitionKey, timeline, formats, sources, folder, ReportAsync, cancellationToken, sound);
    }

    private async Task PublishAsync(
        AssemblyEntity entity,
        AssemblyTimeline timeline,
        IReadOnlyList<AssemblyFormat> formats,
        ClipSources sources,
        ProducedSegments produced,
        AudioMix mix,
        WorkFolder folder,
        CancellationToken cancellationToken)
    {
        var prefix = StorageNames.AssemblyPrefix(entity.PartitionKey, entity.AssemblyId);
        var steps = formats.Count * (timeline.Entries.Count + 1);
        var done = formats.Count * timeline.Entries.Count;
        entity.MusicMixed = mix.MusicMixed;

        // The formats are joined side by side: a join is one mostly single-threaded ffmpeg and an upload, so with
        // three formats their network and CPU halves overlap. The row is written by one of them at a time.
        var videos = new string[produced.Formats.Count];
        using (var progress = new SemaphoreSlim(1, 1))
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, produced.Formats.Count),
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
                async (index, token) =>
                {
                    var segments = produced.Formats[index];
                    var output = Path.Combine(segments.Folder, "assembled.mp4");
                    await renderer.ConcatAsync(segments.Folder, segments.FileNames, timeline.TotalSeconds, output, token, mix.Path);
                    videos[index] = await UploadAsync(prefix + segments.Format.Name + ".mp4", output, "video/mp4", token);
                    await progress.WaitAsync(token);
                    try
                    {
                        await ProgressAsync(entity, ++done, steps, token);
                    }
                    finally
                    {
                        progress.Release();
                    }
                });
        }

        var outputs = new List<string>(videos);

        outputs.Add(await UploadTextAsync(folder, prefix + "captions.vtt", CaptionFiles.Vtt(timeline), "text/vtt; charset=utf-8", cancellationToken));
        outputs.Add(await UploadTextAsync(folder, prefix + "captions.srt", CaptionFiles.Srt(timeline), "application/x-subrip; charset=utf-8", cancellationToken));
        outputs.Add(await UploadTextAsync(folder, prefix + "credits.txt", CaptionFiles.Credits(timeline), "text/plain; charset=utf-8", cancellationToken));

        entity.OutputsJson = JsonSerializer.Serialize(outputs, JsonSerializerOptions.Web);
        entity.ShortenedJson = JsonSerializer.Serialize(timeline.Shortened, JsonSerializerOptions.Web);
        entity.LeftOutJson = JsonSerializer.Serialize(timeline.LeftOut, JsonSerializerOptions.Web);
        entity.ClipCount = timeline.Clips.Count();
        (entity.SegmentsRendered, entity.SegmentsReused) = (produced.Rendered, produced.Reused);
        entity.ClipsDownloaded = sources.Downloaded;
        await FinishAsync(entity, AssemblyState.Succeeded, Summary(timeline), cancellationToken);
    }

    /// <summary>
    /// Reads the Approved list again; when a used clip left it, deletes the segments of the withdrawn ones and says so.
    /// </summary>
    private async Task<bool> DropChangedAsync(AssemblyEntity entity, IReadOnlyCollection<string> used, CancellationToken cancellationToken)
    {
        var consent = await approved.CheckAsync(entity.PartitionKey, used, cancellationToken);
        foreach (var id in consent.Withdrawn)
        {
            await retraction.DeleteClipSegmentsAsync(entity.PartitionKey, id, cancellationToken);
        }

        if (consent.Changed)
        {
            Log.Replanning(logger, entity.AssemblyId, entity.PartitionKey, consent.Dropped.Count, consent.Withdrawn.Count);
        }

        return consent.Changed;
    }

    private async Task<bool> GaveUpAsync(AssemblyEntity entity, int plan, CancellationToken cancellationToken)
    {
        if (plan < MaxPlans)
        {
            return false;
        }

        await FinishAsync(entity, AssemblyState.Failed, "Clips kept being withdrawn or rejected while the assembly ran; start it again.", cancellationToken);
        return true;
    }

    private async Task RemoveWithdrawnAsync(AssemblyEntity entity, CancellationToken cancellationToken)
    {
        var consent = await approved.CheckAsync(entity.PartitionKey, entity.Used().ToList(), cancellationToken);
        foreach (var id in consent.Withdrawn)
        {
            await retraction.DeleteClipSegmentsAsync(entity.PartitionKey, id, cancellationToken);
        }
    }

    private async Task TryRemoveWithdrawnAsync(AssemblyEntity entity)
    {
        try
        {
            await RemoveWithdrawnAsync(entity, CancellationToken.None);
        }
        catch (RequestFailedException e)
        {
            Log.CleanUpFailed(logger, e, entity.PartitionKey, entity.AssemblyId);
        }
    }

    /// <summary>Best effort: a failed clean-up leaves segments for the next one.</summary>
    private async Task TrySweepAsync(string campaignId, IReadOnlySet<string> keep, CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await sweep.SweepAsync(campaignId, keep, cancellationToken);
            Log.Swept(logger, deleted, campaignId);
        }
        catch (RequestFailedException e)
        {
            Log.SweepFailed(logger, e, campaignId);
        }
    }

    private async Task<string> UploadAsync(string blobName, string path, string contentType, CancellationToken cancellationToken)
    {
        var blob = storage.Container(StorageNames.FinalContainer).GetBlobClient(blobName);
        await blob.UploadAsync(path, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
        return blobName;
    }

    private async Task<string> UploadTextAsync(WorkFolder folder, string blobName, string text, string contentType, CancellationToken cancellationToken)
    {
        var path = folder.File(Path.GetFileName(blobName));
        await File.WriteAllTextAsync(path, text, CaptionTextFiles.Utf8NoBom, cancellationToken);
        return await UploadAsync(blobName, path, contentType, cancellationToken);
    }

    private static string Summary(AssemblyTimeline timeline) =>
        $"{timeline.Clips.Count()} clips, {timeline.TotalSeconds:0.#} s; {timeline.Shortened.Count} shortened, {timeline.LeftOut.Count} left out.";

    private Task ProgressAsync(AssemblyEntity entity, int done, int steps, CancellationToken cancellationToken)
    {
        // Short of 1 until the row says Succeeded.
        entity.Progress = Math.Round(Math.Min(0.99, done / (double)steps), 3);
        return SaveAsync(entity, cancellationToken);
    }

    private Task FinishAsync(AssemblyEntity entity, AssemblyState state, string message, CancellationToken cancellationToken)
    {
        entity.State = state;
        entity.Message = message;
        entity.Progress = state == AssemblyState.Succeeded ? 1 : entity.Progress;
        entity.FinishedAt = time.GetUtcNow();
        return SaveAsync(entity, cancellationToken);
    }

    /// <summary>Replaces the row with If-Match: only the worker holding the lease writes it, so a 412 is a real conflict.</summary>
    private Task SaveAsync(AssemblyEntity entity, CancellationToken cancellationToken) => assemblies.ReplaceAsync(entity, cancellationToken);

    private async Task TrySaveAsync(AssemblyEntity entity)
    {
        try
        {
            await SaveAsync(entity, CancellationToken.None);
        }
        catch (RequestFailedException e)
        {
            Log.StatusNotSaved(logger, e, entity.PartitionKey, entity.AssemblyId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Assembly {AssemblyId} of {CampaignId} done: {Rendered} segments rendered, {Reused} reused")]
        public static partial void Succeeded(ILogger logger, string campaignId, string assemblyId, int rendered, int reused);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Assembly {AssemblyId} of {CampaignId} failed on attempt {Attempt}")]
        public static partial void Failed(ILogger logger, Exception exception, string campaignId, string assemblyId, int attempt);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Assembly {AssemblyId} of {CampaignId} failed: ffmpeg refused a segment of clip {SubmissionId}")]
        public static partial void RenderRefused(ILogger logger, Exception exception, string campaignId, string assemblyId, string? submissionId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the failure of assembly {AssemblyId} of {CampaignId}")]
        public static partial void StatusNotSaved(ILogger logger, Exception exception, string campaignId, string assemblyId);

        [LoggerMessage(Level = LogLevel.Information, Message = "Assembly {AssemblyId} of {CampaignId} plans again: {Dropped} clips left the Approved list, {Withdrawn} withdrawn")]
        public static partial void Replanning(ILogger logger, string assemblyId, string campaignId, int dropped, int withdrawn);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the segments of withdrawn clips of assembly {AssemblyId} of {CampaignId}")]
        public static partial void CleanUpFailed(ILogger logger, Exception exception, string campaignId, string assemblyId);

        [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} unused cached segments of {CampaignId}")]
        public static partial void Swept(ILogger logger, int count, string campaignId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not clean up the cached segments of {CampaignId}")]
        public static partial void SweepFailed(ILogger logger, Exception exception, string campaignId);
    }
}
