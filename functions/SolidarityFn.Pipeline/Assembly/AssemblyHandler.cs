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
    SegmentProduction production,
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
        var sources = await ClipSources.IdentifyAsync(storage, campaignId, timeline.Clips.Select(e => e.Clip!.SubmissionId), folder, cancellationToken);
        var prefix = $"{campaignId}/{entity.AssemblyId}/";
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

        var produced = await production.ProduceAsync(campaignId, timeline, formats, sources, folder, ReportAsync, cancellationToken);
        var segmentCount = formats.Count * timeline.Entries.Count;
        var joined = 0;
        var outputs = new List<string>();
        foreach (var segments in produced.Formats)
        {
            var output = Path.Combine(segments.Folder, "assembled.mp4");
            await renderer.ConcatAsync(segments.Folder, segments.FileNames, timeline.TotalSeconds, output, cancellationToken);
            outputs.Add(await UploadAsync(prefix + segments.Format.Name + ".mp4", output, "video/mp4", cancellationToken));
            await ReportAsync(segmentCount + ++joined, cancellationToken);
        }

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
