using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ImageMagick;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Campaigns;

namespace SolidarityFn.IntegrationTests.Processing;

[CollectionDefinition(Name)]
public sealed class ProcessingCollection : ICollectionFixture<ProcessingStackFixture>
{
    public const string Name = "processing";
}

/// <summary>
/// From blob commit to a review-ready clip through the DevHost's blob events, the same function class the
/// Event Grid trigger runs in Azure; real Azurite, ffmpeg and Magick.NET.
/// </summary>
[Collection(ProcessingCollection.Name)]
public class ProcessingFlowTests(ProcessingStackFixture stack) : IAsyncLifetime
{
    private readonly HttpClient _http = stack.CreateClient();
    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-flow-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    private BlobContainerClient Media => stack.Blobs.GetBlobContainerClient("media");

    private BlobClient Raw(string campaign, string id) => stack.Blobs.GetBlobContainerClient("uploads").GetBlobClient($"{campaign}/{id}");

    private async Task<JsonElement> WaitForStatusAsync(UploadApi.Ticket ticket, params string[] final)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            using var response = await _http.SendAsync(UploadApi.Receipt(HttpMethod.Get, ticket.SubmissionId, ticket.ReceiptToken));
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (final.Contains(json.GetProperty("status").GetString()))
            {
                return json;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Still {json.GetProperty("status").GetString()} after 90 s");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task A_committed_video_becomes_ready_with_clip_thumbnail_preview_and_the_raw_upload_is_deleted()
    {
        var video = await TestMedia.VideoAsync(_dir, "640x360", seconds: 2, audio: true);
        var ticket = await UploadApi.IssueAsync(_http, new FileInfo(video).Length);

        await new BlobClient(ticket.UploadUrl).UploadAsync(video);
        var receipt = await WaitForStatusAsync(ticket, "Ready", "Failed");

        Assert.Equal("Ready", receipt.GetProperty("status").GetString());
        var source = receipt.GetProperty("source");
        Assert.Equal("video", source.GetProperty("kind").GetString());
        Assert.Equal(640, source.GetProperty("width").GetInt32());
        Assert.Equal(360, source.GetProperty("height").GetInt32());
        Assert.InRange(source.GetProperty("durationSeconds").GetDouble(), 1.9, 2.1);
        Assert.True(source.GetProperty("hadAudio").GetBoolean());

        var prefix = $"{UploadApi.Campaign}/{ticket.SubmissionId}/";
        var names = new List<string>();
        await foreach (var blob in Media.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
        {
            names.Add(blob.Name[prefix.Length..]);
        }

        Assert.Equal(["clip.mp4", "preview.mp4", "thumb.jpg"], names.Order(StringComparer.Ordinal));
        await SubmissionBlobs.AssertUploadDeletedAsync(stack.Blobs, UploadApi.Campaign, ticket.SubmissionId);

        // The receipt's thumbnail link is a working read-only SAS of a JPEG.
        using var anonymous = new HttpClient();
        var thumbnail = await anonymous.GetByteArrayAsync(receipt.GetProperty("thumbnailUrl").GetString());
        using var image = new MagickImage(thumbnail);
        Assert.Equal(MagickFormat.Jpeg, image.Format);
        Assert.Equal(480u, image.Width);

        var row = (await stack.Tables.GetTableClient("Submissions").GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
        Assert.Equal(1, row.GetInt32("ProcessingAttempts"));
        Assert.Null(row.GetString("ClaimId"));
    }

    [Fact]
    public async Task A_photo_with_gps_becomes_a_ready_still_clip_whose_thumbnail_has_no_exif()
    {
        var photo = TestMedia.JpegWithGps(_dir);
        var ticket = await UploadApi.IssueAsync(_http, new FileInfo(photo).Length);

        await new BlobClient(ticket.UploadUrl).UploadAsync(photo);
        var receipt = await WaitForStatusAsync(ticket, "Ready", "Failed");

        Assert.Equal("Ready", receipt.GetProperty("status").GetString());
        Assert.Equal("photo", receipt.GetProperty("source").GetProperty("kind").GetString());
        var thumb = (await Media.GetBlobClient($"{UploadApi.Campaign}/{ticket.SubmissionId}/thumb.jpg").DownloadContentAsync()).Value.Content.ToArray();
        using var image = new MagickImage(thumb);
        Assert.Null(image.GetExifProfile());
        Assert.Null(image.GetXmpProfile());
    }

    [Fact]
    public async Task A_text_file_posing_as_a_video_fails_as_unsupported_and_nothing_of_it_is_kept()
    {
        var fake = Path.Combine(_dir, "clip.mp4");
        await File.WriteAllTextAsync(fake, "this is not a video, whatever the name says\n");
        var ticket = await UploadApi.IssueAsync(_http, new FileInfo(fake).Length);

        await new BlobClient(ticket.UploadUrl).UploadAsync(fake);
        var receipt = await WaitForStatusAsync(ticket, "Ready", "Failed");

        Assert.Equal("Failed", receipt.GetProperty("status").GetString());
        Assert.Equal("unsupported_media", receipt.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(receipt.GetProperty("message").GetString()));
        await SubmissionBlobs.AssertNothingKeptAsync(stack.Blobs, UploadApi.Campaign, ticket.SubmissionId);
    }

    [Fact]
    public async Task A_blob_that_matches_no_submission_is_deleted_unprocessed()
    {
        var stray = Raw(UploadApi.Campaign, "abcdefghijkmnpqrstuv");
        await stray.UploadAsync(new BinaryData(new byte[128]));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await stray.ExistsAsync())
        {
            Assert.True(DateTime.UtcNow < deadline, "The stray blob was not deleted");
            await Task.Delay(200);
        }

        Assert.Empty(await Media.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{UploadApi.Campaign}/abcdefghijkmnpqrstuv/", CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task A_blob_larger_than_the_campaign_limit_fails_too_large_and_is_deleted()
    {
        var campaigns = stack.Services.GetRequiredService<CampaignStore>();
        await campaigns.UpsertAsync(DefaultCampaign.Create() with { Id = "tiny-limit", Limits = new CampaignLimits { MaxUploadBytes = 10_000 } }, CancellationToken.None);
        using var response = await UploadApi.PostAsync(_http, UploadApi.ValidBody(5_000), "tiny-limit");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var ticket = new UploadApi.Ticket(json.GetProperty("submissionId").GetString()!, new Uri(json.GetProperty("uploadUrl").GetString()!), json.GetProperty("receiptToken").GetString()!, "", 0, default);

        // The declared size was honest-looking; the bytes sent are not.
        await new BlobClient(ticket.UploadUrl).UploadAsync(new BinaryData(new byte[20_000]));
        var receipt = await WaitForStatusAsync(ticket, "Ready", "Failed");

        Assert.Equal("too_large", receipt.GetProperty("reason").GetString());
        await SubmissionBlobs.AssertNothingKeptAsync(stack.Blobs, "tiny-limit", ticket.SubmissionId);
    }
}
