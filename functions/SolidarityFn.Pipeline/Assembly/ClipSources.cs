using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Processing;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// The mezzanine clips of one assembly, fetched lazily. A segment's cache key needs only the clip blob's ETag (one HEAD),
/// so a re-assembly whose segments are all cached downloads no clip at all; a clip is downloaded once, the first time a
/// segment of it must be rendered, and pinned to the ETag its key was made from (If-Match), so a key never describes
/// other bytes than the ones rendered.
/// </summary>
public sealed class ClipSources
{
    private readonly BlobContainerClient _media;
    private readonly string _campaignId;
    private readonly WorkFolder _folder;
    private readonly Dictionary<string, (string ETag, ClipShape Shape)> _clips;
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _downloads = new(StringComparer.Ordinal);

    private ClipSources(BlobContainerClient media, string campaignId, WorkFolder folder, Dictionary<string, (string ETag, ClipShape Shape)> clips)
    {
        _media = media;
        _campaignId = campaignId;
        _folder = folder;
        _clips = clips;
    }

    /// <summary>Clips downloaded so far.</summary>
    public int Downloaded => _downloads.Count(d => d.Value.IsValueCreated && d.Value.Value.IsCompletedSuccessfully);

    /// <summary>Reads the ETag and picture size of every clip of <paramref name="submissionIds"/> (HEADs, a few at a time).</summary>
    public static async Task<ClipSources> IdentifyAsync(
        StorageClients storage, string campaignId, IEnumerable<string> submissionIds, WorkFolder folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(submissionIds);
        ArgumentNullException.ThrowIfNull(folder);
        var media = storage.Container(StorageNames.MediaContainer);
        var clips = new ConcurrentDictionary<string, (string ETag, ClipShape Shape)>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            submissionIds.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (id, token) =>
            {
                var properties = await ClipBlob(media, campaignId, id).GetPropertiesAsync(cancellationToken: token);
                clips[id] = (properties.Value.ETag.ToString(), ClipShape.FromMetadata(properties.Value.Metadata));
            });
        return new ClipSources(media, campaignId, folder, new Dictionary<string, (string, ClipShape)>(clips, StringComparer.Ordinal));
    }

    /// <summary>The identity of a clip's bytes, part of its segments' keys.</summary>
    public string ETagOf(string submissionId) => Identified(submissionId).ETag;

    /// <summary>The size of the clip's picture, which each format's framing is planned from.</summary>
    public ClipShape ShapeOf(string submissionId) => Identified(submissionId).Shape;

    private (string ETag, ClipShape Shape) Identified(string submissionId) =>
        _clips.TryGetValue(submissionId, out var clip) ? clip : throw new InvalidOperationException("The clip was not identified.");

    /// <summary>The local path of the clip, downloading it the first time it is asked for.</summary>
    public Task<string> PathAsync(string submissionId, CancellationToken cancellationToken) =>
        _downloads.GetOrAdd(submissionId, id => new Lazy<Task<string>>(() => DownloadAsync(id, cancellationToken))).Value;

    private async Task<string> DownloadAsync(string submissionId, CancellationToken cancellationToken)
    {
        var path = _folder.File("clip-" + Guid.NewGuid().ToString("N") + ".mp4");
        await ClipBlob(_media, _campaignId, submissionId).DownloadToAsync(
            path,
            new BlobDownloadToOptions { Conditions = new BlobRequestConditions { IfMatch = new ETag(ETagOf(submissionId)) } },
            cancellationToken);
        return path;
    }

    private static BlobClient ClipBlob(BlobContainerClient media, string campaignId, string submissionId) =>
        media.GetBlobClient(StorageNames.MediaPrefix(campaignId, submissionId) + "clip.mp4");
}
