using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace SolidarityFn.Pipeline.Storage;

/// <summary>Deletes every blob under a prefix (a "folder"): withdrawals and retractions remove whole folders.</summary>
public static class BlobPrefix
{
    /// <returns>How many blobs were deleted.</returns>
    public static async Task<int> DeleteAllAsync(BlobContainerClient container, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        if (!prefix.EndsWith('/'))
        {
            // "c/abc" would also match "c/abcdef/...": only whole folders are deleted.
            throw new ArgumentException("A prefix ends with '/'.", nameof(prefix));
        }

        var deleted = 0;
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            if (await container.GetBlobClient(item.Name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken))
            {
                deleted++;
            }
        }

        return deleted;
    }
}
