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
/// key is there, else rendered (and cached). Up to <see cref="AssemblyOptions.Parallelism"/> segments at once.
/// </summary>
public sealed class SegmentProduction(SegmentRenderer renderer, SegmentCache cache, IOptions<AssemblyOptions> options)
{
    /// <summary>Cached segments downloaded at the same time.</summary>
    public const int FetchParallelism = 8;

    /// <param name="onSegmentDone">Called after each segment with the number done so far (calls may overlap).</param>
    public async Task<ProducedSegments> ProduceAsync(
        string campaignId,
        AssemblyTimeline timeline,
        IReadOnlyList<AssemblyFormat> formats,
        ClipSources sources,
        WorkFolder folder,
        Func<int, CancellationToken, Task>? onSegmentDone,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(formats);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(folder);

        var build = await renderer.EncoderBuildAsync(cancellationToken);
        var result = new List<FormatSegments>();
        var work = new List<(AssemblyFormat Format, string Folder, TimelineEntry Entry, string Key)>();
        foreach (var format in formats)
        {
            var dir = folder.File(format.Name);
            Directory.CreateDirectory(dir);
            var names = new List<string>();
            foreach (var entry in timeline.Entries)
            {
                var key = KeyFor(entry, sources, format, build);
                names.Add(key + ".mp4");
                work.Add((format, dir, entry, key));
            }

            result.Add(new FormatSegments(format, dir, names));
        }

        // Cached segments are fetched many at a time (network-bound); only the misses then render, Parallelism at a time
        // (CPU-bound). A re-assembly after one caption change is mostly fetching.
        var misses = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        var fetched = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, work.Count),
            new ParallelOptions { MaxDegreeOfParallelism = FetchParallelism, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var item = work[index];
                if (!await cache.TryGetAsync(campaignId, item.Entry.Clip?.SubmissionId, item.Key, Path.Combine(item.Folder, item.Key + ".mp4"), token))
                {
                    misses[index] = true;
                    return;
                }

                var count = Interlocked.Increment(ref fetched);
                if (onSegmentDone is not null)
                {
                    await onSegmentDone(count, token);
                }
            });
        var toRender = misses.Keys.Order().Select(i => work[i]).ToList();
        var (rendered, _) = await RunAsync(campaignId, toRender, sources, cache.RenderAndStoreAsync, onSegmentDone, fetched, cancellationToken);
        var reused = fetched;
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
        var build = await renderer.EncoderBuildAsync(cancellationToken);
        var work = new List<(AssemblyFormat Format, string Folder, TimelineEntry Entry, string Key)>();
        foreach (var format in formats)
        {
            var dir = folder.File(format.Name);
            Directory.CreateDirectory(dir);
            work.AddRange(timeline.Entries.Select(entry => (format, dir, entry, KeyFor(entry, sources, format, build))));
        }

        return await RunAsync(campaignId, work, sources, cache.EnsureAsync, null, 0, cancellationToken);
    }

    private string KeyFor(TimelineEntry entry, ClipSources sources, AssemblyFormat format, string build) => entry.Clip is null
        ? renderer.KeyFor(entry, null, null, format, build)
        : renderer.KeyFor(entry, sources.ETagOf(entry.Clip.SubmissionId), sources.ShapeOf(entry.Clip.SubmissionId), format, build);

    private delegate Task<SegmentSource> CacheStep(
        string campaignId, string? submissionId, string key, string localPath, Func<string, CancellationToken, Task> render, CancellationToken cancellationToken);

    private async Task<(int Rendered, int Reused)> RunAsync(
        string campaignId,
        List<(AssemblyFormat Format, string Folder, TimelineEntry Entry, string Key)> work,
        ClipSources sources,
        CacheStep step,
        Func<int, CancellationToken, Task>? onSegmentDone,
        int doneBefore,
        CancellationToken cancellationToken)
    {
        var (rendered, reused, done) = (0, 0, doneBefore);
        await Parallel.ForEachAsync(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                var how = await step(
                    campaignId,
                    item.Entry.Clip?.SubmissionId,
                    item.Key,
                    Path.Combine(item.Folder, item.Key + ".mp4"),
                    async (path, t) =>
                    {
                        var clip = item.Entry.Clip is null ? null : await sources.PathAsync(item.Entry.Clip.SubmissionId, t);
                        try
                        {
                            var shape = item.Entry.Clip is null ? null : sources.ShapeOf(item.Entry.Clip.SubmissionId);
                            await renderer.RenderAsync(item.Entry, item.Format, clip, shape, item.Folder, path, t);
                        }
                        catch (MediaRejectedException e)
                        {
                            throw new SegmentRenderException(item.Entry, item.Format, e);
                        }
                    },
                    token);
                _ = how == SegmentSource.Rendered ? Interlocked.Increment(ref rendered) : Interlocked.Increment(ref reused);
                var count = Interlocked.Increment(ref done);
                if (onSegmentDone is not null)
                {
                    await onSegmentDone(count, token);
                }
            });
        return (rendered, reused);
    }
}
