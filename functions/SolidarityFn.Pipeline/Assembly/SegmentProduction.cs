using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Processing;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>The segments of one format, as plain file names in timeline order inside <paramref name="Folder"/>.</summary>
public sealed record FormatSegments(AssemblyFormat Format, string Folder, IReadOnlyList<string> FileNames);

/// <summary>Every format's segments and how many were rendered rather than taken from the cache.</summary>
public sealed record ProducedSegments(IReadOnlyList<FormatSegments> Formats, int Rendered, int Reused);

/// <summary>
/// Puts every segment of a timeline, in every format, into a work folder: from the <see cref="SegmentCache"/> when its
/// key is there, else rendered (and cached). Up to <see cref="AssemblyOptions.Parallelism"/> segments at once.
/// </summary>
public sealed class SegmentProduction(SegmentRenderer renderer, SegmentCache cache, IOptions<AssemblyOptions> options)
{
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

        var result = new List<FormatSegments>();
        var work = new List<(AssemblyFormat Format, string Folder, TimelineEntry Entry, string Key)>();
        foreach (var format in formats)
        {
            var dir = folder.File(format.Name);
            Directory.CreateDirectory(dir);
            var names = new List<string>();
            foreach (var entry in timeline.Entries)
            {
                var key = renderer.KeyFor(entry, entry.Clip is null ? null : sources.ETagOf(entry.Clip.SubmissionId), format);
                names.Add(key + ".mp4");
                work.Add((format, dir, entry, key));
            }

            result.Add(new FormatSegments(format, dir, names));
        }

        var (rendered, reused, done) = (0, 0, 0);
        await Parallel.ForEachAsync(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                var how = await cache.GetOrRenderAsync(
                    campaignId,
                    item.Key,
                    Path.Combine(item.Folder, item.Key + ".mp4"),
                    async (path, t) =>
                    {
                        var clip = item.Entry.Clip is null ? null : await sources.PathAsync(item.Entry.Clip.SubmissionId, t);
                        await renderer.RenderAsync(item.Entry, item.Format, clip, item.Folder, path, t);
                    },
                    token);
                _ = how == SegmentSource.Rendered ? Interlocked.Increment(ref rendered) : Interlocked.Increment(ref reused);
                var count = Interlocked.Increment(ref done);
                if (onSegmentDone is not null)
                {
                    await onSegmentDone(count, token);
                }
            });
        return new ProducedSegments(result, rendered, reused);
    }
}
