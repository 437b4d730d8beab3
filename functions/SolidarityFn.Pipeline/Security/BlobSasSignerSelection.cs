using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Security;

/// <summary>Account key when the configuration gives one (Azurite), user delegation through the identity otherwise.</summary>
public static class BlobSasSignerSelection
{
    public static IBlobSasSigner Create(StorageClients storage, TimeProvider time) =>
        storage.Credential is null
            ? new AccountKeyBlobSasSigner()
            : new UserDelegationBlobSasSigner(storage.Blobs, time);
}
