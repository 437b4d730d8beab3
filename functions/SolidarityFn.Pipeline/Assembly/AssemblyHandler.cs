using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Processing;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Review;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// Does one assembly (queue "assembly"): reads the Approved list in organizer order (so a withdrawn or re-decided clip is
/// never used), plans, renders every segment of every format through the <see cref="SegmentCache"/>, joins them and
/// uploads the videos and caption files to final/{campaignId}/{assemblyId}/, keeping the Assemblies row up to date.
/// Idempotent: a finished row is left alone, and a re-run reuses the segments the first run cached.
/// </summary>
public sealed partial class AssemblyHandler(
    StorageClients storage,
    CampaignCache campaigns,
    SegmentRenderer renderer,
    SegmentCache cache,
    IOptions<ProcessingOptions> processing,
    TimeProvider time,
    ILogger<AssemblyHandler> logger) : IQueueHandler
{
    private readonly TableClient _assemblies = storage.Table(StorageNames.AssembliesTable);
    private readonly TableClient _submissions = storage.Table(StorageNames.SubmissionsTable);

    public string QueueName => AssemblyWork.QueueName;

    /// <summary>Renders take minutes; the pump renews at half-time anyway.</summary>
    public TimeSpan? LeaseDuration => TimeSpan.FromMinutes(10);

    public async Task HandleAsync(QueueLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var work = lease.PayloadAs<AssemblyWork>() ?? throw new InvalidOperationException("The assembly item has no payload.");
        var read = await _assemblies.GetEntityIfExistsAsync<AssemblyEntity>(work.CampaignId, work.AssemblyId, cancellationToken: cancellationToken);
        if (!read.HasValue || read.Value is not { IsActive: true } entity)
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
        catch (Exception e) when (e is not OperationCanceledException)
        {
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
        var rows = await ApprovedAsync(campaignId, cancellationToken);
        if (rows.Count == 0)
        {
            await FinishAsync(entity, AssemblyState.Failed, "No approved clips are left to assemble.", cancellationToken);
            return;
        }

        var clips = rows.Select(r => new AssemblyClip(
            r.SubmissionId, r.ClipSeconds ?? r.SourceDurationSeconds ?? 0, r.TrimStartSeconds ?? 0, r.TrimEndSeconds, r.Caption, r.Union, r.Sector, r.City)).ToList();
        var cards = new AssemblyCards(
            entity.Title ?? campaign.Title,
            campaign.Subtitle ?? string.Empty,
            string.Join(' ', campaign.Hashtags.Select(h => h.StartsWith('#') ? h : "#" + h)),
            entity.EndCard ?? "Thank you. In solidarity.");
        var timeline = AssemblyPlanner.Plan(clips, cards, new AssemblySettings(TargetSeconds: entity.TargetSeconds));
        if (!AssemblyFormats.TryParseList(entity.Formats, out var formats))
        {
            throw new InvalidOperationException("The assembly row names an unknown format.");
        }

        using var folder = WorkFolder.Create(processing.Value.WorkRoot);
        var sources = await DownloadClipsAsync(campaignId, timeline, folder, cancellationToken);
        var prefix = $"{campaignId}/{entity.AssemblyId}/";
        var outputs = new List<string>();
        var steps = formats.Count * (timeline.Entries.Count + 1);
        var done = 0;
        var (rendered, reused) = (0, 0);
        foreach (var format in formats)
        {
            var dir = folder.File(format.Name);
            Directory.CreateDirectory(dir);
            var names = new List<string>();
            foreach (var entry in timeline.Entries)
            {
                (string Path, string ETag)? source = entry.Clip is null ? null : sources[entry.Clip.SubmissionId];
                var key = renderer.KeyFor(entry, source?.ETag, format);
                var name = key + ".mp4";
                var how = await cache.GetOrRenderAsync(
                    campaignId, key, Path.Combine(dir, name), (path, token) => renderer.RenderAsync(entry, format, source?.Path, dir, path, token), cancellationToken);
                _ = how == SegmentSource.Rendered ? rendered++ : reused++;
                names.Add(name);
                await ProgressAsync(entity, ++done, steps, cancellationToken);
            }

            var output = Path.Combine(dir, "assembled.mp4");
            await renderer.ConcatAsync(dir, names, timeline.TotalSeconds, output, cancellationToken);
            outputs.Add(await UploadAsync(prefix + format.Name + ".mp4", output, "video/mp4", cancellationToken));
            await ProgressAsync(entity, ++done, steps, cancellationToken);
        }

        outputs.Add(await UploadTextAsync(folder, prefix + "captions.vtt", CaptionFiles.Vtt(timeline), "text/vtt; charset=utf-8", cancellationToken));
        outputs.Add(await UploadTextAsync(folder, prefix + "captions.srt", CaptionFiles.Srt(timeline), "application/x-subrip; charset=utf-8", cancellationToken));
        outputs.Add(await UploadTextAsync(folder, prefix + "credits.txt", CaptionFiles.Credits(timeline), "text/plain; charset=utf-8", cancellationToken));

        entity.OutputsJson = JsonSerializer.Serialize(outputs, JsonSerializerOptions.Web);
        entity.ShortenedJson = JsonSerializer.Serialize(timeline.Shortened, JsonSerializerOptions.Web);
        entity.LeftOutJson = JsonSerializer.Serialize(timeline.LeftOut, JsonSerializerOptions.Web);
        entity.ClipCount = timeline.Clips.Count();
        (entity.SegmentsRendered, entity.SegmentsReused) = (rendered, reused);
        await FinishAsync(entity, AssemblyState.Succeeded, Summary(timeline), cancellationToken);
    }

    /// <summary>The Approved list in organizer order: one range read of the list rows.</summary>
    private async Task<List<ReviewIndexEntity>> ApprovedAsync(string campaignId, CancellationToken cancellationToken)
    {
        var (from, to) = ReviewIndex.RangeOf(SubmissionStatus.Approved);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {campaignId} and RowKey ge {from} and RowKey lt {to}");
        var rows = new List<ReviewIndexEntity>();
        await foreach (var row in _submissions.QueryAsync<ReviewIndexEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Downloads the clips the plan kept; each one's ETag is its identity in the segment keys.</summary>
    private async Task<Dictionary<string, (string Path, string ETag)>> DownloadClipsAsync(
        string campaignId, AssemblyTimeline timeline, WorkFolder folder, CancellationToken cancellationToken)
    {
        var media = storage.Container(StorageNames.MediaContainer);
        var sources = new Dictionary<string, (string Path, string ETag)>(StringComparer.Ordinal);
        foreach (var clip in timeline.Clips.Select(e => e.Clip!))
        {
            var path = folder.File("clip-" + sources.Count + ".mp4");
            var response = await media.GetBlobClient(StorageNames.MediaPrefix(campaignId, clip.SubmissionId) + "clip.mp4").DownloadToAsync(path, cancellationToken);
            var etag = response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The clip blob has no ETag.");
            sources[clip.SubmissionId] = (path, etag);
        }

        return sources;
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
    private async Task SaveAsync(AssemblyEntity entity, CancellationToken cancellationToken)
    {
        var response = await _assemblies.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
        entity.ETag = response.Headers.ETag ?? default;
    }

    private async Task TrySaveAsync(AssemblyEntity entity)
    {
        try
        {
            await SaveAsync(entity, CancellationToken.None);
        }
        catch (Azure.RequestFailedException e)
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

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the failure of assembly {AssemblyId} of {CampaignId}")]
        public static partial void StatusNotSaved(ILogger logger, Exception exception, string campaignId, string assemblyId);
    }
}
