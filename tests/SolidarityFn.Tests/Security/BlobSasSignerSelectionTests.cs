using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using SolidarityFn.Pipeline.Security;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Tests.Security;

public class BlobSasSignerSelectionTests
{
    [Fact]
    public void A_connection_string_with_a_key_signs_with_the_account_key()
    {
        var storage = StorageClients.Create(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" });

        Assert.IsType<AccountKeyBlobSasSigner>(BlobSasSignerSelection.Create(storage, TimeProvider.System));
        Assert.Null(storage.Credential);
    }

    [Fact]
    public void Service_uris_use_the_managed_identity_and_user_delegation_sas()
    {
        var storage = StorageClients.Create(new StorageOptions
        {
            BlobServiceUri = new Uri("https://acct.blob.core.windows.net"),
            TableServiceUri = new Uri("https://acct.table.core.windows.net"),
            ManagedIdentityClientId = "00000000-0000-0000-0000-000000000001",
        });

        Assert.IsType<ManagedIdentityCredential>(storage.Credential);
        using var signer = Assert.IsType<UserDelegationBlobSasSigner>(BlobSasSignerSelection.Create(storage, TimeProvider.System));
    }

    [Fact]
    public void Without_a_client_id_the_default_credential_chain_is_used()
    {
        Assert.IsType<DefaultAzureCredential>(StorageClients.CreateCredential(null));
    }

    [Fact]
    public void Options_without_a_connection_string_need_both_service_uris()
    {
        var options = new StorageOptions { BlobServiceUri = new Uri("https://acct.blob.core.windows.net") };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Single(errors);
    }

    [Fact]
    public void A_connection_string_wins_over_service_uris_so_azurite_keeps_its_key()
    {
        var storage = StorageClients.Create(new StorageOptions
        {
            ConnectionString = "UseDevelopmentStorage=true",
            BlobServiceUri = new Uri("https://acct.blob.core.windows.net"),
            TableServiceUri = new Uri("https://acct.table.core.windows.net"),
        });

        Assert.Null(storage.Credential);
        Assert.IsType<AccountKeyBlobSasSigner>(BlobSasSignerSelection.Create(storage, TimeProvider.System));
    }

    [Fact]
    public void Service_uris_without_a_client_id_use_the_default_chain_and_user_delegation_sas()
    {
        var storage = StorageClients.Create(new StorageOptions
        {
            BlobServiceUri = new Uri("https://acct.blob.core.windows.net"),
            TableServiceUri = new Uri("https://acct.table.core.windows.net"),
        });

        Assert.IsType<DefaultAzureCredential>(storage.Credential);
        Assert.False(storage.Blobs.CanGenerateAccountSasUri);
        using var signer = Assert.IsType<UserDelegationBlobSasSigner>(BlobSasSignerSelection.Create(storage, TimeProvider.System));
    }

    [Fact]
    public void A_given_identity_replaces_the_default_one_in_identity_mode()
    {
        var identity = new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
        var storage = StorageClients.Create(
            new StorageOptions { BlobServiceUri = new Uri("https://acct.blob.core.windows.net"), TableServiceUri = new Uri("https://acct.table.core.windows.net") },
            identity,
            new BlobClientOptions(),
            new TableClientOptions());

        Assert.Same(identity, storage.Credential);
        using var signer = Assert.IsType<UserDelegationBlobSasSigner>(BlobSasSignerSelection.Create(storage, TimeProvider.System));
    }

    [Fact]
    public void Options_with_a_connection_string_need_no_service_uris()
    {
        var options = new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" };

        Assert.Empty(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));
    }
}
