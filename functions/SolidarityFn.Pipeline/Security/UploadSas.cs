using Azure.Storage.Sas;

namespace SolidarityFn.Pipeline.Security;

/// <summary>
/// The shape of every upload SAS (DESIGN.md §9): one blob, create+write only, short-lived. Create alone would make the
/// blob write-once, but Azurite requires w for Put Block and Put Block List, which the page's block upload needs; so the
/// link can also overwrite, lease, set metadata and snapshot its own blob, or make it a page or append blob, while it
/// lives. Each is made
/// harmless downstream: processing takes only a block blob of the declared size and reads it with If-Match, every delete
/// breaks a lease and takes snapshots with it (BlobErasure), and no blob metadata is trusted (UploadLinkTests).
/// </summary>
public static class UploadSas
{
    public static BlobSasBuilder Build(
        string containerName,
        string blobName,
        DateTimeOffset now,
        TimeSpan lifetime,
        TimeSpan clockSkew,
        bool httpsOnly)
    {
        var builder = new BlobSasBuilder
        {
            BlobContainerName = containerName,
            BlobName = blobName,
            Resource = "b",
            StartsOn = now - clockSkew,
            ExpiresOn = now + lifetime,
            Protocol = httpsOnly ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        builder.SetPermissions(BlobSasPermissions.Create | BlobSasPermissions.Write);
        return builder;
    }
}
