using System.Net;
using System.Net.Http.Headers;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using SolidarityFn.Pipeline.Security;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.IntegrationTests.Identity;

/// <summary>
/// Identity mode as in Azure (service URIs, no connection string, no key) against Azurite with OAuth: the product's
/// StorageClients and signer selection fetch a user delegation key with a bearer token and sign links with it.
/// </summary>
public sealed class UserDelegationSasTests(AzuriteOAuthFixture azurite) : IClassFixture<AzuriteOAuthFixture>, IDisposable
{
    private const string Container = "identity-mode";

    private readonly UnsignedEntraToken _identity = new();
    private readonly HttpClient _http = new(azurite.CreateHandler());

    private StorageClients CreateStorage() => StorageClients.Create(
        new StorageOptions { BlobServiceUri = azurite.BlobServiceUri, TableServiceUri = azurite.TableServiceUri },
        _identity,
        new BlobClientOptions { Transport = azurite.CreateTransport() },
        new TableClientOptions { Transport = azurite.CreateTransport() });

    private async Task<(StorageClients Storage, IBlobSasSigner Signer)> ArrangeAsync()
    {
        var storage = CreateStorage();
        await storage.Container(Container).CreateIfNotExistsAsync();
        return (storage, BlobSasSignerSelection.Create(storage, TimeProvider.System));
    }

    [Fact]
    public async Task Without_a_connection_string_links_are_user_delegation_sas_that_upload_and_read_a_blob()
    {
        var (storage, signer) = await ArrangeAsync();
        Assert.IsType<UserDelegationBlobSasSigner>(signer);
        Assert.False(storage.Blobs.CanGenerateAccountSasUri); // no account key anywhere in this mode
        var blob = storage.Container(Container).GetBlobClient("c1/upload-" + Guid.NewGuid().ToString("N"));
        var now = DateTimeOffset.UtcNow;

        var upload = await signer.SignAsync(blob, UploadSas.Build(Container, blob.Name, now, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5), httpsOnly: true), CancellationToken.None);
        var query = System.Web.HttpUtility.ParseQueryString(upload.Query);
        Assert.Equal(_identity.ObjectId, query["skoid"]); // signed with the identity's delegation key
        Assert.Equal(_identity.TenantId, query["sktid"]);
        Assert.Equal("cw", query["sp"]);

        using (var put = await PutAsync(upload, "hello from identity mode"))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        var read = await signer.SignAsync(blob, ReadSas.Build(Container, blob.Name, now, httpsOnly: true), CancellationToken.None);
        using var get = await _http.GetAsync(read);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("hello from identity mode", await get.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_upload_link_cannot_read_and_a_read_link_cannot_write()
    {
        var (storage, signer) = await ArrangeAsync();
        var blob = storage.Container(Container).GetBlobClient("c1/perm-" + Guid.NewGuid().ToString("N"));
        var now = DateTimeOffset.UtcNow;
        var upload = await signer.SignAsync(blob, UploadSas.Build(Container, blob.Name, now, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5), httpsOnly: true), CancellationToken.None);
        var read = await signer.SignAsync(blob, ReadSas.Build(Container, blob.Name, now, httpsOnly: true), CancellationToken.None);
        using (var put = await PutAsync(upload, "x"))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        using var readWithUploadLink = await _http.GetAsync(upload);
        using var writeWithReadLink = await PutAsync(read, "overwritten");

        Assert.Equal(HttpStatusCode.Forbidden, readWithUploadLink.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, writeWithReadLink.StatusCode);
    }

    [Fact]
    public async Task An_expired_upload_link_is_refused()
    {
        var (storage, signer) = await ArrangeAsync();
        var blob = storage.Container(Container).GetBlobClient("c1/expired-" + Guid.NewGuid().ToString("N"));
        var anHourAgo = DateTimeOffset.UtcNow.AddHours(-1);

        var expired = await signer.SignAsync(blob, UploadSas.Build(Container, blob.Name, anHourAgo, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5), httpsOnly: true), CancellationToken.None);
        using var put = await PutAsync(expired, "late");

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.False(await blob.ExistsAsync());
    }

    [Fact]
    public async Task A_link_whose_signature_was_made_with_another_identitys_key_is_refused()
    {
        var (storage, signer) = await ArrangeAsync();
        var blob = storage.Container(Container).GetBlobClient("c1/forged-" + Guid.NewGuid().ToString("N"));
        var upload = await signer.SignAsync(blob, UploadSas.Build(Container, blob.Name, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5), httpsOnly: true), CancellationToken.None);

        // Claiming another object id without its key: the signature no longer matches the delegation key Azurite derives.
        var forged = new UriBuilder(upload) { Query = upload.Query.TrimStart('?').Replace(_identity.ObjectId, Guid.NewGuid().ToString(), StringComparison.Ordinal) }.Uri;
        using var put = await PutAsync(forged, "forged");

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
    }

    [Fact]
    public async Task Tables_are_reached_with_the_same_identity()
    {
        var storage = CreateStorage();
        var table = storage.Table("IdentityMode");
        await table.CreateIfNotExistsAsync();

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["Value"] = "by token" });

        Assert.Equal("by token", (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetString("Value"));
    }

    private async Task<HttpResponseMessage> PutAsync(Uri sas, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, sas) { Content = new StringContent(text) };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();
}
