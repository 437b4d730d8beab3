using System.Globalization;
using System.Text;
using System.Text.Json;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Media;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>
/// Six real uploads of mixed shapes, rates and kinds go through processing (contributor API → blob event → Ready), are
/// approved over the review API and assembled into all three formats in one job; the outputs are checked with ffprobe
/// and a full decode.
/// </summary>
[Collection(HighProfileAssemblyStackCollection.Name)]
public sealed class AssemblyMixedTests(HighProfileAssemblyStackFixture stack) : IDisposable
{
    private const string HostileCaption = "Solidarité: \"ICE out\" 100% \\ %{pts}";
    private const string ArabicCaption = "تضامن مع عمال مينيسوتا";
    private const double TitleCardSeconds = 4;
    private const double EndCardSeconds = 5;

    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-asm-mixed-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Six_mixed_uploads_assemble_into_three_clean_formats_in_one_job()
    {
        Contribution[] contributions =
        [
            new(await AssemblySources.VideoAsync(_dir, "landscape.mp4", "1920x1080", 30, 2.5, tone: true), "video/mp4", "Toronto teachers stand with Minnesota", "CUPE 4400", "Toronto"),
            // A phone's location and device tags, which must not reach any output.
            new(await AssemblySources.VideoAsync(_dir, "portrait.mp4", "720x1280", 60, 2.5, tone: true,
                "-metadata", "location=+44.9778-093.2650/", "-metadata", "make=Apple", "-metadata", "model=iPhone 15",
                "-metadata", "com.apple.quicktime.location.ISO6709=+44.9778-093.2650/", "-movflags", "use_metadata_tags"),
                "video/mp4", HostileCaption, "SEIU Local 26", "Minneapolis"),
            new(await AssemblySources.VideoAsync(_dir, "silent.mp4", "640x480", 25, 2.5, tone: false), "video/mp4", "Nurses of Hamilton say hello", "ONA Local 75", "Hamilton"),
            new(await AssemblySources.VideoAsync(_dir, "square.mp4", "1080x1080", 24, 2.5, tone: true), "video/mp4", "Solidarity from the port", "ILWU Local 500", "Vancouver"),
            new(TestMedia.JpegWithGps(_dir), "image/jpeg", ArabicCaption, "Unifor Local 444", "Windsor"),
            new(AssemblySources.Png(_dir), "image/png", "A photo from the picket line", "OPSEU Local 5107", "Ottawa"),
        ];

        using var contributor = stack.CreateClient();
        using var organizer = stack.CreateOrganizerClient();
        // Photos become 2 s still clips (the shortest allowed) to keep the render short.
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer, photoSeconds: 2);
        var tickets = new List<UploadApi.Ticket>();
        foreach (var contribution in contributions)
        {
            tickets.Add(await AssemblyFlow.UploadAsync(contributor, campaign, contribution));
        }

        await AssemblyFlow.WaitReadyAsync(contributor, tickets, TimeSpan.FromMinutes(3));

        // Each clip is stored at its upright source's shape, and its blob says so (the assembly frames from that).
        (int Width, int Height)[] shapes = [(1920, 1080), (720, 1280), (640, 480), (1080, 1080), (800, 600), (1200, 900)];
        var clips = new List<string>();
        foreach (var (ticket, index) in tickets.Select((t, i) => (t, i)))
        {
            var blob = stack.Blobs.GetBlobContainerClient(StorageNames.MediaContainer).GetBlobClient(StorageNames.MediaPrefix(campaign, ticket.SubmissionId) + "clip.mp4");
            var properties = (await blob.GetPropertiesAsync()).Value;
            Assert.Equal(new ClipShape(shapes[index].Width, shapes[index].Height), ClipShape.FromMetadata(properties.Metadata));
            var local = Path.Combine(_dir, $"clip-{index}.mp4");
            await blob.DownloadToAsync(local);
            using var clipProbe = await OutputAssert.ProbeAsync(local);
            var clipVideo = clipProbe.RootElement.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("codec_type").GetString() == "video");
            Assert.Equal(shapes[index], (clipVideo.GetProperty("width").GetInt32(), clipVideo.GetProperty("height").GetInt32()));
            clips.Add(local);
        }

        var store = stack.Services.GetRequiredService<SubmissionStore>();
        double clipSeconds = 0;
        foreach (var ticket in tickets)
        {
            await AssemblyFlow.ApproveAsync(organizer, campaign, ticket.SubmissionId);
            var row = await store.GetAsync(campaign, ticket.SubmissionId, CancellationToken.None);
            clipSeconds += row!.ClipSeconds!.Value;
        }

        var status = await AssemblyFlow.AssembleAsync(stack, organizer, campaign, new { formats = new[] { "landscape", "vertical", "square" } });

        Assert.Equal(6, status.GetProperty("clipCount").GetInt32());
        var outputs = AssemblyFlow.Outputs(status);
        Assert.Equal(
            ["captions.srt", "captions.vtt", "credits.txt", "landscape.mp4", "square.mp4", "vertical.mp4"],
            outputs.Keys.Order(StringComparer.Ordinal));
        var expectedSeconds = TitleCardSeconds + clipSeconds + EndCardSeconds;
        foreach (var (format, width, height) in new[] { ("landscape", 1920, 1080), ("vertical", 1080, 1920), ("square", 1080, 1080) })
        {
            var video = await AssemblyFlow.DownloadAsync(outputs[format + ".mp4"], _dir, format + ".mp4");
            await AssertPublishableAsync(video, width, height, expectedSeconds);
        }

        var vtt = await AssemblyFlow.TextAsync(outputs["captions.vtt"]);
        Assert.Contains(HostileCaption, vtt, StringComparison.Ordinal);
        Assert.Contains(ArabicCaption, vtt, StringComparison.Ordinal);

        // The portrait phone clip fills the vertical video: its frame there is the clip's own frame at the frame's size.
        var (start, end) = CueOf(vtt, HostileCaption);
        var middle = (start + end) / 2;
        var inVertical = Path.Combine(_dir, "portrait-in-vertical.png");
        await Tool.RunAsync("ffmpeg", ["-v", "error", "-y", "-ss", Invariant(middle), "-i", Path.Combine(_dir, "vertical.mp4"), "-frames:v", "1", inVertical]);
        var fromClip = Path.Combine(_dir, "portrait-clip.png");
        await Tool.RunAsync("ffmpeg", ["-v", "error", "-y", "-ss", Invariant(middle - start), "-i", clips[1], "-frames:v", "1", "-vf", "scale=1080:1920", fromClip]);
        var ssim = await OutputAssert.SsimAsync(inVertical, fromClip, "crop=1080:1152:0:0");
        Assert.True(ssim >= 0.85, $"the portrait clip in the vertical video: SSIM {ssim:0.000} against its own frame");
    }

    /// <summary>Start and end (seconds) of the WebVTT cue whose text is <paramref name="text"/>.</summary>
    private static (double Start, double End) CueOf(string vtt, string text)
    {
        var lines = vtt.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var at = Array.IndexOf(lines, text);
        Assert.True(at > 0, "the cue is in captions.vtt");
        var times = lines[at - 1].Split(" --> ");
        return (TimeSpan.Parse(times[0], CultureInfo.InvariantCulture).TotalSeconds, TimeSpan.Parse(times[1], CultureInfo.InvariantCulture).TotalSeconds);
    }

    private static string Invariant(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Size, codecs, +faststart, length, streams ending together, a clean decode and no location or device tags.</summary>
    private static async Task AssertPublishableAsync(string path, int width, int height, double expectedSeconds)
    {
        var name = Path.GetFileName(path);
        using var probe = await OutputAssert.ProbeAsync(path);
        var streams = probe.RootElement.GetProperty("streams").EnumerateArray().ToList();
        var video = Assert.Single(streams, s => s.GetProperty("codec_type").GetString() == "video");
        var audio = Assert.Single(streams, s => s.GetProperty("codec_type").GetString() == "audio");
        Assert.Equal((width, height), (video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32()));
        Assert.Equal(("h264", "High", "yuv420p"), (video.GetProperty("codec_name").GetString(), video.GetProperty("profile").GetString(), video.GetProperty("pix_fmt").GetString()));
        Assert.Equal(("aac", "48000", 2), (audio.GetProperty("codec_name").GetString(), audio.GetProperty("sample_rate").GetString(), audio.GetProperty("channels").GetInt32()));

        var seconds = Seconds(probe.RootElement.GetProperty("format"));
        Assert.True(Math.Abs(seconds - expectedSeconds) <= 0.5, $"{name}: {seconds} s, expected {expectedSeconds} s ± 0.5");
        Assert.True(Math.Abs(Seconds(video) - Seconds(audio)) <= 0.2, $"{name}: video ends at {Seconds(video)} s, audio at {Seconds(audio)} s");

        await OutputAssert.AssertFaststartAsync(path);
        AssertNoLocationOrDeviceTags(probe, name);

        var (code, _, stderr) = await Tool.RunRawAsync("ffmpeg", ["-nostdin", "-v", "error", "-i", path, "-f", "null", "-"], TimeSpan.FromMinutes(2));
        Assert.True(code == 0 && stderr.Length == 0, $"{name} does not decode cleanly: {Encoding.UTF8.GetString(stderr)}");
    }

    private static void AssertNoLocationOrDeviceTags(JsonDocument probe, string name)
    {
        var tagged = probe.RootElement.GetProperty("streams").EnumerateArray().Append(probe.RootElement.GetProperty("format"));
        foreach (var element in tagged)
        {
            if (!element.TryGetProperty("tags", out var tags))
            {
                continue;
            }

            foreach (var tag in tags.EnumerateObject())
            {
                var key = tag.Name.ToLowerInvariant();
                Assert.False(
                    key.Contains("location", StringComparison.Ordinal) || key.StartsWith("com.apple.quicktime", StringComparison.Ordinal) || key is "make" or "model",
                    $"{name} carries the tag {tag.Name}={tag.Value}");
            }
        }
    }

    private static double Seconds(JsonElement element) =>
        double.Parse(element.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
}
