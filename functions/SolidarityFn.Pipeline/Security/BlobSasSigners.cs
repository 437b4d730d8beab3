using Azure.Storage.Blobs;
using Azure.Storage.Sas;

namespace SolidarityFn.Pipeline.Security;

/// <summary>Signs a blob SAS (upload or read): with the account key against Azurite, with a user delegation key in Azure.</summary>
public interface IBlobSasSigner
{
    Task<Uri> SignAsync(BlobClient blob, BlobSasBuilder sas, CancellationToken cancellationToken);
}

/// <summary>Account-key signing. Only ever configured for Azurite (a connection string with a key).</summary>
public sealed class AccountKeyBlobSasSigner : IBlobSasSigner
{
    public Task<Uri> SignAsync(BlobClient blob, BlobSasBuilder sas, CancellationToken cancellationToken)
    {
        if (!blob.CanGenerateSasUri)
        {
            throw new InvalidOperationException("The blob client has no account key; configure managed identity for user delegation SAS.");
        }

        return Task.FromResult(blob.GenerateSasUri(sas));
    }
}

/// <summary>
/// User delegation SAS, signed with a key obtained through the app's managed identity (no account key exists
/// in Azure). The delegation key is cached and renewed well before it expires; revoking the user delegation
/// keys revokes every outstanding link.
/// </summary>
public sealed class UserDelegationBlobSasSigner : IBlobSasSigner, IDisposable
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(2);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(30);

    private readonly BlobServiceClient _service;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Azure.Storage.Blobs.Models.UserDelegationKey? _key;

    public UserDelegationBlobSasSigner(BlobServiceClient service, TimeProvider time)
    {
        _service = service;
        _time = time;
    }

    public async Task<Uri> SignAsync(BlobClient blob, BlobSasBuilder sas, CancellationToken cancellationToken)
    {
        var key = await GetKeyAsync(sas.ExpiresOn, cancellationToken);
        var builder = new BlobUriBuilder(blob.Uri)
        {
            Sas = sas.ToSasQueryParameters(key, _service.AccountName),
        };
        return builder.ToUri();
    }

    private async Task<Azure.Storage.Blobs.Models.UserDelegationKey> GetKeyAsync(DateTimeOffset mustOutlive, CancellationToken cancellationToken)
    {
        var current = _key;
        if (current is not null && current.SignedExpiresOn - RenewBefore > mustOutlive)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            current = _key;
            if (current is not null && current.SignedExpiresOn - RenewBefore > mustOutlive)
            {
                return current;
            }

            var now = _time.GetUtcNow();
            var response = await _service.GetUserDelegationKeyAsync(now.AddMinutes(-5), now + KeyLifetime, cancellationToken);
            _key = response.Value;
            return _key;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
