using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using SkiaSharp;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Media;
using SolidarityFn.IntegrationTests.Organizers;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Branding;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Storage;
using Xunit.Abstractions;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>
/// The campaign logo (issue 16) through the real stack: PUT/GET/DELETE /logo with real files, then real assemblies whose
/// frames are compared with the logo scaled the same way, and the segment cache's counters when the logo changes.
/// </summary>
/// <remarks>Set KEEP_FRAMES_DIR to a folder to keep the frames (title, clip with its corner mark, end card) for looking at.</remarks>
[Collection(UltrafastAssemblyStackCollection.Name)]
public sealed class CampaignLogoTests(UltrafastAssemblyStackFixture stack, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "logo-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        var keep = Environment.GetEnvironmentVariable("KEEP_FRAMES_DIR");
        if (!string.IsNullOrEmpty(keep))
        {
            Directory.CreateDirectory(keep);
            foreach (var png in Directory.EnumerateFiles(_folder, "frame-*.png"))
            {
                File.Copy(png, Path.Combine(keep, "logo-" + Path.GetFileName(png)), overwrite: true);
            }
        }

        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_logo_is_stored_as_a_clean_png_refused_as_413_or_415_when_it_must_be_and_deleted()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        Assert.False((await SettingsAsync(organizer, campaign)).GetProperty("hasLogo").GetBoolean());

        // Not an image, whatever it says it is: 415 problem+json.
        using (var text = await PutLogoAsync(organizer, campaign, Encoding.UTF8.GetBytes("<html>logo</html>"), "image/png"))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
            Assert.Equal("application/problem+json", text.Content.Headers.ContentType?.MediaType);
        }

        using (var form = await PutLogoAsync(organizer, campaign, Png(40, 20), "application/x-www-form-urlencoded"))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        }

        // Over 2 MB, and over 4096 pixels a side (from the header): 413 with the reason.
        using (var big = await PutLogoAsync(organizer, campaign, new byte[(2 * 1024 * 1024) + 1], "image/png"))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        }

        using (var wide = await PutLogoAsync(organizer, campaign, Png(5000, 4), "image/png"))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, wide.StatusCode);
            using var problem = await UploadApi.ProblemAsync(wide);
            Assert.Contains("5000×4", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // An SVG pointing at a server: refused, and the server never hears from us.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var fetching = $"<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' width='100' height='50'><image xlink:href='http://127.0.0.1:{port}/x.png' width='100' height='50'/><rect width='10' height='10' style='fill:url(http://127.0.0.1:{port}/f)'/></svg>";
        using (var svgOut = await PutLogoAsync(organizer, campaign, Encoding.UTF8.GetBytes(fetching), "image/svg+xml"))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, svgOut.StatusCode);
            using var problem = await UploadApi.ProblemAsync(svgOut);
            Assert.Contains("self-contained", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await Task.Delay(200);
        Assert.False(listener.Pending(), "the SVG's address was fetched");

        using (var anonymous = stack.CreateClient())
        using (var denied = await PutLogoAsync(anonymous, campaign, Png(40, 20), "image/png"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        }

        Assert.False((await SettingsAsync(organizer, campaign)).GetProperty("hasLogo").GetBoolean());

        // A phone JPEG with EXIF (make, model, GPS): stored as a PNG holding nothing but its picture.
        using (var jpeg = await PutLogoAsync(organizer, campaign, await File.ReadAllBytesAsync(PhoneFiles.PathOf("jpg-Apple_iPhone_4.jpg")), "image/jpeg"))
        {
            Assert.Equal(HttpStatusCode.OK, jpeg.StatusCode);
            var body = await jpeg.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(body.GetProperty("hasLogo").GetBoolean());
            Assert.Equal(512, body.GetProperty("height").GetInt32());
        }

        var stored = (await Blob(campaign).DownloadContentAsync()).Value;
        var png = stored.Content.ToArray();
        Assert.Equal("image/png", stored.Details.ContentType);
        Assert.Equal(LogoKind.Png, LogoImage.Sniff(png));
        var chunks = PngChunks.Chunks(png).Select(c => c.Type).Distinct().ToList();
        output.WriteLine("stored chunks: " + string.Join(",", chunks));
        Assert.All(chunks, c => Assert.Contains(c, new[] { "IHDR", "PLTE", "tRNS", "IDAT", "IEND" }));
        Assert.True(png.AsSpan().IndexOf("Apple"u8) < 0 && png.AsSpan().IndexOf("Exif"u8) < 0 && png.AsSpan().IndexOf("GPS"u8) < 0);
        Assert.True((await SettingsAsync(organizer, campaign)).GetProperty("hasLogo").GetBoolean());

        // GET returns the stored PNG (the settings page's preview).
        using (var read = await organizer.GetAsync($"/api/campaigns/{campaign}/logo"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("image/png", read.Content.Headers.ContentType?.MediaType);
            Assert.Equal(png, await read.Content.ReadAsByteArrayAsync());
        }

        // A plain SVG replaces it, rasterised.
        var svg = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 300 100'><rect width='300' height='100' fill='#c8102e'/><circle cx='150' cy='50' r='35' fill='#fff'/></svg>";
        using (var put = await PutLogoAsync(organizer, campaign, Encoding.UTF8.GetBytes(svg), "application/octet-stream"))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var body = await put.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((1536, 512), (body.GetProperty("width").GetInt32(), body.GetProperty("height").GetInt32()));
        }

        var audit = await CampaignApi.AuditAsync(organizer, campaign);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), i => i.GetProperty("action").GetString() == CampaignLogoEditor.PutAction);

        using (var delete = await organizer.DeleteAsync($"/api/campaigns/{campaign}/logo"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.False((await SettingsAsync(organizer, campaign)).GetProperty("hasLogo").GetBoolean());
        Assert.False(await Blob(campaign).ExistsAsync());
        using (var gone = await organizer.GetAsync($"/api/campaigns/{campaign}/logo"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
    }

    [Fact]
    public async Task The_logo_is_drawn_on_the_cards_a_new_one_re_renders_the_cards_only_and_the_corner_mark_shows_only_when_asked()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = CampaignApi.NewId("logo");
        var body = CampaignApi.Body();
        body["look"] = new Dictionary<string, object?> { ["cardColour"] = "#0b6e4f", ["transition"] = "none" };
        var etag = await CampaignApi.CreateAsync(organizer, campaign, body);
        var clip = Path.Combine(_folder, "clip.mp4");
        await Tool.RunAsync("ffmpeg", [
            "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30:duration=6",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=6", "-map", "0:v", "-map", "1:a", "-t", "6",
            .. MezzanineFormat.OutputArguments("ultrafast", 23), clip]);
        // 1920×1080: a seeded clip blob states no size, so the assembly takes it as 1920×1080 (ClipShape.Legacy).
        await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clip, "Solidarity from the port", 6);

        var first = Logo(SKColors.Crimson);
        using (var put = await PutLogoAsync(organizer, campaign, first, "image/png"))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var landscape = AssemblyFormats.Landscape;
        var one = await AssemblyFlow.AssembleAsync(stack, organizer, campaign, new { formats = new[] { "landscape" } });
        var video = await DownloadAsync(one, "landscape.mp4", "one.mp4");
        var title = await FrameAsync(video, 2, "frame-landscape-title.png");
        await AssertLogoAsync(title, landscape, first);
        await AssertCardColourAsync(title, landscape);
        var end = await FrameAsync(video, 12.5, "frame-landscape-end.png");
        await AssertLogoAsync(end, landscape, first);
        var clipOff = await RgbAsync(await FrameAsync(video, 7, "frame-landscape-clip-nomark.png"), landscape);

        // A new logo: the two cards are rendered again, the clip is reused.
        var second = Logo(SKColors.DarkOrange);
        using (var put = await PutLogoAsync(organizer, campaign, second, "image/png"))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var two = await AssemblyFlow.AssembleAsync(stack, organizer, campaign, new { formats = new[] { "landscape" } });
        Assert.Equal(2, two.GetProperty("segmentsRendered").GetInt32());
        Assert.Equal(1, two.GetProperty("segmentsReused").GetInt32());
        await AssertLogoAsync(await FrameAsync(await DownloadAsync(two, "landscape.mp4", "two.mp4"), 2, "frame-landscape-title-2.png"), landscape, second);

        // The corner mark on: the clip is rendered again with the mark in its safe box, the cards reused.
        body["look"] = new Dictionary<string, object?> { ["logoOnClips"] = true };
        using (var saved = await CampaignApi.PutAsync(organizer, campaign, body, ifMatch: etag))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var three = await AssemblyFlow.AssembleAsync(stack, organizer, campaign, new { formats = new[] { "landscape", "vertical" } });
        var outputs = AssemblyFlow.Outputs(three);
        var withMark = await DownloadAsync(three, "landscape.mp4", "three.mp4");
        var clipOn = await RgbAsync(await FrameAsync(withMark, 7, "frame-landscape-clip-mark.png"), landscape);
        var mark = LogoPlacement.CornerMark(landscape, 400, 200);
        var inMark = MeanAbsDiff(clipOn, clipOff, landscape.Width, mark);
        var elsewhere = MeanAbsDiff(clipOn, clipOff, landscape.Width, new PixelBox(landscape.Width - 400, 100, 300, 200));
        output.WriteLine($"corner mark {mark}: mean abs diff on/off {inMark:0.0} inside, {elsewhere:0.0} elsewhere");
        Assert.True(inMark > 30, $"no corner mark: {inMark:0.0}");
        Assert.True(elsewhere < 6, $"the mark changed more than its box: {elsewhere:0.0}");

        // The vertical format, for the eye (KEEP_FRAMES_DIR): title with the logo, the clip with its mark, the end card.
        var vertical = await AssemblyFlow.DownloadAsync(outputs["vertical.mp4"], _folder, "vertical.mp4");
        await AssertLogoAsync(await FrameAsync(vertical, 2, "frame-vertical-title.png"), AssemblyFormats.Vertical, second);
        await FrameAsync(vertical, 7, "frame-vertical-clip-mark.png");
        await FrameAsync(vertical, 12.5, "frame-vertical-end.png");
    }

    /// <summary>The logo, scaled as the card scales it, found centred on the card: a close match.</summary>
    private async Task AssertLogoAsync(string frame, AssemblyFormat format, byte[] logo)
    {
        var (width, height) = LogoPlacement.CardSize(format, 400, 200);
        var logoPath = Path.Combine(_folder, $"logo-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(logoPath, logo);
        var expected = await Tool.RunBytesAsync("ffmpeg", ["-v", "error", "-i", logoPath, "-vf", $"scale={width}:{height}:flags=lanczos", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
        var actual = await RgbAsync(frame, format);
        var x = (format.Width - width) / 2;

        // The logo's top depends on the title's height: the best match down the frame's upper half.
        var (best, top) = (double.MaxValue, 0);
        for (var y = 0; y < format.Height / 2; y += 2)
        {
            var diff = MeanAbsDiff(actual, format.Width, expected, width, new PixelBox(x, y, width, height), step: 4);
            if (diff < best)
            {
                (best, top) = (diff, y);
            }
        }

        var exact = MeanAbsDiff(actual, format.Width, expected, width, new PixelBox(x, top, width, height), step: 1);
        output.WriteLine($"{format.Name}: logo {width}x{height} found at {x},{top}: mean abs diff {exact:0.00} per channel");
        Assert.True(exact < 8, $"the logo region differs from the logo by {exact:0.00} per channel");
        Assert.InRange(height, Math.Min(format.Width, format.Height) * 0.12, Math.Min(format.Width, format.Height) * 0.16);
    }

    /// <summary>The card's corner, far from text and logo, is the chosen #0b6e4f within 4 a channel (BT.709 decode).</summary>
    private async Task AssertCardColourAsync(string frame, AssemblyFormat format)
    {
        var rgb = await RgbAsync(frame, format);
        var at = ((20 * format.Width) + 20) * 3;
        output.WriteLine($"card corner rgb {rgb[at]},{rgb[at + 1]},{rgb[at + 2]} (chosen 11,110,79)");
        Assert.InRange(rgb[at], 11 - 4, 11 + 4);
        Assert.InRange(rgb[at + 1], 110 - 4, 110 + 4);
        Assert.InRange(rgb[at + 2], 79 - 4, 79 + 4);
    }

    /// <summary>An opaque 400×200 logo: a coloured field, a white disc and a dark bar, so a wrong place or scale shows.</summary>
    private static byte[] Logo(SKColor field)
    {
        using var bitmap = new SKBitmap(400, 200);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(field);
            using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
            canvas.DrawCircle(110, 100, 70, white);
            using var dark = new SKPaint { Color = new SKColor(0x10, 0x18, 0x30) };
            canvas.DrawRect(220, 40, 150, 120, dark);
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.Navy);
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    private async Task<string> FrameAsync(string video, double seconds, string name)
    {
        var path = Path.Combine(_folder, name);
        // Decoded with the BT.709 matrix and limited range the stream is tagged with (ffmpeg 5.1 would assume BT.601).
        await Tool.RunAsync("ffmpeg", ["-v", "error", "-y", "-ss", seconds.ToString(CultureInfo.InvariantCulture), "-i", video, "-frames:v", "1",
            "-vf", "scale=in_color_matrix=bt709:in_range=tv:flags=accurate_rnd+full_chroma_int,format=rgb24", path]);
        return path;
    }

    /// <summary>A frame written by <see cref="FrameAsync"/> as RGB bytes.</summary>
    private static Task<byte[]> RgbAsync(string png, AssemblyFormat format) =>
        Tool.RunBytesAsync("ffmpeg", ["-v", "error", "-i", png, "-s", $"{format.Width}x{format.Height}", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);

    private static double MeanAbsDiff(byte[] a, byte[] b, int frameWidth, PixelBox box) =>
        MeanAbsDiff(a, frameWidth, Crop(b, frameWidth, box), box.Width, box, step: 1);

    private static byte[] Crop(byte[] rgb, int frameWidth, PixelBox box)
    {
        var crop = new byte[box.Width * box.Height * 3];
        for (var y = 0; y < box.Height; y++)
        {
            Array.Copy(rgb, (((box.Y + y) * frameWidth) + box.X) * 3, crop, y * box.Width * 3, box.Width * 3);
        }

        return crop;
    }

    /// <summary>Mean absolute difference per channel between <paramref name="box"/> of a frame and a picture of the box's size.</summary>
    private static double MeanAbsDiff(byte[] frame, int frameWidth, byte[] picture, int pictureWidth, PixelBox box, int step)
    {
        long total = 0;
        long count = 0;
        for (var y = 0; y < box.Height; y += step)
        {
            for (var x = 0; x < box.Width; x += step)
            {
                var f = (((box.Y + y) * frameWidth) + box.X + x) * 3;
                var p = ((y * pictureWidth) + x) * 3;
                for (var c = 0; c < 3; c++)
                {
                    total += Math.Abs(frame[f + c] - picture[p + c]);
                    count++;
                }
            }
        }

        return total / (double)count;
    }

    private static async Task<HttpResponseMessage> PutLogoAsync(HttpClient http, string campaign, byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await http.PutAsync($"/api/campaigns/{campaign}/logo", content);
    }

    private static async Task<JsonElement> SettingsAsync(HttpClient organizer, string campaign) =>
        await organizer.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}/settings");

    private Azure.Storage.Blobs.BlobClient Blob(string campaign) =>
        stack.Blobs.GetBlobContainerClient(StorageNames.FinalContainer).GetBlobClient(StorageNames.LogoBlob(campaign));

    private Task<string> DownloadAsync(JsonElement status, string output, string name) =>
        AssemblyFlow.DownloadAsync(AssemblyFlow.Outputs(status)[output], _folder, name);
}
