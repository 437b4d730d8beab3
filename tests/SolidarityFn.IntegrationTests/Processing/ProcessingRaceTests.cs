using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Processing;

namespace SolidarityFn.IntegrationTests.Processing;

/// <summary>
/// Deliveries driven by hand (the intake stack delivers no events), to control races and failures:
/// duplicate events, a worker that died mid-claim, storage failing under the processor.
/// </summary>
[Collection(StackCollection.Name)]
public class ProcessingRaceTests(StackFixture stack) : IAsyncLifetime
{
    private readonly HttpClient _http = stack.CreateClient();
    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-race-").FullName;

    private UploadProcessor Processor => stack.Services.GetRequiredService<UploadProcessor>();

    private TableClient Submissions => stack.Tables.GetTableClient("Submissions");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<UploadApi.Ticket> UploadVideoAsync()
    {
        var video = await TestMedia.VideoAsync(_dir, "320x240", seconds: 1.5, audio: false, name: Guid.NewGuid().ToString("N") + ".mp4");
        var ticket = await UploadApi.IssueAsync(_http, new FileInfo(video).Length);
        await new BlobClient(ticket.UploadUrl).UploadAsync(video);
        return ticket;
    }

    private async Task<List<BlobItem>> MediaOf(string submissionId) =>
        await stack.Blobs.GetBlobContainerClient("media")
            .GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{UploadApi.Campaign}/{submissionId}/", CancellationToken.None).ToListAsync();

    [Fact]
    public async Task The_same_blob_event_delivered_twice_at_once_is_processed_once()
    {
        var ticket = await UploadVideoAsync();

        var results = await Task.WhenAll(
            Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None),
            Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None));

        Assert.Equal([ProcessingResult.Duplicate, ProcessingResult.Ready], results.OrderBy(r => r.ToString(), StringComparer.Ordinal));
        var row = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
        Assert.Equal("Ready", row.GetString("Status"));
        Assert.Equal(1, row.GetInt32("ProcessingAttempts"));
        Assert.Equal(3, (await MediaOf(ticket.SubmissionId)).Count);
    }

    [Fact]
    public async Task A_late_redelivery_after_processing_changes_nothing()
    {
        var ticket = await UploadVideoAsync();
        Assert.Equal(ProcessingResult.Ready, await Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None));
        var before = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value.ETag;

        var again = await Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None);

        Assert.Equal(ProcessingResult.Duplicate, again);
        Assert.Equal(before, (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value.ETag);
    }

    [Fact]
    public async Task A_claim_left_by_a_dead_worker_is_taken_over_by_the_sweep()
    {
        var ticket = await UploadVideoAsync();
        var row = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
        row["Status"] = "Processing";
        row["ClaimId"] = "dead-worker";
        row["ClaimedAt"] = DateTimeOffset.UtcNow.AddHours(-1);
        row["ProcessingAttempts"] = 1;
        await Submissions.UpdateEntityAsync(row, row.ETag);

        // A fresh delivery must not steal a live claim, but this one is an hour old.
        var report = await stack.Services.GetRequiredService<StalledUploadSweeper>().SweepAsync(CancellationToken.None);

        Assert.True(report.Processed >= 1);
        var after = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
        Assert.Equal("Ready", after.GetString("Status"));
        Assert.Equal(2, after.GetInt32("ProcessingAttempts"));
    }

    [Fact]
    public async Task A_storage_failure_is_retried_and_after_the_last_attempt_the_submission_fails_with_a_reason()
    {
        var ticket = await UploadVideoAsync();
        var media = stack.Blobs.GetBlobContainerClient("media");
        await media.DeleteAsync();
        try
        {
            await Assert.ThrowsAsync<TransientProcessingException>(() => Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None));
            var released = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
            Assert.Equal("Uploaded", released.GetString("Status"));
            Assert.NotNull(released.GetDateTimeOffset("NextAttemptAt"));
            Assert.True(await stack.Blobs.GetBlobContainerClient("uploads").GetBlobClient($"{UploadApi.Campaign}/{ticket.SubmissionId}").ExistsAsync());

            await Assert.ThrowsAsync<TransientProcessingException>(() => Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None));
            var third = await Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None);

            Assert.Equal(ProcessingResult.Failed, third);
            var failed = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
            Assert.Equal("Failed", failed.GetString("Status"));
            Assert.Equal("processing_failed", failed.GetString("Reason"));
            Assert.Equal(3, failed.GetInt32("ProcessingAttempts"));
        }
        finally
        {
            await media.CreateIfNotExistsAsync();
        }
    }

    [Fact]
    public async Task A_transient_failure_then_success_ends_ready()
    {
        var ticket = await UploadVideoAsync();
        var media = stack.Blobs.GetBlobContainerClient("media");
        await media.DeleteAsync();
        try
        {
            await Assert.ThrowsAsync<TransientProcessingException>(() => Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None));
        }
        finally
        {
            await media.CreateIfNotExistsAsync();
        }

        Assert.Equal(ProcessingResult.Ready, await Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None));
    }
}
