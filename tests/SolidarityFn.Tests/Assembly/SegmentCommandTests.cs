using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Assembly;

/// <summary>The segment builders as argument lists (no ffmpeg runs here).</summary>
public class SegmentCommandTests
{
    private const string Work = "/work/asm it's 100% [x]";
    private static readonly FfmpegLimits Limits = new(50_000_000, 1234);
    private static readonly SegmentEncoding Encoding = new("veryfast", 20);

    private static readonly TextOverlay LowerThird = new(Work + "/text.png", 0, 812);

    private static FfmpegCommand Clip(AssemblyFormat format, TextOverlay? text = null, bool noText = false, ClipShape? shape = null) =>
        ClipSegmentCommand.Build(new ClipSegmentRequest(
            Work + "/clip.mp4", shape ?? ClipShape.Legacy, 1.5, 4.2, format, noText ? null : text ?? LowerThird, Work + "/seg.mp4", Encoding, Limits));

    private static FfmpegCommand Card(AssemblyFormat format, bool noText = false) =>
        CardCommand.Build(new CardRequest(format, 4, noText ? null : new TextOverlay(Work + "/card.png", 0, 0), Work + "/card.mp4", Encoding, Limits));

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
        Assert.Equal("pcm_s16le", After(first, "-c:a"));
        Assert.Equal("48000", After(first, "-ar"));
        Assert.Equal("2", After(first, "-ac"));
        Assert.Equal("mov", After(first, "-f"));
        Assert.DoesNotContain("-movflags", first);
        Assert.Equal("-1", After(first, "-map_metadata"));
    }

    [Fact]
    public void A_one_thread_render_puts_every_decoder_the_filter_graph_and_x264_on_one_thread_and_changes_nothing_else()
    {
        var clip = Clip(AssemblyFormats.Landscape);
        var one = SegmentThreads.OneThread(clip);
        Assert.Equal([.. clip.Global, "-filter_complex_threads", "1"], one.Global);
        Assert.Equal(clip.Inputs.Count, one.Inputs.Count);
        for (var i = 0; i < clip.Inputs.Count; i++)
        {
            Assert.Equal(["-threads", "1", .. clip.Inputs[i].Options], one.Inputs[i].Options);
            Assert.Equal(clip.Inputs[i].Path, one.Inputs[i].Path);
        }

        Assert.Equal(["-threads", "1", .. clip.Output], one.Output);
        Assert.Equal(clip.OutputPath, one.OutputPath);

        // "-threads" before an input's "-i" sets its decoder; in the output options, the encoder's.
        var args = one.ToArguments().ToList();
        var clipInput = args.IndexOf(clip.Inputs[0].Path);
        Assert.Equal("-i", args[clipInput - 1]);
        Assert.Equal("1", After(args, "-threads"));
        Assert.True(args.IndexOf("-threads") < clipInput);
        Assert.Equal(["-threads", "1"], args.Skip(args.IndexOf("-filter_complex") - 2).Take(2));
    }

    [Fact]
    public void A_clip_segment_seeks_and_cuts_its_forced_file_input_and_cuts_the_output_to_the_same_length()
    {
        var command = Clip(AssemblyFormats.Landscape);
        var input = command.Inputs[0];
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
            Assert.StartsWith($"[0:v:0]scale={format.Width}:{format.Height},setsar=1[lt_base];", graph);
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
    public void The_lower_third_picture_is_a_second_file_input_laid_over_the_framed_clip_before_the_fades()
    {
        var command = Clip(AssemblyFormats.Vertical);
        Assert.Equal(2, command.Inputs.Count);
        var picture = command.Inputs[1];
        Assert.Equal(Work + "/text.png", picture.Path);
        Assert.Equal("file", After(picture.Options, "-protocol_whitelist"));
        Assert.Equal("png_pipe", After(picture.Options, "-f"));
        Assert.Equal("50000000", After(picture.Options, "-max_pixels"));
        var graph = After(command.Output, "-filter_complex");
        Assert.Contains("[lt_base];[1:v:0]scale=out_color_matrix=bt709:out_range=tv:flags=accurate_rnd,format=yuva420p[lt_pic];[lt_base][lt_pic]overlay=x=0:y=812,fade=t=in", graph);
        Assert.DoesNotContain("drawtext", graph);
        Assert.True(graph.IndexOf("overlay=x=0:y=812", StringComparison.Ordinal) > graph.IndexOf("boxblur", StringComparison.Ordinal));
    }

    [Fact]
    public void A_relative_text_picture_path_is_refused() =>
        Assert.Throws<ArgumentException>(() => Clip(AssemblyFormats.Landscape, new TextOverlay("text.png", 0, 0)));

    [Fact]
    public void Missing_text_draws_nothing()
    {
        var command = Clip(AssemblyFormats.Landscape, noText: true);
        Assert.Single(command.Inputs);
        Assert.DoesNotContain("overlay", After(command.Output, "-filter_complex"));
        Assert.DoesNotContain("1:v", After(Card(AssemblyFormats.Landscape, noText: true).Output, "-filter_complex"));
    }

    [Fact]
    public void Segments_fade_picture_and_sound_at_both_edges_and_pad_the_sound()
    {
        var graph = After(Clip(AssemblyFormats.Square).Output, "-filter_complex");
        Assert.Contains("fade=t=in:st=0:d=0.3:c=0x000000,fade=t=out:st=3.9:d=0.3:c=0x000000", graph);
        Assert.Contains("[0:a:0]afade=t=in:st=0:d=0.2,afade=t=out:st=4:d=0.2,", graph);
        Assert.EndsWith(",apad[a]", graph);
    }

    [Fact]
    public void A_card_is_a_generated_background_with_its_text_picture_and_a_silent_stereo_track()
    {
        var command = Card(AssemblyFormats.Vertical);
        Assert.Equal(2, command.Inputs.Count);
        var input = command.Inputs[0];
        Assert.Equal(["-f", "lavfi"], input.Options);
        Assert.Equal(Work + "/card.png", command.Inputs[1].Path);
        Assert.Equal("color=c=0x1d2b4f:s=1080x1920:r=30:d=4", input.Path);
        var graph = After(command.Output, "-filter_complex");
        Assert.Contains("anullsrc=channel_layout=stereo:sample_rate=48000", graph);
        Assert.Contains("[0:v:0]format=rgb24,scale=out_color_matrix=bt709:out_range=tv:flags=accurate_rnd,format=yuv420p,setsar=1[card_base];[1:v:0]scale=out_color_matrix=bt709:out_range=tv:flags=accurate_rnd,format=yuva420p[card_pic];[card_base][card_pic]overlay=x=0:y=0,fade=t=in", graph);
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
        Assert.Equal("fast", After(command.Output, "-aac_coder"));
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
}
