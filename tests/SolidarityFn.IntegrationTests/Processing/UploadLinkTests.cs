using System.Net;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using SolidarityFn.IntegrationTests.Fixtures;
using Azure.Storage.Sas;
using SolidarityFn.Pipeline.Processing;
using SolidarityFn.Pipeline.Security;

namespace SolidarityFn.IntegrationTests.Processing;

/// <summary>
/// What else the upload link can do in Azurite (it needs create+write: Put Block and Put Block List require w there),
/// and that each of those is harmless: leases are broken before deletes, snapshots go with the blob, metadata is never
/// trusted, and processing takes only a block blob of the declared size.
/// </summary>
[Collection(StackCollection.Name)]
public class UploadLinkTests(StackFixture stack) : IAsyncLifetime
{
    private readonly HttpClient _http = stack.CreateClient();
    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-link-").FullName;

    private UploadProcessor Processor => stack.Services.GetRequiredService<UploadProcessor>();

    private TableClient Submissions => stack.Tables.GetTableClient("Submissions");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    private BlobClient Stored(string submissionId) =>
        stack.Blobs.GetBlobContainerClient("uploads").GetBlobClient($"{UploadApi.Campaign}/{submissionId}");

    private async Task<(UploadApi.Ticket Ticket, string Video)> UploadVideoAsync()
    {
        var video = await TestMedia.VideoAsync(_dir, "320x240", seconds: 1.5, audio: false, name: Guid.NewGuid().ToString("N") + ".mp4");
        var ticket = await UploadApi.IssueAsync(_http, new FileInfo(video).Length);
        await new BlobClient(ticket.UploadUrl).UploadAsync(video);
        return (ticket, video);
    }

    private async Task<List<BlobItem>> UploadsOf(string submissionId) =>
        await stack.Blobs.GetBlobContainerClient("uploads")
            .GetBlobsAsync(BlobTraits.None, BlobStates.Snapshots, $"{UploadApi.Campaign}/{submissionId}", CancellationToken.None).ToListAsync();

    private async Task<string> StatusOf(string submissionId) =>
        (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, submissionId)).Value.GetString("Status");

    [Fact]
    public async Task Withdrawal_deletes_an_upload_the_link_leased_and_snapshotted()
    {
        var (ticket, _) = await UploadVideoAsync();
        var link = new BlobClient(ticket.UploadUrl);
        await link.CreateSnapshotAsync();
        await link.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(-1)); // infinite
        Assert.Equal(2, (await UploadsOf(ticket.SubmissionId)).Count);

        using var withdrawn = await _http.SendAsync(UploadApi.Receipt(HttpMethod.Delete, ticket.SubmissionId, ticket.ReceiptToken));

        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        Assert.Empty(await UploadsOf(ticket.SubmissionId));
        Assert.Equal("Withdrawn", await StatusOf(ticket.SubmissionId));
    }

    [Fact]
    public async Task Metadata_written_through_the_link_cannot_keep_an_upload()
    {
        var (ticket, _) = await UploadVideoAsync();
        await new BlobClient(ticket.UploadUrl).SetMetadataAsync(new Dictionary<string, string> { ["keepuntil"] = "9999-12-31T00:00:00.0000000+00:00" });

        Assert.Equal(ProcessingResult.Ready, await Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None));

        // The campaign keeps no originals: the row decides, not the metadata.
        Assert.Empty(await UploadsOf(ticket.SubmissionId));
        var row = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
        Assert.Null(row.GetDateTimeOffset("OriginalKeptUntil"));
    }

    [Fact]
    public async Task A_leased_upload_is_deleted_after_processing_all_the_same()
    {
        var (ticket, _) = await UploadVideoAsync();
        await new BlobClient(ticket.UploadUrl).GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(-1));

        Assert.Equal(ProcessingResult.Ready, await Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None));

        Assert.Empty(await UploadsOf(ticket.SubmissionId));
    }

    [Fact]
    public async Task A_page_blob_made_with_the_link_is_refused_before_any_download()
    {
        var ticket = await UploadApi.IssueAsync(_http, 1024);
        await new PageBlobClient(ticket.UploadUrl).CreateAsync(1024);

        Assert.Equal(ProcessingResult.Failed, await Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None));

        var row = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
        Assert.Equal("corrupt", row.GetString("Reason"));
        Assert.Empty(await UploadsOf(ticket.SubmissionId));
    }

    [Fact]
    public async Task An_append_blob_made_with_the_link_is_refused_before_any_download()
    {
        var ticket = await UploadApi.IssueAsync(_http, 0 + 1024);
        await new AppendBlobClient(ticket.UploadUrl).CreateAsync();

        Assert.Equal(ProcessingResult.Failed, await Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None));

        Assert.Equal("corrupt", (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value.GetString("Reason"));
        Assert.Empty(await UploadsOf(ticket.SubmissionId));
    }

    [Fact]
    public async Task A_file_of_another_size_than_declared_is_refused_and_a_lease_on_it_does_not_keep_it()
    {
        var video = await TestMedia.VideoAsync(_dir, "320x240", seconds: 1.5, audio: false, name: Guid.NewGuid().ToString("N") + ".mp4");
        var ticket = await UploadApi.IssueAsync(_http, 1024); // declares 1 KB, sends the whole clip
        var link = new BlobClient(ticket.UploadUrl);
        await link.UploadAsync(video);
        await link.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(-1));

        Assert.Equal(ProcessingResult.Failed, await Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None));

        var row = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
        Assert.Equal("Failed", row.GetString("Status"));
        Assert.Equal("corrupt", row.GetString("Reason"));
        Assert.Empty(await UploadsOf(ticket.SubmissionId));
    }

    /// <summary>
    /// Why the link keeps create+write: in Azurite a create-only link is write-once (a second Put Blob is refused) but
    /// cannot stage a block (Put Block and Put Block List require w), so the page's block upload needs w, and with w
    /// the link can overwrite its committed blob while it lives.
    /// </summary>
    [Fact]
    public async Task In_Azurite_a_create_only_link_is_write_once_but_cannot_stage_blocks_so_the_link_keeps_write()
    {
        var blob = stack.Blobs.GetBlobContainerClient("uploads").GetBlobClient($"{UploadApi.Campaign}/probe-{Guid.NewGuid():N}");
        var sas = UploadSas.Build("uploads", blob.Name, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(2), httpsOnly: false);
        sas.SetPermissions(BlobSasPermissions.Create);
        var createOnly = blob.GenerateSasUri(sas);

        var stage = await Assert.ThrowsAsync<RequestFailedException>(() =>
            new BlockBlobClient(createOnly).StageBlockAsync(Convert.ToBase64String(BitConverter.GetBytes(0)), new MemoryStream(new byte[1024])));
        Assert.Equal(403, stage.Status);

        await new BlobClient(createOnly).UploadAsync(new BinaryData(new byte[10]));
        var overwrite = await Assert.ThrowsAsync<RequestFailedException>(() => new BlobClient(createOnly).UploadAsync(new BinaryData(new byte[20]), overwrite: true));
        Assert.Equal(403, overwrite.Status);
        Assert.Equal(10, (await blob.GetPropertiesAsync()).Value.ContentLength);
        await blob.DeleteAsync();

        // The real link (create+write) can overwrite: processing's size check and If-Match read are what stop that.
        var ticket = await UploadApi.IssueAsync(_http, 10);
        await new BlobClient(ticket.UploadUrl).UploadAsync(new BinaryData(new byte[10]));
        await new BlobClient(ticket.UploadUrl).UploadAsync(new BinaryData(new byte[30]), overwrite: true);
        Assert.Equal(30, (await Stored(ticket.SubmissionId).GetPropertiesAsync()).Value.ContentLength);
        Assert.Equal(ProcessingResult.Failed, await Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None));
        Assert.Equal("corrupt", (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value.GetString("Reason"));
    }

    [Fact]
    public async Task The_link_cannot_set_tags_or_delete_a_snapshot_it_made()
    {
        var (ticket, _) = await UploadVideoAsync();
        var link = new BlobClient(ticket.UploadUrl);

        var tags = await Assert.ThrowsAsync<RequestFailedException>(() => link.SetTagsAsync(new Dictionary<string, string> { ["k"] = "v" }));
        Assert.Equal(403, tags.Status);
        var snapshot = await link.CreateSnapshotAsync();
        var delete = await Assert.ThrowsAsync<RequestFailedException>(() => link.WithSnapshot(snapshot.Value.Snapshot).DeleteAsync());
        Assert.Equal(403, delete.Status);
    }
}
