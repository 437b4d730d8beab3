using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Processing;

/// <summary>
/// The raw upload as processing may read it: one block blob of exactly the size the page declared, within the
/// campaign's limit, checked from its properties before any byte is downloaded, and then read at exactly the version
/// that was checked. The upload link can write while it lives (Azurite needs write for Put Block), so the blob could be
/// replaced between the check and the read; If-Match makes that read fail instead of taking the new file.
/// </summary>
public static class CheckedUpload
{
    private static readonly StorageTransferOptions Download = new()
    {
        // Bounded buffers: memory stays flat whatever the upload's size.
        InitialTransferSize = 8 * 1024 * 1024,
        MaximumTransferSize = 8 * 1024 * 1024,
        MaximumConcurrency = 4,
    };

    /// <summary>The blob's properties if it is what the page announced; otherwise the media is refused.</summary>
    public static async Task<BlobProperties> CheckAsync(BlobClient raw, long declaredSizeBytes, long maxUploadBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        BlobProperties properties;
        try
        {
            properties = (await raw.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new MediaRejectedException(RejectionReasons.Corrupt, "The file did not arrive completely. Please send it again.", e);
        }

        if (properties.ContentLength > maxUploadBytes)
        {
            throw new MediaRejectedException(
                RejectionReasons.TooLarge,
                $"The file is larger than this campaign accepts ({maxUploadBytes / (1024 * 1024)} MB). Please send a shorter clip.");
        }

        // A page or append blob made with the link, or a different file committed in its place, did not come from the page.
        if (properties.BlobType != BlobType.Block || properties.ContentLength != declaredSizeBytes)
        {
            throw new MediaRejectedException(RejectionReasons.Corrupt, "The file that arrived is not the one announced. Please send it again.");
        }

        return properties;
    }

    /// <summary>
    /// Downloads exactly the checked version to <paramref name="path"/>. A blob changed since the check fails with 412
    /// (<see cref="RequestFailedException"/>): processing treats it as a fault to retry, and the next attempt checks
    /// the blob as it is then.
    /// </summary>
    public static async Task DownloadAsync(BlobClient raw, BlobProperties checkedProperties, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(checkedProperties);
        await raw.DownloadToAsync(
            path,
            new BlobDownloadToOptions { TransferOptions = Download, Conditions = new BlobRequestConditions { IfMatch = checkedProperties.ETag } },
            cancellationToken);
    }
}
