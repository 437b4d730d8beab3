using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace SolidarityFn.Pipeline.Storage;

/// <summary>
/// Deletes a blob for good: with its snapshots, and through any lease on it. A lease cannot stop an erasure the
/// contributor asked for, even one taken by whoever held the upload link.
/// </summary>
public static class BlobErasure
{
    /// <returns>Whether a blob was there to delete.</returns>
    public static async Task<bool> DeleteAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        try
        {
            return await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Leased (LeaseIdMissing): break it at once, then delete.
            await blob.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero, cancellationToken: cancellationToken);
            return await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        }
    }
}
