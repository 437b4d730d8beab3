using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Api;

/// <summary>The upload link against a real Azurite: it writes its own blob, and can do nothing else.</summary>
[Collection(StackCollection.Name)]
public class UploadSasTests(StackFixture stack)
{
    private readonly HttpClient _http = stack.CreateClient();

    private BlobClient Stored(string submissionId) =>
        stack.Blobs.GetBlobContainerClient("uploads").GetBlobClient($"{UploadApi.Campaign}/{submissionId}");

    [Fact]
    public async Task A_single_put_through_the_sas_stores_the_blob_under_the_server_chosen_name()
    {
        var ticket = await UploadApi.IssueAsync(_http);
        var bytes = RandomNumberGenerator.GetBytes(1024);

        await new BlobClient(ticket.UploadUrl).UploadAsync(new BinaryData(bytes));

        Assert.Equal($"/devstoreaccount1/uploads/{UploadApi.Campaign}/{ticket.SubmissionId}", ticket.UploadUrl.AbsolutePath);
        Assert.Equal(bytes, (await Stored(ticket.SubmissionId).DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task Staged_blocks_through_the_sas_commit_into_one_blob()
    {
        var ticket = await UploadApi.IssueAsync(_http, sizeBytes: 3 * 100_000);
        var blocks = Enumerable.Range(0, 3).Select(_ => RandomNumberGenerator.GetBytes(100_000)).ToArray();
        var ids = Enumerable.Range(0, 3).Select(i => Convert.ToBase64String(BitConverter.GetBytes(i))).ToArray();
        var client = new BlockBlobClient(ticket.UploadUrl);

        for (var i = 0; i < blocks.Length; i++)
        {
            await client.StageBlockAsync(ids[i], new MemoryStream(blocks[i]));
        }

        await client.CommitBlockListAsync(ids);

        Assert.Equal(blocks.SelectMany(b => b).ToArray(), (await Stored(ticket.SubmissionId).DownloadContentAsync()).Value.Content.ToArray());
        Assert.Equal(4 * 1024 * 1024, ticket.BlockSizeBytes);
    }

    [Fact]
    public async Task The_sas_cannot_read_its_own_blob()
    {
        var ticket = await UploadApi.IssueAsync(_http);
        await new BlobClient(ticket.UploadUrl).UploadAsync(new BinaryData(new byte[10]));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => new BlobClient(ticket.UploadUrl).DownloadContentAsync());

        Assert.Equal(403, e.Status);
    }

    [Fact]
    public async Task The_sas_cannot_delete_its_own_blob()
    {
        var ticket = await UploadApi.IssueAsync(_http);
        await new BlobClient(ticket.UploadUrl).UploadAsync(new BinaryData(new byte[10]));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => new BlobClient(ticket.UploadUrl).DeleteAsync());

        Assert.Equal(403, e.Status);
        Assert.True(await Stored(ticket.SubmissionId).ExistsAsync());
    }

    [Fact]
    public async Task The_sas_cannot_list_the_container()
    {
        var ticket = await UploadApi.IssueAsync(_http);
        var containerUrl = new UriBuilder(ticket.UploadUrl) { Path = "/devstoreaccount1/uploads" }.Uri;

        var e = await Assert.ThrowsAsync<RequestFailedException>(async () =>
        {
            await foreach (var _ in new BlobContainerClient(containerUrl).GetBlobsAsync())
            {
            }
        });

        Assert.Equal(403, e.Status);
    }

    [Fact]
    public async Task The_sas_cannot_write_another_name()
    {
        var ticket = await UploadApi.IssueAsync(_http);
        var other = await UploadApi.IssueAsync(_http);
        // Someone else's blob name with my signature.
        var forged = new UriBuilder(ticket.UploadUrl) { Path = other.UploadUrl.AbsolutePath }.Uri;

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => new BlobClient(forged).UploadAsync(new BinaryData(new byte[10])));

        Assert.Equal(403, e.Status);
        Assert.False(await Stored(other.SubmissionId).ExistsAsync());
    }

    [Fact]
    public async Task The_sas_expires_within_15_minutes_and_started_in_the_past()
    {
        var before = DateTimeOffset.UtcNow;
        var ticket = await UploadApi.IssueAsync(_http);
        var query = System.Web.HttpUtility.ParseQueryString(ticket.UploadUrl.Query);

        Assert.Equal("b", query["sr"]);
        Assert.Equal("cw", query["sp"]);
        Assert.True(DateTimeOffset.Parse(query["st"]!, System.Globalization.CultureInfo.InvariantCulture) < before.AddMinutes(-1));
        Assert.True(ticket.ExpiresAt <= before.AddMinutes(15).AddSeconds(5));
    }

    [Fact]
    public async Task Blob_cors_lets_the_page_origin_put_and_nobody_else()
    {
        var ticket = await UploadApi.IssueAsync(_http);
        using var storage = new HttpClient();

        async Task<HttpResponseMessage> Preflight(string origin, string method)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, ticket.UploadUrl);
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", method);
            request.Headers.Add("Access-Control-Request-Headers", "content-type,x-ms-blob-content-type");
            return await storage.SendAsync(request);
        }

        using var page = await Preflight(stack.BaseAddress.ToString().TrimEnd('/'), "PUT");
        using var stranger = await Preflight("https://evil.example", "PUT");
        using var read = await Preflight(stack.BaseAddress.ToString().TrimEnd('/'), "GET");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(stack.BaseAddress.ToString().TrimEnd('/'), page.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.NotEqual(HttpStatusCode.OK, stranger.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, read.StatusCode);
    }
}

[CollectionDefinition(Name)]
public sealed class ShortSasCollection : ICollectionFixture<ShortSasStackFixture>
{
    public const string Name = "short-sas";
}

[Collection(ShortSasCollection.Name)]
public class UploadSasExpiryTests(ShortSasStackFixture stack)
{
    [Fact]
    public async Task The_sas_stops_working_after_it_expires()
    {
        using var http = stack.CreateClient();
        var ticket = await UploadApi.IssueAsync(http);
        await new BlobClient(ticket.UploadUrl).UploadAsync(new BinaryData(new byte[10]));

        var wait = ticket.ExpiresAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1.5);
        await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        var e = await Assert.ThrowsAsync<RequestFailedException>(() => new BlobClient(ticket.UploadUrl).UploadAsync(new BinaryData(new byte[10]), overwrite: true));

        Assert.Equal(403, e.Status);
    }
}
