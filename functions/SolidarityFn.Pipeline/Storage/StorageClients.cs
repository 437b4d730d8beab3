using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace SolidarityFn.Pipeline.Storage;

/// <summary>The blob and table service clients, built once from <see cref="StorageOptions"/>.</summary>
public sealed class StorageClients
{
    public StorageClients(BlobServiceClient blobs, TableServiceClient tables, TokenCredential? credential)
    {
        Blobs = blobs;
        Tables = tables;
        Credential = credential;
    }

    public BlobServiceClient Blobs { get; }

    public TableServiceClient Tables { get; }

    /// <summary>The identity used in Azure; null when an account key signs requests (Azurite).</summary>
    public TokenCredential? Credential { get; }

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);

    public TableClient Table(string name) => Tables.GetTableClient(name);

    public static StorageClients Create(StorageOptions options) => Create(options, credential: null, blobOptions: null, tableOptions: null);

    /// <summary>
    /// As <see cref="Create(StorageOptions)"/>, with the identity and client options given instead of the defaults:
    /// the identity-mode integration test reaches Azurite over HTTPS (self-signed) with a token Azurite accepts.
    /// </summary>
    public static StorageClients Create(StorageOptions options, TokenCredential? credential, BlobClientOptions? blobOptions, TableClientOptions? tableOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UsesAccountKey)
        {
            return new StorageClients(
                new BlobServiceClient(options.ConnectionString, blobOptions),
                new TableServiceClient(options.ConnectionString, tableOptions),
                credential: null);
        }

        credential ??= CreateCredential(options.ManagedIdentityClientId);
        return new StorageClients(
            new BlobServiceClient(options.BlobServiceUri!, credential, blobOptions),
            new TableServiceClient(options.TableServiceUri!, credential, tableOptions),
            credential);
    }

    /// <summary>A user-assigned identity when its client id is known, else the default chain (az login locally).</summary>
    public static TokenCredential CreateCredential(string? managedIdentityClientId) =>
        string.IsNullOrWhiteSpace(managedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(managedIdentityClientId));
}
