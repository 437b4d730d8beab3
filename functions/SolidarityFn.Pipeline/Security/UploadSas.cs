using Azure.Storage.Sas;

namespace SolidarityFn.Pipeline.Security;

/// <summary>The shape of every upload SAS (DESIGN.md §9): one blob, create+write only, short-lived.</summary>
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
