using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Processing;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Review;

namespace SolidarityFn.IntegrationTests.Processing;

/// <summary>A processed upload waits for review: the processor enqueues it on its campaign's review queue, once.</summary>
[Collection(ProcessingCollection.Name)]
public class ReviewEnqueueTests(ProcessingStackFixture stack) : IAsyncLifetime
{
    private readonly HttpClient _http = stack.CreateClient();
    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-review-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_upload_that_becomes_ready_leaves_one_pending_review_item_and_redeliveries_add_none()
    {
        // A campaign of its own, so its review queue holds only what this test made.
        var campaign = "review-enqueue-" + Guid.NewGuid().ToString("N")[..12];
        await stack.Services.GetRequiredService<CampaignStore>().UpsertAsync(DefaultCampaign.Create() with { Id = campaign }, CancellationToken.None);
        var video = await TestMedia.VideoAsync(_dir, "320x240", seconds: 1.5, audio: true);
        using var issued = await UploadApi.PostAsync(_http, UploadApi.ValidBody(new FileInfo(video).Length), campaign);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var ticket = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var submissionId = ticket.GetProperty("submissionId").GetString()!;

        // Processed through the stack: the DevHost delivers the blob event to the same function class as Azure.
        await new BlobClient(new Uri(ticket.GetProperty("uploadUrl").GetString()!)).UploadAsync(video);
        await WaitForReadyAsync(campaign, submissionId, ticket.GetProperty("receiptToken").GetString()!);

        // The same blob delivered twice more, at once (Event Grid delivers at least once).
        var processor = stack.Services.GetRequiredService<UploadProcessor>();
        var again = await Task.WhenAll(
            processor.ProcessAsync(campaign, submissionId, CancellationToken.None),
            processor.ProcessAsync(campaign, submissionId, CancellationToken.None));
        Assert.All(again, result => Assert.NotEqual(ProcessingResult.Ready, result));

        var queue = stack.Services.GetRequiredService<TableQueue>();
        var items = (await queue.ListAsync("review-" + campaign, state: null, 100, null, CancellationToken.None)).Items;
        var item = Assert.Single(items);
        Assert.Equal((submissionId, QueueItemState.Pending, 0), (item.IdempotencyKey, item.State, item.Attempts));
        Assert.Equal(new ReviewQueueItem(campaign, submissionId), JsonSerializer.Deserialize<ReviewQueueItem>(item.Payload, JsonSerializerOptions.Web));
    }

    private async Task WaitForReadyAsync(string campaign, string submissionId, string receiptToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            using var response = await _http.SendAsync(UploadApi.Receipt(HttpMethod.Get, submissionId, receiptToken));
            var status = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
            if (status == "Ready")
            {
                return;
            }

            Assert.True(status is not ("Failed" or "Withdrawn") && DateTime.UtcNow < deadline, $"{campaign}/{submissionId} is {status}, not Ready");
            await Task.Delay(250);
        }
    }
}
