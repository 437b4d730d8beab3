using Azure;
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
        try
        {
            await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
            {
                // Snapshots and leases included: an erasure is never refused.
                if (await BlobErasure.DeleteAsync(container.GetBlobClient(item.Name), cancellationToken))
                {
                    deleted++;
                }
            }
        }
        catch (RequestFailedException e) when (e.ErrorCode == "ContainerNotFound")
        {
            // No container, nothing to delete.
        }

        return deleted;
    }
}
