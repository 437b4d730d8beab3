using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SolidarityFn.IntegrationTests.Media;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>
/// The rendering core for real: title card, three captioned clip segments (one hostile caption, one Arabic) and the end
/// card rendered by <see cref="SegmentRenderer"/> with real ffmpeg, joined by stream copy, then checked with ffprobe
/// and a full decode.
/// </summary>
public sealed class AssemblyRenderingTests(AssemblyClips clips) : IClassFixture<AssemblyClips>, IDisposable
{
    public const string Hostile = "Solidarité: \"ICE out\" 100% \\ %{pts}";
    public const string Arabic = "تضامن مع عمال مينيسوتا";

    private readonly ServiceProvider _services = Services();

    public static TheoryData<string> Formats => new() { "landscape", "vertical", "square" };

    public void Dispose() => _services.Dispose();

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Cards_and_captioned_clips_render_and_join_by_stream_copy_into_one_clean_video(string formatName)
    {
        Assert.True(AssemblyFormats.TryParse(formatName, out var format));
        var timeline = Timeline();
        var renderer = _services.GetRequiredService<SegmentRenderer>();
        var workDir = Path.Combine(clips.Folder, formatName + " work");
        Directory.CreateDirectory(workDir);

        var names = new List<string>();
        var build = await renderer.EncoderBuildAsync(CancellationToken.None);
        foreach (var (entry, index) in timeline.Entries.Select((e, i) => (e, i)))
        {
            var clipIndex = entry.Clip is null ? -1 : int.Parse(entry.Clip.SubmissionId[^1..], CultureInfo.InvariantCulture);
            var clipPath = entry.Clip is null ? null : clips.Clips[clipIndex];
            var shape = entry.Clip is null ? null : clips.Shapes[clipIndex];
            var name = renderer.KeyFor(entry, entry.Clip is null ? null : "etag-" + entry.Clip.SubmissionId, shape, format, build) + ".mp4";
            await renderer.RenderAsync(entry, format, clipPath, shape, workDir, Path.Combine(workDir, name), CancellationToken.None);
            await AssertSegmentAsync(Path.Combine(workDir, name), format, entry.Seconds);
            names.Add(name);
        }

        Assert.Equal(names.Count, names.Distinct().Count());
        var output = Path.Combine(workDir, "solidarity.mp4");
        await renderer.ConcatAsync(workDir, names, timeline.TotalSeconds, output, CancellationToken.None);

        using var probe = await OutputAssert.ProbeAsync(output);
        var streams = probe.RootElement.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(2, streams.Count);
        var video = Assert.Single(streams, s => s.GetProperty("codec_type").GetString() == "video");
        var audio = Assert.Single(streams, s => s.GetProperty("codec_type").GetString() == "audio");
        Assert.Equal("h264", video.GetProperty("codec_name").GetString());
        Assert.Equal(format.Width, video.GetProperty("width").GetInt32());
        Assert.Equal(format.Height, video.GetProperty("height").GetInt32());
        Assert.Equal("30/1", video.GetProperty("avg_frame_rate").GetString());
        Assert.Equal("aac", audio.GetProperty("codec_name").GetString());
        Assert.Equal(2, audio.GetProperty("channels").GetInt32());

        var expected = timeline.TotalSeconds;
        Assert.InRange(Seconds(probe.RootElement.GetProperty("format")), expected - 0.5, expected + 0.5);
        Assert.InRange(Seconds(video), expected - 0.5, expected + 0.5);
        Assert.True(Math.Abs(Seconds(video) - Seconds(audio)) <= 0.2, $"video {Seconds(video)} s, audio {Seconds(audio)} s");
        await OutputAssert.AssertFaststartAsync(output);

        var (code, _, stderr) = await Tool.RunRawAsync("ffmpeg", ["-nostdin", "-v", "error", "-i", output, "-f", "null", "-"], TimeSpan.FromMinutes(3));
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, Encoding.UTF8.GetString(stderr).Trim());

        var vttPath = Path.Combine(workDir, "captions.vtt");
        await File.WriteAllTextAsync(vttPath, CaptionFiles.Vtt(timeline), CaptionTextFiles.Utf8NoBom);
        var vtt = await File.ReadAllTextAsync(vttPath);
        Assert.Contains("\n" + Hostile + "\n", vtt, StringComparison.Ordinal);
        Assert.Contains("\n" + Arabic + "\n", vtt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hostile_caption_is_drawn_as_its_own_text_not_expanded()
    {
        // The hostile caption renders (drawtext reads it from its file) and really is drawn in the lower third.
        var format = AssemblyFormats.Landscape;
        var renderer = _services.GetRequiredService<SegmentRenderer>();
        var workDir = Path.Combine(clips.Folder, "caption check");
        Directory.CreateDirectory(workDir);
        var entry = Timeline().Entries[1];
        Assert.Equal(Hostile, entry.Text);
        var withCaption = Path.Combine(workDir, "with.mp4");
        var without = Path.Combine(workDir, "without.mp4");
        await renderer.RenderAsync(entry, format, clips.Clips[0], clips.Shapes[0], workDir, withCaption, CancellationToken.None);
        await renderer.RenderAsync(entry with { Text = string.Empty, SubText = string.Empty }, format, clips.Clips[0], clips.Shapes[0], workDir, without, CancellationToken.None);

        var region = await LowerThirdAsync(withCaption, format);
        var plain = await LowerThirdAsync(without, format);
        var differing = region.Zip(plain).Count(p => Math.Abs(p.First - p.Second) > 40);
        Assert.True(differing > 2000, $"the caption changes the lower third ({differing} pixels)");
    }

    private static async Task<byte[]> LowerThirdAsync(string path, AssemblyFormat format)
    {
        var crop = $"crop={format.Width}:200:0:{format.CaptionBottomY - 200}";
        return await Tool.RunBytesAsync("ffmpeg", ["-v", "error", "-ss", "1", "-i", path, "-frames:v", "1", "-vf", crop, "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"]);
    }

    private static AssemblyTimeline Timeline() => AssemblyPlanner.Plan(
        [
            new AssemblyClip("c0", AssemblyClips.ClipSeconds, 0, 2.5, Hostile, "CUPE 79", "Health", "Toronto"),
            new AssemblyClip("c1", AssemblyClips.ClipSeconds, 0.5, null, Arabic, "ATU 113", "Transit", "Montréal"),
            new AssemblyClip("c2", AssemblyClips.ClipSeconds, 0, null, "Workers across Canada stand with Minnesota, today and every day", "Unifor", "", "Windsor"),
        ],
        new AssemblyCards("Workers across Canada stand with Minnesota", "Solidarity from coast to coast", "#Solidarity #Minnesota", "Thank you to every worker who sent a clip"),
        new AssemblySettings(TargetSeconds: 120, TitleCardSeconds: 2, EndCardSeconds: 2));

    private static async Task AssertSegmentAsync(string path, AssemblyFormat format, double seconds)
    {
        using var probe = await OutputAssert.ProbeAsync(path);
        var streams = probe.RootElement.GetProperty("streams").EnumerateArray().ToList();
        var video = Assert.Single(streams, s => s.GetProperty("codec_type").GetString() == "video");
        var audio = Assert.Single(streams, s => s.GetProperty("codec_type").GetString() == "audio");
        Assert.Equal(format.Width, video.GetProperty("width").GetInt32());
        Assert.Equal(format.Height, video.GetProperty("height").GetInt32());
        var frames = int.Parse(video.GetProperty("nb_frames").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal((int)Math.Round(seconds * 30), frames);
        Assert.InRange(Seconds(audio), seconds - 0.05, seconds + 0.05);

        // PCM inside segments: the join encodes the sound once, and nothing primes or pads a segment's sound.
        Assert.Equal(SegmentFormat.AudioCodec, audio.GetProperty("codec_name").GetString());
    }

    private static double Seconds(JsonElement element) =>
        double.Parse(element.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning));
        services.AddOptions<MediaOptions>().Configure(o => o.X264Preset = "ultrafast");
        services.AddAssemblyRendering();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
