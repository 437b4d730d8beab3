using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Processing;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>The segments of one format, as plain file names in timeline order inside <paramref name="Folder"/>.</summary>
public sealed record FormatSegments(AssemblyFormat Format, string Folder, IReadOnlyList<string> FileNames);

/// <summary>
/// Every format's segments, how many were rendered rather than taken from the cache, and the cache blobs they are
/// (the ones a clean-up must keep).
/// </summary>
public sealed record ProducedSegments(IReadOnlyList<FormatSegments> Formats, int Rendered, int Reused, IReadOnlySet<string> BlobNames);

/// <summary>
/// Puts every segment of a timeline, in every format, into a work folder: from the <see cref="SegmentCache"/> when its
/// key is there, else rendered (and cached).
/// One pipeline for both: up to <see cref="FetchParallelism"/> segments are looked up at once (network-bound); a miss
/// downloads its clip, then waits for one of <see cref="AssemblyOptions.Parallelism"/> render slots, renders, gives the
/// slot back and uploads. So the slots hold CPU work only, a re-assembly renders its one changed segment while the
/// other segments are still being fetched, and the next clip is on disk before a slot frees.
/// </summary>
public sealed class SegmentProduction(SegmentRenderer renderer, SegmentCache cache, IOptions<AssemblyOptions> options, Branding.CampaignLogoStore logos)
{
    /// <summary>Segments looked up (and cached ones downloaded) at the same time.</summary>
    public const int FetchParallelism = 8;

    /// <param name="onSegmentDone">Called after each segment with the number done so far (calls may overlap).</param>
    /// <param name="lastInLine">
    /// Work to run in a render slot once every segment is fetched or in line for a slot (the assembly's sound): it then
    /// takes the slot the last renders leave idle instead of running after them. A failure of either stops the other.
    /// It is given, per timeline entry, the local path of the first format's segment when that was fetched from the
    /// cache (null when it is being rendered).
    /// </param>
    public async Task<ProducedSegments> ProduceAsync(
        string campaignId,
        AssemblyTimeline timeline,
        IReadOnlyList<AssemblyFormat> formats,
        ClipSources sources,
        WorkFolder folder,
        Func<int, CancellationToken, Task>? onSegmentDone,
        CancellationToken cancellationToken,
        Func<IReadOnlyList<string?>, CancellationToken, Task>? lastInLine = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(formats);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(folder);

        timeline = await WithLogoAsync(campaignId, timeline, folder, cancellationToken);
        var work = await WorkAsync(timeline, formats, sources, folder, cancellationToken);
        var (rendered, reused) = await RunAsync(
            campaignId,
            work,
            sources,
            (item, token) => cache.TryGetAsync(campaignId, item.Entry.Clip?.SubmissionId, item.Key, item.LocalPath, token),
            keepRendered: true,
            onSegmentDone,
            lastInLine,
            cancellationToken);
        var result = work.GroupBy(w => w.Format)
            .Select(g => new FormatSegments(g.Key, g.First().Folder, [.. g.Select(w => w.Key + ".mp4")]))
            .ToList();
        var blobs = work.Select(w => SegmentCache.BlobName(campaignId, w.Entry.Clip?.SubmissionId, w.Key)).ToHashSet(StringComparer.Ordinal);
        return new ProducedSegments(result, rendered, reused, blobs);
    }

    /// <summary>
    /// Renders the segments of the timeline that are not cached yet and stores them, fetching nothing that is
    /// (pre-rendering: the work folder only ever holds what is being rendered).
    /// </summary>
    public async Task<(int Rendered, int Reused)> EnsureCachedAsync(
        string campaignId, AssemblyTimeline timeline, IReadOnlyList<AssemblyFormat> formats, ClipSources sources, WorkFolder folder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(formats);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(folder);
        timeline = await WithLogoAsync(campaignId, timeline, folder, cancellationToken);
        var work = await WorkAsync(timeline, formats, sources, folder, cancellationToken);
        return await RunAsync(
            campaignId,
            work,
            sources,
            (item, token) => cache.ExistsAsync(campaignId, item.Entry.Clip?.SubmissionId, item.Key, token),
            keepRendered: false,
            null,
            null,
            cancellationToken);
    }

    /// <summary>
    /// The timeline with the campaign's logo (downloaded once into the work folder, its hash read with the same bytes) in
    /// every entry's look, so the keys and the renders see the same logo; unchanged when the campaign has none.
    /// </summary>
    private async Task<AssemblyTimeline> WithLogoAsync(string campaignId, AssemblyTimeline timeline, WorkFolder folder, CancellationToken cancellationToken)
    {
        var path = folder.File("logo.png");
        if (await logos.DownloadAsync(campaignId, path, cancellationToken) is not { } stored)
        {
            return timeline;
        }

        var logo = new SegmentLogo(path, stored.Hash, stored.Width, stored.Height);
        return timeline with { Entries = [.. timeline.Entries.Select(e => e with { Look = e.Look with { Logo = logo } })] };
    }

    /// <param name="EntryIndex">The entry's place in the timeline.</param>
    private sealed record WorkItem(AssemblyFormat Format, string Folder, TimelineEntry Entry, int EntryIndex, string Key)
    {
        public string LocalPath => Path.Combine(Folder, Key + ".mp4");
    }

    /// <summary>Every (format, entry) with its key, formats in the order asked, entries in timeline order.</summary>
    private async Task<List<WorkItem>> WorkAsync(
        AssemblyTimeline timeline, IReadOnlyList<AssemblyFormat> formats, ClipSources sources, WorkFolder folder, CancellationToken cancellationToken)
    {
        var build = await renderer.EncoderBuildAsync(cancellationToken);
        var work = new List<WorkItem>();
        foreach (var format in formats)
        {
            var dir = folder.File(format.Name);
            Directory.CreateDirectory(dir);
            work.AddRange(timeline.Entries.Select((entry, i) => new WorkItem(format, dir, entry, i, KeyFor(entry, sources, format, build))));
        }

        return work;
    }

    private string KeyFor(TimelineEntry entry, ClipSources sources, AssemblyFormat format, string build) => entry.Clip is null
        ? renderer.KeyFor(entry, null, null, format, build)
        : renderer.KeyFor(entry, sources.ETagOf(entry.Clip.SubmissionId), sources.ShapeOf(entry.Clip.SubmissionId), format, build);

    /// <summary>
    /// Runs <paramref name="cached"/> for every item (true: nothing to render) and renders the misses as they are found;
    /// <paramref name="lastInLine"/>, if any, takes a render slot after every item is fetched or in line for one.
    /// </summary>
    private async Task<(int Rendered, int Reused)> RunAsync(
        string campaignId,
        IReadOnlyList<WorkItem> work,
        ClipSources sources,
        Func<WorkItem, CancellationToken, Task<bool>> cached,
        bool keepRendered,
        Func<int, CancellationToken, Task>? onSegmentDone,
        Func<IReadOnlyList<string?>, CancellationToken, Task>? lastInLine,
        CancellationToken cancellationToken)
    {
        using var renderSlots = new SemaphoreSlim(options.Value.Parallelism, options.Value.Parallelism);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renders = new RenderCount();
        var line = new Line(work.Count);

        // What the last-in-line work is given: the first format's segments fetched from the cache, by entry.
        var firstFormat = work.Count == 0 ? null : work[0].Format;
        var fetched = new string?[work.Count(w => w.Format == firstFormat)];
        var last = lastInLine is null ? Task.CompletedTask : LastInLineAsync(token => lastInLine(fetched, token), line, renderSlots, stop);
        var (rendered, reused, done) = (0, 0, 0);
        Exception? failure = null;
        try
        {
            await Parallel.ForEachAsync(
                work,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(FetchParallelism, options.Value.Parallelism), CancellationToken = stop.Token },
                async (item, token) =>
                {
                    if (await cached(item, token))
                    {
                        if (item.Format == firstFormat)
                        {
                            fetched[item.EntryIndex] = item.LocalPath;
                        }

                        line.Arrived();
                        Interlocked.Increment(ref reused);
                    }
                    else
                    {
                        await RenderAsync(item, sources, renderSlots, renders, line, token);
                        await cache.StoreAsync(campaignId, item.Entry.Clip?.SubmissionId, item.Key, item.LocalPath, token);
                        if (!keepRendered)
                        {
                            File.Delete(item.LocalPath);
                        }

                        Interlocked.Increment(ref rendered);
                    }

                    var count = Interlocked.Increment(ref done);
                    if (onSegmentDone is not null)
                    {
                        await onSegmentDone(count, token);
                    }
                });
        }
        catch (Exception e)
        {
            failure = e;
            await stop.CancelAsync();
        }

        try
        {
            // A failure of the last-in-line work cancelled the renders: its own exception is the one to surface.
            await last;
        }
        catch (OperationCanceledException) when (failure is not null)
        {
            // Stopped because the renders failed.
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return (rendered, reused);
    }

    private static async Task LastInLineAsync(Func<CancellationToken, Task> work, Line line, SemaphoreSlim renderSlots, CancellationTokenSource stop)
    {
        try
        {
            await line.Everyone.WaitAsync(stop.Token);
            await renderSlots.WaitAsync(stop.Token);
            try
            {
                await work(stop.Token);
            }
            finally
            {
                renderSlots.Release();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
            throw;
        }
    }

    /// <summary>Items fetched from the cache or in line for a render slot; complete when all are.</summary>
    private sealed class Line(int count)
    {
        private readonly TaskCompletionSource _everyone = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task Everyone => count == 0 ? Task.CompletedTask : _everyone.Task;

        public void Arrived()
        {
            if (Interlocked.Increment(ref _arrived) == count)
            {
                _everyone.TrySetResult();
            }
        }
    }

    /// <summary>Renders running or waiting for a slot.</summary>
    private sealed class RenderCount
    {
        private int _count;

        /// <summary>Counts one more in, and whether others were in already.</summary>
        public bool Enter() => Interlocked.Increment(ref _count) > 1;

        public void Leave() => Interlocked.Decrement(ref _count);
    }

    private async Task RenderAsync(WorkItem item, ClipSources sources, SemaphoreSlim renderSlots, RenderCount renders, Line line, CancellationToken cancellationToken)
    {
        // The download is I/O: done before taking a slot, so a slot never waits on the network.
        var clip = item.Entry.Clip is null ? null : await sources.PathAsync(item.Entry.Clip.SubmissionId, cancellationToken);
        var shape = item.Entry.Clip is null ? null : sources.ShapeOf(item.Entry.Clip.SubmissionId);
        var besideOthers = renders.Enter();
        try
        {
            line.Arrived();
            await renderSlots.WaitAsync(cancellationToken);
            try
            {
                // Alone (a re-assembly's one changed clip) ffmpeg's own threads finish it sooner; side by side, one each.
                await renderer.RenderAsync(item.Entry, item.Format, clip, shape, item.Folder, item.LocalPath, besideOthers, cancellationToken);
            }
            catch (MediaRejectedException e)
            {
                throw new SegmentRenderException(item.Entry, item.Format, e);
            }
            finally
            {
                renderSlots.Release();
            }
        }
        finally
        {
            renders.Leave();
        }
    }
}
