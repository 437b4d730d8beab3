using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// Deletes a campaign's cached segments that an assembly did not use and that nobody wrote for
/// <see cref="AssemblyOptions.KeepUnusedSegmentsFor"/>: recent ones stay, so a re-assembly right after an edit (or a
/// switch back) still finds its siblings, and segments pre-rendered meanwhile are not lost.
/// </summary>
public sealed class SegmentSweep(StorageClients storage, IOptions<AssemblyOptions> options, TimeProvider time)
{
    /// <returns>How many segments were deleted.</returns>
    public async Task<int> SweepAsync(string campaignId, IReadOnlySet<string> keep, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentNullException.ThrowIfNull(keep);
        var container = storage.Container(StorageNames.FinalContainer);
        var before = time.GetUtcNow() - options.Value.KeepUnusedSegmentsFor;
        var deleted = 0;
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, StorageNames.SegmentsPrefix(campaignId), cancellationToken))
        {
            if (keep.Contains(item.Name) || item.Properties.LastModified is not { } modified || modified >= before)
            {
                continue;
            }

            // If-Unmodified-Since: a worker that stores the same key again right now keeps it.
            var conditions = new BlobRequestConditions { IfUnmodifiedSince = modified };
            try
            {
                if (await container.GetBlobClient(item.Name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, conditions, cancellationToken))
                {
                    deleted++;
                }
            }
            catch (Azure.RequestFailedException e) when (e.Status == 412)
            {
                // Rewritten since the listing: in use again.
            }
        }

        return deleted;
    }
}
