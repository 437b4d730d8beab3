using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Media;

/// <summary>The argument lists of every builder, checked as lists (no ffmpeg runs here).</summary>
public class CommandBuilderTests
{
    private const string Input = "/work/sub 1/it's 100% \"real\" upload";
    private const string Output = "/work/sub 1/media-x/clip.mp4";
    private static readonly FfmpegLimits Limits = new(50_000_000, 1234);
    private static readonly PreviewRequest Preview = new("/w/preview.mp4", 640, 6, 500);

    public static TheoryData<string, FfmpegCommand> AllCommands => new()
    {
        { "video", Video() },
        { "video-silent", Video(hasAudio: false) },
        { "still", Still() },
        { "thumbnail-video", ThumbnailCommand.FromVideo(Input, "mov", new VideoGeometry(1080, 1920), 1, "/w/thumb.jpg", 480, Limits) },
        { "thumbnail-photo", ThumbnailCommand.FromPhoto("/w/photo.png", 4000, 3000, "/w/thumb.jpg", 480, Limits) },
        { "video-with-preview", Video(preview: Preview) },
        { "still-with-preview", Still(preview: Preview) },
    };

    [Theory]
    [MemberData(nameof(AllCommands))]
    public void Every_command_starts_with_the_global_hardening(string name, FfmpegCommand command)
    {
        var args = command.ToArguments().ToList();
        Assert.True(args.Count > 10, name);
        Assert.Equal("-nostdin", args[0]);
        var firstInput = args.IndexOf("-i");
        foreach (var global in new[] { "-nostdin", "-xerror", "-y", "-timelimit" })
        {
            var at = args.IndexOf(global);
            Assert.InRange(at, 0, firstInput - 1);
        }

        Assert.Equal("error", args[args.IndexOf("-loglevel") + 1]);
        Assert.Equal("1234", args[args.IndexOf("-timelimit") + 1]);
    }

    [Theory]
    [MemberData(nameof(AllCommands))]
    public void Every_input_is_forced_file_only_and_pixel_limited_before_its_path(string name, FfmpegCommand command)
    {
        var args = command.ToArguments().ToList();
        Assert.Single(command.Inputs);
        var i = args.IndexOf("-i");
        Assert.Equal(args.Count(a => a == "-i"), command.Inputs.Count);

        var whitelist = args.IndexOf("-protocol_whitelist");
        var format = args.IndexOf("-f");
        var pixels = args.IndexOf("-max_pixels");
        Assert.InRange(whitelist, 0, i - 1);
        Assert.InRange(format, 0, i - 1);
        Assert.InRange(pixels, 0, i - 1);
        Assert.Equal("file", args[whitelist + 1]);
        Assert.Contains(args[format + 1], new[] { "mov", "matroska", "png_pipe" });
        Assert.Equal("50000000", args[pixels + 1]);
        Assert.True(Path.IsPathFullyQualified(args[i + 1]), name);
        Assert.DoesNotContain("://", args[i + 1], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllCommands))]
    public void Every_output_drops_metadata_and_chapters_and_maps_one_video_and_at_most_one_audio(string name, FfmpegCommand command)
    {
        var outputs = new List<FfmpegOutput> { new(command.Output, command.OutputPath) };
        outputs.AddRange(command.MoreOutputs);
        foreach (var output in outputs.Select(o => o.Options))
        {
            AssertPair(output, "-map_metadata", "-1");
            AssertPair(output, "-map_chapters", "-1");

            var maps = output.Select((a, i) => (a, i)).Where(x => x.a == "-map").Select(x => output[x.i + 1]).ToList();
            Assert.InRange(maps.Count, 1, 2);
            Assert.Single(maps, m => m is "[v]" or "[clip_v]" or "[preview_v]" or "[thumb]");
            Assert.True(maps.Count(m => m is "[a]" or "[clip_a]" or "[preview_a]") <= 1, name);
        }

        Assert.Equal(outputs[^1].Path, command.ToArguments()[^1]);
    }

    [Fact]
    public void The_path_stays_one_argument_whatever_it_contains()
    {
        var args = Video().ToArguments().ToList();
        Assert.Equal(Input, args[args.IndexOf("-i") + 1]);
        Assert.Equal(Output, args[^1]);
        Assert.Single(args, a => a.Contains("100%", StringComparison.Ordinal));
    }

    [Fact]
    public void Matroska_inputs_are_forced_to_the_matroska_demuxer_without_mov_options()
    {
        var args = Video(demuxer: "matroska").ToArguments();
        AssertPair(args, "-f", "matroska");
        Assert.DoesNotContain("-enable_drefs", args);
    }

    [Fact]
    public void Mov_inputs_keep_external_references_off()
    {
        AssertPair(Video().ToArguments(), "-enable_drefs", "0");
    }

    [Fact]
    public void The_video_clip_uses_the_mezzanine_format()
    {
        var command = Video();
        var output = command.Output;
        var mezzanine = MezzanineFormat.OutputArguments("veryfast", 20);
        Assert.Equal(mezzanine, output.Skip(output.Count - mezzanine.Count));

        AssertPair(output, "-c:v", "libx264");
        AssertPair(output, "-preset", "veryfast");
        AssertPair(output, "-profile:v", "high");
        AssertPair(output, "-pix_fmt", "yuv420p");
        AssertPair(output, "-crf", "20");
        AssertPair(output, "-g", "60");
        AssertPair(output, "-r", "30");
        AssertPair(output, "-fps_mode", "cfr");
        AssertPair(output, "-c:a", "aac");
        AssertPair(output, "-ar", "48000");
        AssertPair(output, "-ac", "2");
        AssertPair(output, "-b:a", "160k");
        AssertPair(output, "-movflags", "+faststart");
        AssertPair(output, "-f", "mp4");
        AssertPair(output, "-t", "10");
    }

    [Fact]
    public void The_still_clip_has_exactly_the_video_clip_s_encoder_settings()
    {
        var video = Video().Output;
        var still = Still().Output;
        var mezzanine = MezzanineFormat.OutputArguments("veryfast", 20);
        Assert.Equal(video.Skip(video.Count - mezzanine.Count), still.Skip(still.Count - mezzanine.Count));
        AssertPair(still, "-t", "4");
    }

    [Fact]
    public void A_landscape_16_9_video_is_kept_at_its_shape()
    {
        var graph = Graph(Video(geometry: new VideoGeometry(1920, 1080)));
        Assert.Equal("[0:v:0]fps=30,scale=1920:1080,setsar=1,format=yuv420p[v];" + Loudnorm, graph);
    }

    [Theory]
    [InlineData(1080, 1920, "1080:1920")]
    [InlineData(2160, 3840, "1080:1920")]
    [InlineData(3840, 2160, "1920:1080")]
    [InlineData(1080, 1080, "1080:1080")]
    [InlineData(4032, 3024, "1920:1440")]
    [InlineData(2560, 1080, "1920:810")]
    [InlineData(640, 480, "640:480")]
    [InlineData(1081, 1921, "1080:1920")]
    public void The_clip_keeps_the_source_s_shape_scaled_down_to_fit_1920_square_never_up(int width, int height, string size)
    {
        var graph = Graph(Video(geometry: new VideoGeometry(width, height)));
        Assert.StartsWith($"[0:v:0]fps=30,scale={size},setsar=1,format=yuv420p[v];", graph, StringComparison.Ordinal);
        Assert.DoesNotContain("split", graph, StringComparison.Ordinal);
        Assert.DoesNotContain("boxblur", graph, StringComparison.Ordinal);
        Assert.DoesNotContain("pad=", graph, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_square_pixels_are_made_square_by_the_one_scale_to_the_display_shape()
    {
        var graph = Graph(Video(geometry: new VideoGeometry(720, 576, 64, 45)));
        Assert.StartsWith("[0:v:0]fps=30,scale=1024:576,setsar=1,format=yuv420p[v];", graph, StringComparison.Ordinal);
        Assert.Equal(1024, new VideoGeometry(720, 576, 64, 45).DisplayWidth);
        Assert.Equal((1024, 576), NormalizeVideoCommand.ClipSize(new VideoGeometry(720, 576, 64, 45)));
    }

    [Fact]
    public void Sound_is_loudness_normalised_to_48k_stereo_and_padded()
    {
        Assert.EndsWith(";" + Loudnorm, Graph(Video()), StringComparison.Ordinal);
        Assert.Contains("loudnorm=I=-16:TP=-1.5:LRA=11", Loudnorm, StringComparison.Ordinal);
    }

    [Fact]
    public void A_silent_source_gets_a_silent_stereo_track()
    {
        var command = Video(hasAudio: false);
        var graph = Graph(command);
        Assert.EndsWith(";anullsrc=channel_layout=stereo:sample_rate=48000[a]", graph, StringComparison.Ordinal);
        Assert.DoesNotContain("[0:a", graph, StringComparison.Ordinal);
        AssertPair(command.Output, "-map", "[a]");
        AssertPair(command.Output, "-t", "10");
    }

    [Fact]
    public void Durations_are_written_with_a_dot_whatever_the_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
        try
        {
            AssertPair(Video(seconds: 7.25).Output, "-t", "7.25");
            AssertPair(ThumbnailCommand.FromVideo(Input, "mov", new VideoGeometry(1920, 1080), 1.5, "/w/t.jpg", 480, Limits).Inputs[0].Options, "-ss", "1.5");
            AssertPair(Still().Output, "-t", "4");
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void The_still_clip_keeps_the_photo_s_shape_and_zooms_gently_with_a_silent_track()
    {
        // A 3000×4000 portrait photo: clip 1440×1920, composed at twice that for half-pixel zoom steps.
        var command = Still();
        var graph = Graph(command);
        Assert.StartsWith("[0:v:0]scale=2880:3840:out_color_matrix=bt709:out_range=tv,format=yuv420p,setsar=1[framed];", graph, StringComparison.Ordinal);
        Assert.Contains("[framed]zoompan=z=1+0.0005042017*on:x=iw/2-(iw/zoom/2):y=ih/2-(ih/zoom/2):d=120:s=1440x1920:fps=30,setsar=1,format=yuv420p[v]", graph, StringComparison.Ordinal);
        Assert.DoesNotContain("boxblur", graph, StringComparison.Ordinal);
        Assert.EndsWith(";anullsrc=channel_layout=stereo:sample_rate=48000[a]", graph, StringComparison.Ordinal);
        AssertPair(command.Inputs[0].Options, "-f", "png_pipe");
    }

    [Fact]
    public void The_video_thumbnail_seeks_on_the_input_and_writes_one_bare_jpeg()
    {
        var command = ThumbnailCommand.FromVideo(Input, "mov", new VideoGeometry(1080, 1920), 1, "/w/thumb.jpg", 480, Limits);
        var args = command.ToArguments().ToList();
        Assert.True(args.IndexOf("-ss") < args.IndexOf("-i"));
        AssertPair(args, "-ss", "1");
        AssertPair(command.Output, "-frames:v", "1");
        AssertPair(command.Output, "-c:v", "mjpeg");
        AssertPair(command.Output, "-flags:v", "+bitexact");
        AssertPair(command.Output, "-f", "image2");
        AssertPair(command.Output, "-update", "1");
        // A portrait source over its own blurred fill: the whole width, the height cropped by 20 %.
        Assert.Contains("[fill_bg]scale=120:214,crop=120:66,boxblur", Graph(command), StringComparison.Ordinal);
        Assert.Contains("[fill_fg]crop=1080:1536,scale=190:270,", Graph(command), StringComparison.Ordinal);
        Assert.Contains("scale=480:270", Graph(command), StringComparison.Ordinal);
        Assert.EndsWith(",format=yuvj420p[thumb]", Graph(command), StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_video_s_thumbnail_is_its_first_frame()
    {
        Assert.Equal(0, ThumbnailCommand.PickTime(1.5));
        Assert.Equal(1, ThumbnailCommand.PickTime(8));
        var command = ThumbnailCommand.FromVideo(Input, "mov", new VideoGeometry(1920, 1080), 0, "/w/thumb.jpg", 480, Limits);
        Assert.DoesNotContain("-ss", command.ToArguments());
        Assert.DoesNotContain("-ss", command.Output);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_preview_is_a_second_output_split_off_the_clip_s_own_frames(bool photo)
    {
        var command = photo ? Still(preview: Preview) : Video(preview: Preview);
        var args = command.ToArguments().ToList();

        // One input, decoded once: the preview branch takes the finished [v] and [a].
        Assert.Single(args, a => a == "-i");
        // The clip keeps its portrait shape; the 16:9 preview frames those frames once, over their own blurred fill.
        var (clipWidth, clipHeight) = photo ? (1440, 1920) : (1080, 1920);
        var plan = Framing.Plan(clipWidth, clipHeight, 640, 360);
        Assert.Equal(FramingMode.OverBlur, plan.Mode);
        Assert.EndsWith(
            ";[v]split=2[clip_v][preview_in];" +
            Framing.Filter("[preview_in]", string.Empty, ",format=yuv420p", "[preview_v]", plan, "preview") +
            ";[a]asplit=2[clip_a][preview_a]",
            Graph(command),
            StringComparison.Ordinal);
        Assert.Contains("[preview_fg]crop=", Graph(command), StringComparison.Ordinal);
        AssertPair(command.Output, "-map", "[clip_v]");
        AssertPair(command.Output, "-map", "[clip_a]");
        AssertPair(command.Output, "-t", photo ? "4" : "10");

        var preview = Assert.Single(command.MoreOutputs);
        Assert.Equal("/w/preview.mp4", preview.Path);
        Assert.Equal(args.IndexOf(Output) + 1, args.IndexOf("[preview_v]") - 1);
        Assert.Equal("/w/preview.mp4", args[^1]);
        AssertPair(preview.Options, "-map", "[preview_v]");
        AssertPair(preview.Options, "-map", "[preview_a]");
        AssertPair(preview.Options, "-t", "6");
        AssertPair(preview.Options, "-b:v", "500k");
        AssertPair(preview.Options, "-maxrate", "600k");
        AssertPair(preview.Options, "-movflags", "+faststart");
        AssertPair(preview.Options, "-f", "mp4");
    }

    [Fact]
    public void Without_a_preview_the_clip_maps_the_graph_s_own_outputs()
    {
        var command = Video();
        Assert.Empty(command.MoreOutputs);
        AssertPair(command.Output, "-map", "[v]");
        AssertPair(command.Output, "-map", "[a]");
        Assert.DoesNotContain("split=2[clip_v]", Graph(command), StringComparison.Ordinal);
    }

    [Fact]
    public void The_clip_takes_the_chosen_audio_stream()
    {
        var command = NormalizeVideoCommand.Build(new VideoClipRequest(
            Input, "mov", Output, new VideoGeometry(1080, 1920), HasAudio: true, 10, "veryfast", 20, Limits, AudioStream: 2));
        Assert.Contains(Loudnorm.Replace("[0:a:0]", "[0:a:2]", StringComparison.Ordinal), Graph(command), StringComparison.Ordinal);
        Assert.DoesNotContain("[0:a:0]", Graph(command), StringComparison.Ordinal);
    }

    [Fact]
    public void The_probe_forces_the_demuxer_and_the_file_protocol()
    {
        Assert.Equal(
            ["-protocol_whitelist", "file", "-f", "mov", "-enable_drefs", "0", "-max_pixels", "1000000"],
            ProbeArguments.Build("mov", 1_000_000));
        Assert.Equal(
            ["-protocol_whitelist", "file", "-f", "matroska", "-max_pixels", "1000000", "-select_streams", "v:0", "-read_intervals", "%+60"],
            ProbeArguments.PacketScan("matroska", 1_000_000, 60));
    }

    [Fact]
    public void The_cpu_backstop_is_well_above_the_wall_clock_limit()
    {
        Assert.Equal(2 * 2 * 300 + 10, SafeArguments.CpuSecondsFor(TimeSpan.FromMinutes(5), 2));
        Assert.Equal(12, SafeArguments.CpuSecondsFor(TimeSpan.FromSeconds(1), 1));
    }

    private const string Loudnorm =
        "[0:a:0]aformat=channel_layouts=stereo,loudnorm=I=-16:TP=-1.5:LRA=11,aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,apad[a]";

    private static FfmpegCommand Video(
        VideoGeometry? geometry = null, bool hasAudio = true, double seconds = 10, string demuxer = "mov", PreviewRequest? preview = null) =>
        NormalizeVideoCommand.Build(new VideoClipRequest(
            Input, demuxer, Output, geometry ?? new VideoGeometry(1080, 1920), hasAudio, seconds, "veryfast", 20, Limits, preview));

    private static FfmpegCommand Still(PreviewRequest? preview = null) =>
        StillClipCommand.Build(new StillClipRequest("/w/photo.png", 3000, 4000, Output, 4, "veryfast", 20, Limits, preview));

    private static string Graph(FfmpegCommand command)
    {
        var at = command.Output.ToList().IndexOf("-filter_complex");
        Assert.True(at >= 0);
        return command.Output[at + 1];
    }

    private static void AssertPair(IReadOnlyList<string> args, string option, string value)
    {
        var found = false;
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == option && args[i + 1] == value)
            {
                found = true;
            }
        }

        Assert.True(found, $"expected {option} {value} in: {string.Join(' ', args)}");
    }
}
