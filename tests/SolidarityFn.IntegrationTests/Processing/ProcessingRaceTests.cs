using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using System.Net.Http.Json;
using SolidarityFn.IntegrationTests.Fixtures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Processing;
using SolidarityFn.Pipeline.Review;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.IntegrationTests.Processing;

/// <summary>
/// Deliveries driven by hand (the intake stack delivers no events), to control races and failures:
/// duplicate events, early redeliveries, a worker that died mid-claim or lost it, storage failing under the processor.
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

    /// <summary>What the sweep sees once a backoff has run out, without waiting for it.</summary>
    private async Task MakeDueAsync(string submissionId)
    {
        var row = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, submissionId)).Value;
        row["NextAttemptAt"] = DateTimeOffset.UtcNow.AddSeconds(-1);
        await Submissions.UpdateEntityAsync(row, row.ETag);
    }

    private BlobClient RawUpload(string submissionId) =>
        stack.Blobs.GetBlobContainerClient("uploads").GetBlobClient($"{UploadApi.Campaign}/{submissionId}");

    [Fact]
    public async Task A_redelivery_before_the_retry_is_due_neither_works_nor_counts_an_attempt()
    {
        var ticket = await UploadVideoAsync();
        var media = stack.Blobs.GetBlobContainerClient("media");
        await media.DeleteAsync();
        try
        {
            await Assert.ThrowsAsync<TransientProcessingException>(() => Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None));
            var released = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;

            // The stack's backoff is 30 s: these come long before it.
            var early = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None)));

            Assert.All(early, r => Assert.Equal(ProcessingResult.NotDue, r));
            var after = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
            Assert.Equal(released.ETag, after.ETag);
            Assert.Equal("Uploaded", after.GetString("Status"));
            Assert.Equal(1, after.GetInt32("ProcessingAttempts"));
            Assert.True(after.GetDateTimeOffset("NextAttemptAt") > DateTimeOffset.UtcNow.AddSeconds(20));
        }
        finally
        {
            await media.CreateIfNotExistsAsync();
        }
    }

    [Fact]
    public async Task Faults_that_outlast_every_attempt_fail_the_submission_but_keep_the_upload_until_an_organizer_retries_it()
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
            Assert.True(await RawUpload(ticket.SubmissionId).ExistsAsync());

            await MakeDueAsync(ticket.SubmissionId);
            await Assert.ThrowsAsync<TransientProcessingException>(() => Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None));
            await MakeDueAsync(ticket.SubmissionId);
            var third = await Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None);

            Assert.Equal(ProcessingResult.Failed, third);
            var failed = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
            Assert.Equal("Failed", failed.GetString("Status"));
            Assert.Equal("processing_failed", failed.GetString("Reason"));
            Assert.Contains("do not need to send it again", failed.GetString("Message"), StringComparison.Ordinal);
            Assert.Equal(3, failed.GetInt32("ProcessingAttempts"));
            Assert.True(failed.GetDateTimeOffset("OriginalKeptUntil") >= DateTimeOffset.UtcNow.AddDays(3).AddMinutes(-5));

            // Our fault, not the media's: the upload is kept, private, for a retry.
            Assert.True(await RawUpload(ticket.SubmissionId).ExistsAsync());

            // A redelivery of the blob event now (the sweep, the host) leaves the kept upload alone.
            Assert.Equal(ProcessingResult.Duplicate, await Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None));
            Assert.True(await RawUpload(ticket.SubmissionId).ExistsAsync());
        }
        finally
        {
            await media.CreateIfNotExistsAsync();
        }

        using var organizer = stack.CreateOrganizerClient();
        var retryUrl = $"/api/campaigns/{UploadApi.Campaign}/submissions/{ticket.SubmissionId}/retry";
        using (var anonymous = await _http.PostAsJsonAsync(retryUrl, new { }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var retried = await organizer.PostAsJsonAsync(retryUrl, new { }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, retried.StatusCode);
        }

        var queued = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
        Assert.Equal("Uploaded", queued.GetString("Status"));
        Assert.Equal(0, queued.GetInt32("ProcessingAttempts"));
        var audit = await stack.Services.GetRequiredService<SolidarityFn.Pipeline.Audit.AuditLog>().ListAsync(UploadApi.Campaign, null, 50, CancellationToken.None);
        Assert.Contains(audit.Items, e => e.Action == "submission.retry" && e.SubmissionId == ticket.SubmissionId);

        // The retry is queued: the pump processes it now.
        await stack.Services.GetRequiredService<SolidarityFn.Pipeline.Queue.QueuePump>().RunAsync(CancellationToken.None);

        var ready = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
        Assert.Equal("Ready", ready.GetString("Status"));
        Assert.Equal(3, (await MediaOf(ticket.SubmissionId)).Count);
        Assert.False(await RawUpload(ticket.SubmissionId).ExistsAsync()); // the campaign keeps no originals

        using var again = await organizer.PostAsJsonAsync(retryUrl, new { });
        Assert.Equal(System.Net.HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Media_refused_for_itself_is_deleted_and_cannot_be_retried()
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(new string('x', 4096));
        var ticket = await UploadApi.IssueAsync(_http, bytes.Length);
        await new BlobClient(ticket.UploadUrl).UploadAsync(new BinaryData(bytes));

        Assert.Equal(ProcessingResult.Failed, await Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None));

        var row = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
        Assert.Equal("Failed", row.GetString("Status"));
        Assert.NotEqual("processing_failed", row.GetString("Reason"));
        Assert.Null(row.GetDateTimeOffset("OriginalKeptUntil"));
        Assert.False(await RawUpload(ticket.SubmissionId).ExistsAsync());

        using var organizer = stack.CreateOrganizerClient();
        using var retried = await organizer.PostAsJsonAsync($"/api/campaigns/{UploadApi.Campaign}/submissions/{ticket.SubmissionId}/retry", new { });
        Assert.Equal(System.Net.HttpStatusCode.Conflict, retried.StatusCode);
    }

    [Fact]
    public async Task The_sweep_deletes_a_kept_upload_once_the_deadline_in_its_row_has_passed()
    {
        var ticket = await UploadVideoAsync();
        var store = stack.Services.GetRequiredService<SubmissionStore>();
        var row = await store.GetAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None);
        row!.StatusValue = SolidarityFn.Pipeline.Submissions.SubmissionStatus.Failed;
        row.Reason = "processing_failed";
        row.OriginalKeptUntil = DateTimeOffset.UtcNow.AddMinutes(-1);
        Assert.True(await store.TryReplaceAsync(row, CancellationToken.None));

        var report = await stack.Services.GetRequiredService<StalledUploadSweeper>().SweepAsync(CancellationToken.None);

        Assert.True(report.OriginalsDeleted >= 1);
        Assert.False(await RawUpload(ticket.SubmissionId).ExistsAsync());
        var after = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
        Assert.Null(after.GetDateTimeOffset("OriginalKeptUntil"));
        Assert.Equal("Failed", after.GetString("Status"));
    }

    [Theory]
    [InlineData("refused")]
    [InlineData("fault-on-last-attempt")]
    public async Task A_worker_that_lost_its_claim_deletes_nothing_of_the_new_holder_s_work(string failure)
    {
        var ticket = await UploadVideoAsync();
        if (failure == "fault-on-last-attempt")
        {
            var row = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
            row["ProcessingAttempts"] = stack.Services.GetRequiredService<IOptions<ProcessingOptions>>().Value.MaxAttempts - 1;
            await Submissions.UpdateEntityAsync(row, row.ETag);
        }

        var held = new HeldNormalizer(failure == "refused"
            ? new MediaRejectedException("corrupt", "The file is damaged.")
            : new MediaToolException("ffmpeg was killed."));
        var first = NewProcessor(held).ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None);
        await held.Started.Task.WaitAsync(TimeSpan.FromMinutes(2));

        // The first worker looks dead (its claim is an hour old): a healthy one takes the upload over and finishes it.
        var claimed = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
        Assert.Equal("Processing", claimed.GetString("Status"));
        claimed["ClaimedAt"] = DateTimeOffset.UtcNow.AddHours(-1);
        await Submissions.UpdateEntityAsync(claimed, claimed.ETag);
        Assert.Equal(ProcessingResult.Ready, await Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None));

        // Now the first worker fails: it must see it no longer holds the claim and delete nothing.
        held.Release.SetResult();
        Assert.Equal(ProcessingResult.Duplicate, await first);

        var after = (await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
        Assert.Equal("Ready", after.GetString("Status"));
        var names = (await MediaOf(ticket.SubmissionId)).Select(b => b.Name[(b.Name.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal);
        Assert.Equal(["clip.mp4", "preview.mp4", "thumb.jpg"], names);
    }

    private UploadProcessor NewProcessor(IMediaNormalizer normalizer) => new(
        stack.Services.GetRequiredService<SubmissionStore>(),
        stack.Services.GetRequiredService<CampaignStore>(),
        stack.Services.GetRequiredService<StorageClients>(),
        normalizer,
        stack.Services.GetRequiredService<ReviewQueue>(),
        stack.Services.GetRequiredService<SolidarityFn.Pipeline.Erasure.SubmissionErasure>(),
        stack.Services.GetRequiredService<IOptions<ProcessingOptions>>(),
        TimeProvider.System,
        stack.Services.GetRequiredService<ILogger<UploadProcessor>>());

    /// <summary>A worker held mid-processing until the test lets it go, then failing as told: a seam, not a stub of the outcome.</summary>
    private sealed class HeldNormalizer(Exception failure) : IMediaNormalizer
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<NormalizedMedia> NormalizeAsync(
            string inputPath, MediaLimits limits, string workDir, Func<string, CancellationToken, Task> thumbnailReady, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            throw failure;
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

        await MakeDueAsync(ticket.SubmissionId);
        Assert.Equal(ProcessingResult.Ready, await Processor.ProcessAsync(UploadApi.Campaign, ticket.SubmissionId, CancellationToken.None));
        Assert.True((await Submissions.GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value.GetDateTimeOffset("NextAttemptAt") is null);
    }
}
