using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// Rendered segments kept in blob storage under their <see cref="SegmentKey"/>: a clip's segments at
/// final/{campaignId}/segments/{submissionId}/{key}.mp4 (so a withdrawal deletes them by prefix), cards at
/// final/{campaignId}/segments/cards/{key}.mp4.
/// A segment whose key is there is downloaded; otherwise the caller renders it locally and stores it here, uploaded with
/// If-None-Match: *, so two workers rendering the same key at once both succeed and the first upload stays (the bytes
/// are equivalent). Rendering is not this class's business (see <see cref="SegmentProduction"/>).
/// </summary>
public sealed class SegmentCache(StorageClients storage)
{
    private int _rendered;
    private int _reused;

    /// <summary>Segments rendered since start (both counters are per process, for status and tests).</summary>
    public int Rendered => Volatile.Read(ref _rendered);

    public int Reused => Volatile.Read(ref _reused);

    /// <param name="submissionId">The clip's submission, or null for a card.</param>
    public static string BlobName(string campaignId, string? submissionId, string segmentKey) =>
        (submissionId is null ? StorageNames.CardSegmentsPrefix(campaignId) : StorageNames.ClipSegmentsPrefix(campaignId, submissionId)) + segmentKey + ".mp4";

    /// <summary>Downloads the cached segment to <paramref name="localPath"/>; false (and no file) when it is not cached.</summary>
    public async Task<bool> TryGetAsync(string campaignId, string? submissionId, string segmentKey, string localPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentException.ThrowIfNullOrWhiteSpace(segmentKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(localPath);
        var blob = Blob(campaignId, submissionId, segmentKey);
        try
        {
            await blob.DownloadToAsync(localPath, cancellationToken);
            Interlocked.Increment(ref _reused);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // DownloadTo leaves an empty file behind on a miss.
            File.Delete(localPath);
            return false;
        }
    }

    /// <summary>Whether the segment is cached, without fetching it (one HEAD: pre-rendering has no use for the bytes).</summary>
    public async Task<bool> ExistsAsync(string campaignId, string? submissionId, string segmentKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentException.ThrowIfNullOrWhiteSpace(segmentKey);
        if (await Blob(campaignId, submissionId, segmentKey).ExistsAsync(cancellationToken))
        {
            Interlocked.Increment(ref _reused);
            return true;
        }

        return false;
    }

    /// <summary>Stores a segment just rendered to <paramref name="localPath"/> under its key (after a miss).</summary>
    public async Task StoreAsync(string campaignId, string? submissionId, string segmentKey, string localPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentException.ThrowIfNullOrWhiteSpace(segmentKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(localPath);
        await UploadOnceAsync(Blob(campaignId, submissionId, segmentKey), localPath, cancellationToken);
        Interlocked.Increment(ref _rendered);
    }

    private BlobClient Blob(string campaignId, string? submissionId, string segmentKey) =>
        storage.Container(StorageNames.FinalContainer).GetBlobClient(BlobName(campaignId, submissionId, segmentKey));

    private static async Task UploadOnceAsync(BlobClient blob, string localPath, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(localPath, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "video/mp4" },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another worker stored the same key first: its segment is as good as ours.
        }
    }
}
