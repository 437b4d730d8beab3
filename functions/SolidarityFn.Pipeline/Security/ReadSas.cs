using Azure.Storage.Sas;

namespace SolidarityFn.Pipeline.Security;

/// <summary>Read-only links to private media (thumbnails, previews, outputs): one blob, read only, ≤ 15 minutes.</summary>
public static class ReadSas
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public static BlobSasBuilder Build(string containerName, string blobName, DateTimeOffset now, bool httpsOnly)
    {
        var builder = new BlobSasBuilder
        {
            BlobContainerName = containerName,
            BlobName = blobName,
            Resource = "b",
            StartsOn = now.AddMinutes(-5),
            ExpiresOn = now + Lifetime,
            Protocol = httpsOnly ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        builder.SetPermissions(BlobSasPermissions.Read);
        return builder;
    }
}
