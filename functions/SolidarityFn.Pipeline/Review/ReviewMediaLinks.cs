using SolidarityFn.Pipeline.Security;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Review;

/// <summary>Read-only, short-lived links to one submission's thumbnail, preview and clip for the review page.</summary>
public sealed class ReviewMediaLinks(StorageClients storage, IBlobSasSigner signer, TimeProvider time)
{
    public async Task<(Uri Thumbnail, Uri Preview, Uri Clip)> SignAsync(string campaignId, string submissionId, CancellationToken cancellationToken)
    {
        var container = storage.Container(StorageNames.MediaContainer);
        var prefix = StorageNames.MediaPrefix(campaignId, submissionId);
        var now = time.GetUtcNow();

        async Task<Uri> Sign(string name)
        {
            var blob = container.GetBlobClient(prefix + name);
            return await signer.SignAsync(blob, ReadSas.Build(StorageNames.MediaContainer, blob.Name, now, httpsOnly: blob.Uri.Scheme == Uri.UriSchemeHttps), cancellationToken);
        }

        return (await Sign("thumb.jpg"), await Sign("preview.mp4"), await Sign("clip.mp4"));
    }
}
