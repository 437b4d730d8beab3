using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Assembly;

/// <summary>The segment builders as argument lists (no ffmpeg runs here).</summary>
public class SegmentCommandTests
{
    private const string Work = "/work/asm it's 100% [x]";
    private static readonly FfmpegLimits Limits = new(50_000_000, 1234);
    private static readonly SegmentEncoding Encoding = new("veryfast", 20);

    private static FfmpegCommand Clip(AssemblyFormat format, string? caption = Work + "/cap.txt", string? meta = Work + "/meta.txt", ClipShape? shape = null) =>
        ClipSegmentCommand.Build(new ClipSegmentRequest(
            Work + "/clip.mp4", shape ?? ClipShape.Legacy, 1.5, 4.2, format, caption, meta, Work + "/seg.mp4", Encoding, AssemblyFonts.DejaVu, Limits));

    private static FfmpegCommand Card(AssemblyFormat format) =>
        CardCommand.Build(new CardRequest(format, 4, Work + "/h.txt", Work + "/s.txt", Work + "/card.mp4", Encoding, AssemblyFonts.DejaVu, Limits));

    public static TheoryData<string, FfmpegCommand> Segments()
    {
        var data = new TheoryData<string, FfmpegCommand>();
        foreach (var format in AssemblyFormats.All)
        {
            data.Add("clip-" + format.Name, Clip(format));
            data.Add("card-" + format.Name, Card(format));
        }

        return data;
    }

    private static string After(IReadOnlyList<string> args, string option) => args[args.ToList().IndexOf(option) + 1];

    private static IReadOnlyList<string> EncoderPart(FfmpegCommand command)
    {
        var output = command.Output.ToList();
        return output.Skip(output.IndexOf("-t") + 2).ToList();
    }

    [Theory]
    [MemberData(nameof(Segments))]
    public void Every_segment_starts_with_the_global_hardening(string name, FfmpegCommand command)
    {
        var args = command.ToArguments();
        Assert.Equal(SafeArguments.Global(1234), args.Take(SafeArguments.Global(1234).Count));
        Assert.Equal("1234", After(args, "-timelimit"));
        Assert.True(args.Count > 20, name);
    }

    [Fact]
    public void Every_segment_of_every_format_has_identical_encoder_and_muxer_settings()
    {
        var all = AssemblyFormats.All.SelectMany(f => new[] { Clip(f), Card(f) }).Select(EncoderPart).ToList();
        Assert.All(all, part => Assert.Equal(all[0], part));
        var first = all[0];
        Assert.Equal("libx264", After(first, "-c:v"));
        Assert.Equal("high", After(first, "-profile:v"));
        Assert.Equal(SegmentFormat.Level, After(first, "-level:v"));
        Assert.Equal("60", After(first, "-g"));
        Assert.Equal("60", After(first, "-keyint_min"));
        Assert.Equal("0", After(first, "-sc_threshold"));
        Assert.Equal("30", After(first, "-r"));
        Assert.Equal("15360", After(first, "-video_track_timescale"));
        Assert.Equal("aac", After(first, "-c:a"));
        Assert.Equal("48000", After(first, "-ar"));
        Assert.Equal("2", After(first, "-ac"));
        Assert.Equal("+faststart", After(first, "-movflags"));
        Assert.Equal("-1", After(first, "-map_metadata"));
    }

    [Fact]
    public void A_clip_segment_seeks_and_cuts_its_forced_file_input_and_cuts_the_output_to_the_same_length()
    {
        var command = Clip(AssemblyFormats.Landscape);
        var input = Assert.Single(command.Inputs);
        Assert.Equal(Work + "/clip.mp4", input.Path);
        Assert.Equal("file", After(input.Options, "-protocol_whitelist"));
        Assert.Equal("mov", After(input.Options, "-f"));
        Assert.Equal("50000000", After(input.Options, "-max_pixels"));
        Assert.Equal("1.5", After(input.Options, "-ss"));
        Assert.Equal("4.2", After(input.Options, "-t"));
        Assert.Equal("4.2", After(command.Output, "-t"));
        Assert.Equal(["-map", "[v]", "-map", "[a]"], command.Output.Skip(2).Take(4));
    }

    [Fact]
    public void Each_format_frames_the_clip_itself_filling_it_when_the_shapes_match()
    {
        // A clip of the format's own shape fills it: no blur, no crop.
        foreach (var (format, shape) in new[]
        {
            (AssemblyFormats.Landscape, new ClipShape(1920, 1080)),
            (AssemblyFormats.Vertical, new ClipShape(1080, 1920)),
            (AssemblyFormats.Square, new ClipShape(1080, 1080)),
        })
        {
            var graph = After(Clip(format, shape: shape).Output, "-filter_complex");
            Assert.StartsWith($"[0:v:0]scale={format.Width}:{format.Height},setsar=1,drawtext=", graph);
            Assert.DoesNotContain("boxblur", graph);
        }

        // A vertical phone clip in the vertical video is not a sliver over a fill of a fill: it is the frame.
        Assert.Equal(FramingMode.Fill, ClipSegmentCommand.PlanFor(new ClipShape(720, 1280), AssemblyFormats.Vertical).Mode);
    }

    [Fact]
    public void A_clip_of_another_shape_is_laid_once_over_a_blurred_fill_of_itself()
    {
        foreach (var (format, shape) in new[]
        {
            (AssemblyFormats.Landscape, new ClipShape(1080, 1920)),
            (AssemblyFormats.Vertical, new ClipShape(1920, 1080)),
            (AssemblyFormats.Square, new ClipShape(1920, 1080)),
        })
        {
            var graph = After(Clip(format, shape: shape).Output, "-filter_complex");
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(graph, "boxblur"));
            var plan = ClipSegmentCommand.PlanFor(shape, format);
            Assert.Contains($"[fill_fg]crop={plan.CropWidth}:{plan.CropHeight},scale={plan.PictureWidth}:{plan.PictureHeight},", graph);
            Assert.DoesNotContain("pad=", graph);
        }
    }

    [Fact]
    public void Text_reaches_drawtext_only_through_escaped_text_files_without_expansion()
    {
        var graph = After(Clip(AssemblyFormats.Vertical).Output, "-filter_complex");
        const string escaped = "/work/asm it\\\\\\'s 100% \\[x\\]";
        Assert.Contains($"textfile={escaped}/cap.txt:expansion=none:", graph);
        Assert.Contains($"textfile={escaped}/meta.txt:expansion=none:", graph);
        Assert.Contains("fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:", graph);
        Assert.DoesNotContain("text='", graph);
        Assert.Equal(2, graph.Split("drawtext=").Length - 1);
        Assert.Contains("box=1", graph);
    }

    [Fact]
    public void The_vertical_caption_is_placed_above_the_bottom_fifth()
    {
        var graph = After(Clip(AssemblyFormats.Vertical).Output, "-filter_complex");
        Assert.Contains($":y={AssemblyFormats.Vertical.CaptionBottomY}-text_h", graph);
        Assert.True(AssemblyFormats.Vertical.CaptionBottomY <= 1536);
    }

    [Fact]
    public void Missing_text_draws_nothing()
    {
        var graph = After(Clip(AssemblyFormats.Landscape, caption: null, meta: null).Output, "-filter_complex");
        Assert.DoesNotContain("drawtext", graph);
    }

    [Fact]
    public void Segments_fade_picture_and_sound_at_both_edges_and_pad_the_sound()
    {
        var graph = After(Clip(AssemblyFormats.Square).Output, "-filter_complex");
        Assert.Contains("fade=t=in:st=0:d=0.2,fade=t=out:st=4:d=0.2", graph);
        Assert.Contains("[0:a:0]afade=t=in:st=0:d=0.2,afade=t=out:st=4:d=0.2,", graph);
        Assert.EndsWith(",apad[a]", graph);
    }

    [Fact]
    public void A_card_is_a_generated_background_with_text_from_files_and_a_silent_stereo_track()
    {
        var command = Card(AssemblyFormats.Vertical);
        var input = Assert.Single(command.Inputs);
        Assert.Equal(["-f", "lavfi"], input.Options);
        Assert.Equal("color=c=0x1d2b4f:s=1080x1920:r=30:d=4", input.Path);
        var graph = After(command.Output, "-filter_complex");
        Assert.Contains("anullsrc=channel_layout=stereo:sample_rate=48000", graph);
        Assert.Contains("textfile=/work/asm it\\\\\\'s 100% \\[x\\]/h.txt:expansion=none", graph);
        Assert.Contains("DejaVuSans.ttf", graph);
        Assert.Equal("4", After(command.Output, "-t"));
    }

    [Fact]
    public void Concat_reads_a_safe_list_copying_the_picture_with_faststart_and_cuts_to_the_planned_length()
    {
        var command = ConcatCommand.Build(Work + "/list.txt", Work + "/out.mp4", 21.5, Limits);
        var input = Assert.Single(command.Inputs);
        Assert.Equal(["-protocol_whitelist", "file", "-f", "concat", "-safe", "1"], input.Options);
        Assert.Equal("copy", After(command.Output, "-c:v"));
        Assert.DoesNotContain("-c:v", command.Output.SkipWhile(a => a != "-c:v").Skip(1));
        Assert.Equal("aac", After(command.Output, "-c:a"));
        Assert.Equal("aresample=async=1:first_pts=0", After(command.Output, "-af"));
        Assert.Equal("21.5", After(command.Output, "-t"));
        Assert.Equal("+faststart", After(command.Output, "-movflags"));
        Assert.Equal(["-map", "0:v:0", "-map", "0:a:0"], command.Output.Take(4));
        Assert.DoesNotContain("-filter_complex", command.ToArguments());
    }

    [Fact]
    public void The_concat_list_names_plain_files_only()
    {
        Assert.Equal("ffconcat version 1.0\nfile 'a.mp4'\nfile 'b-1_x.mp4'\n", ConcatCommand.ListText(["a.mp4", "b-1_x.mp4"]));
        Assert.Throws<ArgumentException>(() => ConcatCommand.ListText(["../a.mp4"]));
        Assert.Throws<ArgumentException>(() => ConcatCommand.ListText(["/abs/a.mp4"]));
        Assert.Throws<ArgumentException>(() => ConcatCommand.ListText(["it's.mp4"]));
        Assert.Throws<ArgumentException>(() => ConcatCommand.ListText([]));
    }

    [Theory]
    [InlineData("/a/b.txt", "/a/b.txt")]
    [InlineData("/a:b/c.txt", "/a\\\\:b/c.txt")]
    [InlineData("/it's/x", "/it\\\\\\'s/x")]
    [InlineData("/a,b;c[d]", "/a\\,b\\;c\\[d\\]")]
    [InlineData("/back\\slash", "/back\\\\\\\\slash")]
    public void Filter_values_are_escaped_for_both_parsers(string path, string expected) =>
        Assert.Equal(expected, FilterText.EscapeValue(path));
}
