using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Processing;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// Queue "prerender": plans the campaign's current Approved list as a default assembly would (default title and end
/// card, the default target, <see cref="AssemblyOptions.PrerenderFormats"/>) and renders the segments missing from the
/// cache, then the sound (<see cref="AssemblyAudio.EnsureMixedAsync"/>: music on, default level) if it is not cached. Only useful while that plan holds: a later approval that makes the plan shorten clips changes their lengths,
/// and so their keys. Like an assembly, it checks the list again after rendering and deletes the segments of any clip
/// withdrawn meanwhile.
/// </summary>
public sealed partial class PrerenderHandler(
    StorageClients storage,
    CampaignCache campaigns,
    SegmentProduction production,
    AssemblyAudio audio,
    ApprovedClips approved,
    AssemblyRetraction retraction,
    IOptions<AssemblyOptions> options,
    IOptions<ProcessingOptions> processing,
    ILogger<PrerenderHandler> logger) : IQueueHandler
{
    public string QueueName => PrerenderWork.QueueName;

    public TimeSpan? LeaseDuration => TimeSpan.FromMinutes(10);

    public async Task HandleAsync(QueueLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var work = lease.PayloadAs<PrerenderWork>() ?? throw new InvalidOperationException("The prerender item has no payload.");
        var campaign = await campaigns.GetAsync(work.CampaignId, cancellationToken);
        var rows = await approved.ListAsync(work.CampaignId, cancellationToken);
        if (campaign is null || rows.Count == 0 || !AssemblyFormats.TryParseList(options.Value.PrerenderFormats, out var formats))
        {
            return;
        }

        var timeline = ApprovedClips.Plan(rows, campaign, null, null, AssemblyRequestValidator.DefaultTargetSeconds);
        var used = timeline.Clips.Select(e => e.Clip!.SubmissionId).Distinct(StringComparer.Ordinal).ToList();
        try
        {
            using var folder = WorkFolder.Create(processing.Value.WorkRoot);
            var sources = await ClipSources.IdentifyAsync(storage, work.CampaignId, used, folder, cancellationToken);
            var (rendered, reused) = await production.EnsureCachedAsync(work.CampaignId, timeline, formats, sources, folder, cancellationToken);

            // The sound too, as "Make the video" will ask for it by default (made from the clips the renders downloaded).
            // Then an assembly with the defaults renders and mixes nothing.
            var sounding = ApprovedClips.Sounding(rows);
            var mixed = await audio.EnsureMixedAsync(
                work.CampaignId,
                timeline,
                sources,
                ClipSounds.Of(sources, sounding),
                folder,
                cancellationToken);
            Log.Prerendered(logger, work.CampaignId, rendered, reused, mixed);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // A clip vanished or changed (withdrawn, re-processed) under the render: the next approval plans again.
            Log.ClipChanged(logger, work.CampaignId);
        }
        finally
        {
            // Segments of a clip withdrawn while it rendered may have been stored after the withdrawal deleted them.
            var consent = await approved.CheckAsync(work.CampaignId, used, CancellationToken.None);
            foreach (var id in consent.Withdrawn)
            {
                await retraction.DeleteClipSegmentsAsync(work.CampaignId, id, CancellationToken.None);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Pre-rendered {CampaignId}: {Rendered} segments rendered, {Reused} already cached; sound mixed {Mixed}")]
        public static partial void Prerendered(ILogger logger, string campaignId, int rendered, int reused, bool mixed);

        [LoggerMessage(Level = LogLevel.Information, Message = "Pre-render of {CampaignId} stopped: a clip changed under it")]
        public static partial void ClipChanged(ILogger logger, string campaignId);
    }
}
