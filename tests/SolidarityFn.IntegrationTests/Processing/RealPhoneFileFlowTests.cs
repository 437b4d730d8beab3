using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Media;

namespace SolidarityFn.IntegrationTests.Processing;

/// <summary>
/// Real phone files through the whole stack: the upload API, a block upload to Azurite, the blob event, processing,
/// the stored media, the submission row and the organizer's list, as a contributor and an organizer meet them.
/// </summary>
[Collection(ProcessingCollection.Name)]
public sealed class RealPhoneFileFlowTests(ProcessingStackFixture stack) : IAsyncLifetime
{
    private readonly HttpClient _http = stack.CreateClient();
    private readonly HttpClient _organizer = stack.CreateOrganizerClient();
    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-phone-flow-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        _http.Dispose();
        _organizer.Dispose();
        return Task.CompletedTask;
    }

    private BlobContainerClient Media => stack.Blobs.GetBlobContainerClient("media");

    [Theory]
    [InlineData(PhoneFiles.IphoneMov, "video/quicktime", "video", 320, 568, true)]
    [InlineData(PhoneFiles.HeicGrid, "image/heic", "photo", 4032, 3024, false)]
    [InlineData(PhoneFiles.DepthMapJpeg, "image/jpeg", "photo", 768, 1024, false)]
    [InlineData(PhoneFiles.ThreeGp, "video/3gpp", "video", 176, 144, true)]
    public async Task A_real_phone_file_becomes_ready_upright_with_its_shape_recorded_and_nothing_of_the_phone_stored(
        string name, string contentType, string kind, int width, int height, bool lowResolution)
    {
        var path = PhoneFiles.PathOf(name);
        var ticket = await UploadApi.IssueAsync(_http, new FileInfo(path).Length, contentType, name);
        await new BlobClient(ticket.UploadUrl).UploadAsync(path);
        var receipt = await WaitForStatusAsync(ticket);

        Assert.Equal("Ready", receipt.GetProperty("status").GetString());
        var source = receipt.GetProperty("source");
        Assert.Equal(kind, source.GetProperty("kind").GetString());
        Assert.Equal((width, height), (source.GetProperty("width").GetInt32(), source.GetProperty("height").GetInt32()));
        var row = (await stack.Tables.GetTableClient("Submissions").GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
        Assert.Equal((width, height), (row.GetInt32("SourceWidth"), row.GetInt32("SourceHeight")));

        // What was stored: two streams in each video, one plain JPEG, nothing of the phone anywhere.
        var prefix = $"{UploadApi.Campaign}/{ticket.SubmissionId}/";
        var stored = new Dictionary<string, string>();
        foreach (var blob in new[] { "clip.mp4", "preview.mp4", "thumb.jpg" })
        {
            var local = Path.Combine(_dir, ticket.SubmissionId + " " + blob);
            await Media.GetBlobClient(prefix + blob).DownloadToAsync(local);
            stored[blob] = local;
            await PhoneFiles.AssertNothingOfThePhoneAsync(local);
        }

        await PhoneFiles.AssertOneVideoOneAudioAsync(stored["clip.mp4"]);
        await PhoneFiles.AssertOneVideoOneAudioAsync(stored["preview.mp4"]);
        await PhoneFiles.AssertSingleJpegAsync(stored["thumb.jpg"]);

        // Upright: the stored thumbnail against ffmpeg's (video) or ImageMagick's (photo) own upright decode.
        var reference = kind == "video" ? path : await PhoneFiles.UprightReferenceAsync(path, _dir);
        double? at = kind == "video" ? Pipeline.Media.ThumbnailCommand.PickTime(source.GetProperty("durationSeconds").GetDouble()) : null;
        var ssim = await PhoneFiles.PictureSsimAsync(stored["thumb.jpg"], 0, reference, at, width, height);
        Assert.True(ssim >= 0.9, $"stored thumbnail SSIM {ssim:0.000}");

        // The organizer's list item says whether the source is under 720p.
        var item = await ListItemAsync(ticket.SubmissionId);
        Assert.Equal(lowResolution, item["lowResolution"]!.GetValue<bool>());
        Assert.Equal(width, item["source"]!["width"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_android_clip_of_a_sixth_of_a_second_fails_too_short_and_nothing_is_kept()
    {
        var path = PhoneFiles.PathOf(PhoneFiles.AndroidShortMp4);
        var ticket = await UploadApi.IssueAsync(_http, new FileInfo(path).Length, "video/mp4", PhoneFiles.AndroidShortMp4);
        await new BlobClient(ticket.UploadUrl).UploadAsync(path);
        var receipt = await WaitForStatusAsync(ticket);

        Assert.Equal("Failed", receipt.GetProperty("status").GetString());
        Assert.Equal("too_short", receipt.GetProperty("reason").GetString());
        await SubmissionBlobs.AssertNothingKeptAsync(stack.Blobs, UploadApi.Campaign, ticket.SubmissionId);
    }

    private Task<JsonElement> WaitForStatusAsync(UploadApi.Ticket ticket) => UploadApi.SettledReceiptAsync(_http, ticket, TimeSpan.FromSeconds(120));

    private async Task<JsonObject> ListItemAsync(string submissionId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await _organizer.GetFromJsonAsync<JsonObject>($"/api/campaigns/{UploadApi.Campaign}/submissions?status=Ready&pageSize=200");
            var item = page!["items"]!.AsArray().Select(i => i!.AsObject()).FirstOrDefault(i => i["submissionId"]!.GetValue<string>() == submissionId);
            if (item is not null)
            {
                return item;
            }

            Assert.True(DateTime.UtcNow < deadline, "The submission never reached the Ready list");
            await Task.Delay(250);
        }
    }
}
