using System.Globalization;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using SolidarityFn.IntegrationTests.Media;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>
/// Issue 16's craft on real renders: a real vertical phone clip (the iPhone MOV of tests/fixtures/phone, rotated by its
/// display matrix) and a landscape one, through the real normaliser, the real segment renderer and the stream-copy join.
/// </summary>
/// <remarks>Set KEEP_FRAMES_DIR to a folder to keep the frames (title, each clip, each join, end card) for looking at.</remarks>
public sealed class MontageCraftTests(MontageSources sources, ITestOutputHelper output) : IClassFixture<MontageSources>, IDisposable
{
    /// <summary>How a test reads a frame: with the BT.709 matrix and limited range the segments are tagged with.</summary>
    private const string Bt709Decode = "scale=in_color_matrix=bt709:in_range=tv:flags=accurate_rnd+full_chroma_int,format=rgb24";

    private readonly ServiceProvider _services = Services();
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"craft {Guid.NewGuid():N}")).FullName;

    public void Dispose()
    {
        _services.Dispose();
        var keep = Environment.GetEnvironmentVariable("KEEP_FRAMES_DIR");
        if (!string.IsNullOrEmpty(keep))
        {
            Directory.CreateDirectory(keep);
            foreach (var png in Directory.EnumerateFiles(_folder, "*.png", SearchOption.AllDirectories))
            {
                File.Copy(png, Path.Combine(keep, "craft-" + Path.GetFileName(png)), overwrite: true);
            }
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_portrait_assembly_is_1080_by_1350_with_a_vertical_and_a_landscape_clip_framed_without_bars()
    {
        var montage = await RenderAsync(AssemblyFormats.Portrait);

        var (width, height) = await PhoneFiles.VideoSizeAsync(montage.Output);
        Assert.Equal((1080, 1350), (width, height));

        // Both sources differ from 4:5 by more than the fill tolerance: each lies whole (its centre) over its own blur.
        Assert.All(montage.Timeline.Clips, c => Assert.Equal(FramingMode.OverBlur, ClipSegmentCommand.PlanFor(montage.Shapes[c.Clip!.SubmissionId], AssemblyFormats.Portrait).Mode));
        await AssertFramedWithDipsAsync(montage);
    }

    [Theory]
    [InlineData("landscape")]
    [InlineData("vertical")]
    [InlineData("square")]
    public async Task Every_format_dips_to_black_at_every_join_and_frames_both_clips_without_bars(string name)
    {
        Assert.True(AssemblyFormats.TryParse(name, out var format));
        var montage = await RenderAsync(format);
        Assert.Equal((format.Width, format.Height), await PhoneFiles.VideoSizeAsync(montage.Output));
        await AssertFramedWithDipsAsync(montage);
    }

    private async Task AssertFramedWithDipsAsync(Montage montage)
    {
        var format = montage.Format;
        foreach (var clip in montage.Timeline.Clips)
        {
            var frame = await montage.FrameAsync(clip.StartFrame + (clip.Frames / 2), "clip-" + clip.Clip!.SubmissionId);
            await OutputAssert.NoBlackBarsAsync(frame, format.Width, format.Height);
        }

        await montage.FrameAsync(montage.Timeline.Entries[0].Frames / 2, "title");
        await montage.FrameAsync(montage.Timeline.Entries[^1].StartFrame + (montage.Timeline.Entries[^1].Frames / 2), "end");

        // The default look fades through black at every join, inside each segment: the first frame after a join is
        // black (0 in the decoded frame), whatever the segment shows in its middle.
        foreach (var entry in montage.Timeline.Entries.Skip(1))
        {
            var join = await montage.LumaAsync(entry.StartFrame, "join-" + entry.Kind + "-" + entry.StartFrame);
            await montage.FrameAsync(entry.StartFrame - 4, "join-minus4-" + entry.StartFrame);
            await montage.FrameAsync(entry.StartFrame + 4, "join-plus4-" + entry.StartFrame);
            var middle = await montage.LumaAsync(entry.StartFrame + (entry.Frames / 2), "middle-" + entry.Kind + "-" + entry.StartFrame);
            output.WriteLine($"{format.Name}: join at frame {entry.StartFrame} ({entry.Kind}): mean luma {join:0.0}, mid-segment {middle:0.0}");
            Assert.True(join < 24 && join < middle * 0.5, $"no dark dip at the join into {entry.Kind} at frame {entry.StartFrame}: luma {join:0.0} against {middle:0.0}");
        }

        // And the frame before it is already nearly dark: the fade out ends the segment before.
        var before = await montage.LumaAsync(montage.Timeline.Entries[2].StartFrame - 1, "before-join");
        var mid = await montage.LumaAsync(montage.Timeline.Entries[1].StartFrame + (montage.Timeline.Entries[1].Frames / 2), "mid-first-clip");
        Assert.True(before < mid * 0.5, $"the clip does not fade out: {before:0.0} against {mid:0.0}");
    }

    [Fact]
    public async Task A_campaign_that_turns_fades_off_gets_plain_cuts_its_card_colour_and_its_caption_box()
    {
        var look = SegmentLook.From(new CampaignLook { Transition = CampaignTransitions.None, CardColour = "#0b6e4f", AccentColour = "#7a1f2b" });
        var montage = await RenderAsync(AssemblyFormats.Landscape, look);

        foreach (var entry in montage.Timeline.Entries.Skip(1))
        {
            var join = await montage.LumaAsync(entry.StartFrame, "cut-" + entry.Kind + "-" + entry.StartFrame);
            var middle = await montage.LumaAsync(entry.StartFrame + (entry.Frames / 2), "cut-middle-" + entry.Kind + "-" + entry.StartFrame);
            output.WriteLine($"cut at frame {entry.StartFrame} ({entry.Kind}): mean luma {join:0.0}, mid-segment {middle:0.0}");
            Assert.True(join > middle * 0.7, $"a dip at the join into {entry.Kind} with fades off: luma {join:0.0} against {middle:0.0}");
        }

        // The card's corner (no text there) is the campaign's green, not the default navy.
        var title = await montage.FrameAsync(montage.Timeline.Entries[0].Frames / 2, "green-title");
        var corner = await Tool.RunBytesAsync("ffmpeg", ["-v", "error", "-i", title, "-vf", "crop=16:16:8:8,scale=1:1", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
        output.WriteLine($"card corner rgb {corner[0]},{corner[1]},{corner[2]}");
        // Within 4 a channel (issue 16): the background is converted with the BT.709 matrix the stream is tagged with
        // (it was BT.601, which gave 2,96,78 for #0b6e4f). The frames are decoded as BT.709 (Montage.FrameAsync).
        Assert.InRange(corner[0], 0x0b - 4, 0x0b + 4);
        Assert.InRange(corner[1], 0x6e - 4, 0x6e + 4);
        Assert.InRange(corner[2], 0x4f - 4, 0x4f + 4);
        await montage.FrameAsync(montage.Timeline.Entries[1].StartFrame + 45, "accent-clip");
    }

    [Fact]
    public async Task The_caption_box_is_the_chosen_accent_colour_within_4_a_channel()
    {
        // Over a black clip the box (drawn at alpha 235) is the accent times 235/255 exactly: #7a1f2b gives 112,29,40.
        var black = Path.Combine(_folder, "black.mp4");
        await Tool.RunAsync("ffmpeg", [
            "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=black:s=640x360:r=30:d=3", "-f", "lavfi", "-i", "anullsrc=channel_layout=stereo:sample_rate=48000",
            "-map", "0:v", "-map", "1:a", "-t", "3", .. MezzanineFormat.OutputArguments("veryfast", 20), black]);
        var look = SegmentLook.From(new CampaignLook { Transition = CampaignTransitions.None, AccentColour = "#7a1f2b" });
        var entry = new TimelineEntry(SegmentKind.Clip, 0, 60, 0, "Solidarity from the port", "ILWU Local 500 · Vancouver", new AssemblyClip("black", 3, 0, null, "Solidarity from the port", "ILWU Local 500", "Ports", "Vancouver")) { Look = look };
        var renderer = _services.GetRequiredService<SegmentRenderer>();
        var format = AssemblyFormats.Landscape;
        var segment = Path.Combine(_folder, "accent.mp4");
        await renderer.RenderAsync(entry, format, black, new ClipShape(640, 360), _folder, segment, CancellationToken.None);
        var rgb = await Tool.RunBytesAsync("ffmpeg", ["-v", "error", "-ss", "1", "-i", segment, "-frames:v", "1", "-vf", Bt709Decode, "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
        int[] expected = [0x7a * 235 / 255, 0x1f * 235 / 255, 0x2b * 235 / 255];
        var (matching, tinted) = (0, 0);
        for (var i = 0; i < rgb.Length; i += 3)
        {
            if (rgb[i] > 40)
            {
                tinted++;
                if (Math.Abs(rgb[i] - expected[0]) <= 4 && Math.Abs(rgb[i + 1] - expected[1]) <= 4 && Math.Abs(rgb[i + 2] - expected[2]) <= 4)
                {
                    matching++;
                }
            }
        }

        output.WriteLine($"caption box: {matching} of {tinted} reddish pixels within 4 of {expected[0]},{expected[1]},{expected[2]}");
        Assert.True(matching > 20_000, $"only {matching} pixels of the box are the accent colour");
        Assert.True(matching > tinted / 2, $"{matching} of {tinted}: the box is mostly another colour");
    }

    /// <summary>The rendered montage, its timeline, and a frame grabber (by output frame number, 30 fps).</summary>
    private sealed record Montage(string Output, AssemblyTimeline Timeline, IReadOnlyDictionary<string, ClipShape> Shapes, string Folder, AssemblyFormat Format)
    {
        public async Task<string> FrameAsync(int frame, string name)
        {
            var path = Path.Combine(Folder, Format.Name + "-" + name + ".png");
            // Seeks on the input (decoding from the keyframe before, not from the start: 2 s GOPs) to a quarter frame
            // before frame n, so the first frame kept is n itself whatever the rounding. Decoded with the BT.709 matrix and
            // limited range the stream is tagged with (ffmpeg 5.1 would assume BT.601).
            var seconds = Math.Max(0, (frame - 0.25) / SegmentFormat.FrameRate);
            await Tool.RunAsync("ffmpeg", [
                "-v", "error", "-y", "-ss", seconds.ToString("0.######", CultureInfo.InvariantCulture), "-i", Output, "-vf", Bt709Decode, "-frames:v", "1", path]);
            return path;
        }

        /// <summary>Mean luma (limited range, black 16) of one output frame.</summary>
        public async Task<double> LumaAsync(int frame, string name)
        {
            var path = await FrameAsync(frame, name);
            var gray = await Tool.RunBytesAsync("ffmpeg", ["-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"]);
            return gray.Average(b => (double)b);
        }
    }

    /// <summary>Normalises the two sources, plans title card, vertical clip, landscape clip and end card, renders every segment in <paramref name="format"/> and joins them.</summary>
    private async Task<Montage> RenderAsync(AssemblyFormat format, SegmentLook? look = null)
    {
        var (vertical, landscape) = (sources.Vertical, sources.Landscape);
        Assert.True(vertical.ClipHeight > vertical.ClipWidth, $"the iPhone clip is upright: {vertical.ClipWidth}x{vertical.ClipHeight}");
        var clips = new Dictionary<string, NormalizedMedia>(StringComparer.Ordinal) { ["phone"] = vertical, ["wide"] = landscape };
        var shapes = clips.ToDictionary(c => c.Key, c => new ClipShape(c.Value.ClipWidth, c.Value.ClipHeight), StringComparer.Ordinal);

        var timeline = AssemblyPlanner.Plan(
            [
                new AssemblyClip("phone", await SecondsAsync(vertical.ClipPath), 0, null, "Hamilton nurses stand with Minnesota", "ONA Local 75", "Health", "Hamilton"),
                new AssemblyClip("wide", await SecondsAsync(landscape.ClipPath), 0, null, "Solidarity from the port", "ILWU Local 500", "Ports", "Vancouver"),
            ],
            new AssemblyCards("Workers across Canada stand with Minnesota", "Messages from union members, January 2026", "#Solidarity", "Thank you to every worker who sent a clip"),
            new AssemblySettings() { Look = look ?? SegmentLook.Default });

        var renderer = _services.GetRequiredService<SegmentRenderer>();
        var build = await renderer.EncoderBuildAsync(CancellationToken.None);
        var workDir = Directory.CreateDirectory(Path.Combine(_folder, format.Name)).FullName;
        var names = new List<string>();
        foreach (var entry in timeline.Entries)
        {
            var id = entry.Clip?.SubmissionId;
            var shape = id is null ? null : shapes[id];
            var name = renderer.KeyFor(entry, id is null ? null : "etag-" + id, shape, format, build) + ".mp4";
            await renderer.RenderAsync(entry, format, id is null ? null : clips[id].ClipPath, shape, workDir, Path.Combine(workDir, name), CancellationToken.None);
            names.Add(name);
        }

        var outputPath = Path.Combine(workDir, format.Name + ".mp4");
        await renderer.ConcatAsync(workDir, names, timeline.TotalSeconds, outputPath, CancellationToken.None);
        output.WriteLine($"{format.Name}: {timeline.Entries.Count} segments, {timeline.TotalSeconds:0.00} s");
        return new Montage(outputPath, timeline, shapes, workDir, format);
    }

    private static async Task<double> SecondsAsync(string path)
    {
        var text = await Tool.RunAsync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path]);
        return Math.Floor(double.Parse(text.Trim(), CultureInfo.InvariantCulture) * 10) / 10;
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning));
        // ultrafast: these tests look at framing, fades and colours, which the encoder's preset does not change (the
        // same filter graphs run); the x264 search it skips is most of the class's time.
        services.AddOptions<MediaOptions>().Configure(o => o.X264Preset = "ultrafast");
        services.AddAssemblyRendering();
        return services.BuildServiceProvider();
    }
}

/// <summary>
/// The two sources of every montage, normalised once for the class by the real normaliser: the iPhone clip (HEVC, turned
/// upright by its display matrix) and a 4 s 1080p landscape pattern with a tone. Read-only for the tests.
/// </summary>
public sealed class MontageSources : IAsyncLifetime
{
    private readonly MediaHarness _harness = new(o => o.X264Preset = "veryfast");
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"craft sources {Guid.NewGuid():N}")).FullName;

    public NormalizedMedia Vertical { get; private set; } = null!;

    public NormalizedMedia Landscape { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var landscapeSource = Path.Combine(_folder, "landscape-source.mp4");
        await Tool.RunAsync("ffmpeg", [
            "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", "4", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", landscapeSource]);
        Vertical = (await _harness.RunAsync(PhoneFiles.PathOf(PhoneFiles.IphoneMov))).Ok;
        Landscape = (await _harness.RunAsync(landscapeSource)).Ok;
    }

    public Task DisposeAsync()
    {
        _harness.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}
