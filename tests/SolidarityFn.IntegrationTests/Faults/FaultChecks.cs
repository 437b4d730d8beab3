using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Processing;

namespace SolidarityFn.IntegrationTests.Faults;

/// <summary>Uploads, waits and the checks every fault test ends with: nothing lost, and a state an organizer can act on.</summary>
internal static class FaultChecks
{
    /// <summary>
    /// ffmpeg runs a clip's processing starts side by side (the thumbnail and the clip + preview, ThumbnailFirst): a test
    /// that holds every run waits for both before it acts, or a run that enters its hold a moment later stays held until
    /// its time limit and the attempt fails on our side.
    /// </summary>
    public const int RunsPerClip = 2;

    public static readonly string[] Outputs = ["clip.mp4", "preview.mp4", "thumb.jpg"];

    /// <summary>A 3 s 320×240 clip with sound, made for this upload, sent through a new upload link as the page does.</summary>
    public static async Task<UploadApi.Ticket> UploadClipAsync(FaultsFixture stack, string folder, string campaign = UploadApi.Campaign)
    {
        var video = await TestMedia.VideoAsync(folder, "320x240", seconds: 3, audio: true, name: Guid.NewGuid().ToString("N") + ".mp4");
        using var http = stack.CreateClient();
        var body = UploadApi.ValidBody(new FileInfo(video).Length);
        using var response = await UploadApi.PostAsync(http, body, campaign);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var ticket = await UploadApi.TicketAsync(response);
        await new BlobClient(ticket.UploadUrl).UploadAsync(video);
        return ticket;
    }

    public static async Task<TableEntity> RowAsync(FaultsFixture stack, string submissionId, string campaign = UploadApi.Campaign) =>
        (await stack.Tables.GetTableClient("Submissions").GetEntityAsync<TableEntity>(campaign, submissionId)).Value;

    public static BlobClient RawUpload(FaultsFixture stack, string submissionId, string campaign = UploadApi.Campaign) =>
        stack.Blobs.GetBlobContainerClient("uploads").GetBlobClient($"{campaign}/{submissionId}");

    /// <summary>The submission's blobs in media/, by file name, with their ETags.</summary>
    public static async Task<Dictionary<string, ETag>> MediaAsync(FaultsFixture stack, string submissionId, string campaign = UploadApi.Campaign)
    {
        var media = new Dictionary<string, ETag>(StringComparer.Ordinal);
        await foreach (var item in stack.Blobs.GetBlobContainerClient("media").GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{campaign}/{submissionId}/", CancellationToken.None))
        {
            media[item.Name[(item.Name.LastIndexOf('/') + 1)..]] = item.Properties.ETag!.Value;
        }

        return media;
    }

    /// <summary>
    /// Polls the row until <paramref name="done"/>, running the sweep between looks as its timer would (every half
    /// second instead of five minutes): the sweep takes over stale claims and starts retries that are due. A sweep that
    /// fails (storage down) is simply run again.
    /// </summary>
    public static async Task<TableEntity> SweepUntilAsync(FaultsFixture stack, string submissionId, Func<TableEntity, bool> done, TimeSpan limit, string campaign = UploadApi.Campaign) =>
        await PollAsync(stack, submissionId, done, limit, campaign, sweep: true);

    /// <summary>Polls the row until <paramref name="done"/>, running nothing.</summary>
    public static async Task<TableEntity> WaitUntilAsync(FaultsFixture stack, string submissionId, Func<TableEntity, bool> done, TimeSpan limit) =>
        await PollAsync(stack, submissionId, done, limit, UploadApi.Campaign, sweep: false);

    private static async Task<TableEntity> PollAsync(FaultsFixture stack, string submissionId, Func<TableEntity, bool> done, TimeSpan limit, string campaign, bool sweep)
    {
        var sweeper = stack.Services.GetRequiredService<StalledUploadSweeper>();
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            TableEntity? row = null;
            try
            {
                row = await RowAsync(stack, submissionId, campaign);
                if (done(row))
                {
                    return row;
                }

                if (sweep)
                {
                    await sweeper.SweepAsync(CancellationToken.None);
                }
            }
            catch (Exception e) when (e is RequestFailedException or AggregateException)
            {
                // Storage is down: the timer would fail this run and try at the next.
            }

            Assert.True(DateTime.UtcNow < deadline, $"{submissionId} is still {row?.GetString("Status")} after {limit}; worker log:\n{stack.Worker.Tail()}");
            await Task.Delay(sweep ? 500 : 100);
        }
    }

    public static bool IsSettled(TableEntity row) => row.GetString("Status") is "Ready" or "Failed";

    /// <summary>
    /// The end of every fault test: the submission is Ready (or Approved) with its three outputs there and the clip
    /// decoding whole, or Failed with processing_failed and its raw upload kept for a retry. Anything else, or an upload
    /// with neither outputs nor its raw file, is a lost upload (counted in the ledger before the assertion fails).
    /// </summary>
    public static async Task<string> AssertOrganizerCanActAsync(FaultsFixture stack, string submissionId, string folder, string campaign = UploadApi.Campaign)
    {
        var row = await RowAsync(stack, submissionId, campaign);
        var status = row.GetString("Status");
        var media = await MediaAsync(stack, submissionId, campaign);
        var rawKept = await RawUpload(stack, submissionId, campaign).ExistsAsync();
        var outputsWhole = Outputs.All(media.ContainsKey);
        stack.Ledger.Checked(submissionId, lost: !outputsWhole && !rawKept);

        switch (status)
        {
            case "Ready" or "Approved":
                Assert.Equal(Outputs, media.Keys.Order(StringComparer.Ordinal));
                await AssertDecodesAsync(stack, $"{campaign}/{submissionId}/clip.mp4", folder);
                break;
            case "Failed":
                Assert.Equal("processing_failed", row.GetString("Reason"));
                Assert.True(rawKept, "A submission Failed by our faults must keep its raw upload.");
                Assert.True(row.GetDateTimeOffset("OriginalKeptUntil") > DateTimeOffset.UtcNow.AddDays(2), "The kept upload has no deadline in its row.");
                break;
            default:
                Assert.Fail($"{submissionId} ended {status}: no organizer can act on it.");
                break;
        }

        return status!;
    }

    /// <summary>The blob in media/ decodes from the first frame to the last (real ffmpeg, not the faulty one).</summary>
    public static async Task AssertDecodesAsync(FaultsFixture stack, string mediaBlob, string folder)
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".mp4");
        await stack.Blobs.GetBlobContainerClient("media").GetBlobClient(mediaBlob).DownloadToAsync(path);
        await TestMedia.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-xerror", "-i", path, "-f", "null", "-"]);
    }

    /// <summary>Every submission row and every blob of the uploads and media containers, to compare across an outage.</summary>
    public static async Task<Snapshot> SnapshotAsync(FaultsFixture stack)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in stack.Tables.GetTableClient("Submissions").QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "Status"]))
        {
            rows[row.PartitionKey + "/" + row.RowKey] = row.GetString("Status");
        }

        var blobs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in new[] { "uploads", "media" })
        {
            await foreach (var item in stack.Blobs.GetBlobContainerClient(container).GetBlobsAsync())
            {
                blobs.Add(container + "/" + item.Name);
            }
        }

        return new Snapshot(rows, blobs);
    }

    public sealed record Snapshot(IReadOnlyDictionary<string, string> Rows, IReadOnlySet<string> Blobs);
}
