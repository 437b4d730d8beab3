using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Media;

public class CommandLineTests
{
    public static TheoryData<string> Awkward => new()
    {
        "plain",
        "/work dir/with spaces/clip.mp4",
        "/work/it's/100%/%d/$HOME/`id`/;rm -rf/",
        "/work/\"quoted\"/file",
        "trailing backslash\\",
        "back\\\\slashes \\\" and quote",
        "\\\\\"",
        "",
        "tab\there",
        "[0:v:0]fps=30,split=2[fill_bg][fill_fg];[fill_bg]scale=480:270",
        "unicode: Montréal — 東京",
    };

    [Theory]
    [MemberData(nameof(Awkward))]
    public void Each_argument_comes_back_as_one_argument(string argument)
    {
        var line = CommandLine.Join(["-i", argument, "-y"]);
        Assert.Equal(["-i", argument, "-y"], DotnetArgumentParser.Split(line));
    }

    [Fact]
    public void Simple_arguments_are_left_bare()
    {
        Assert.Equal("-f mov -protocol_whitelist file", CommandLine.Join(["-f", "mov", "-protocol_whitelist", "file"]));
    }

    [Fact]
    public void What_ffmpeg_receives_through_FFMpegCore_is_the_builder_s_argument_list()
    {
        var command = NormalizeVideoCommand.Build(new VideoClipRequest(
            "/work/a dir/it's \"x\" 100%.mp4",
            "mov",
            "/work/a dir/media-1/clip.mp4",
            new VideoGeometry(1080, 1920),
            HasAudio: true,
            10,
            "veryfast",
            20,
            new FfmpegLimits(50_000_000, 610),
            new PreviewRequest("/work/a dir/media-1/preview 'p'.mp4", 640, 6, 500)));

        var processor = FfmpegRunner.ToProcessor(command);

        Assert.Equal(command.ToArguments(), DotnetArgumentParser.Split(processor.Arguments));
        Assert.Equal("/work/a dir/media-1/preview 'p'.mp4", command.ToArguments()[^1]);
    }

    [Fact]
    public void Each_output_s_options_come_right_before_its_own_path()
    {
        var command = new FfmpegCommand(["-y"], [new FfmpegInput(["-f", "mov"], "/w/in")], ["-map", "[a]"], "/w/one.mp4")
        {
            MoreOutputs = [new FfmpegOutput(["-map", "[b]"], "/w/two.mp4"), new FfmpegOutput(["-map", "[c]"], "/w/three.mp4")],
        };

        var split = DotnetArgumentParser.Split(FfmpegRunner.ToProcessor(command).Arguments);

        Assert.Equal(
            ["-y", "-f", "mov", "-i", "/w/in", "-map", "[a]", "/w/one.mp4", "-map", "[b]", "/w/two.mp4", "-map", "[c]", "/w/three.mp4"],
            split);
        Assert.Equal(split, command.ToArguments());
        Assert.Equal(["/w/one.mp4", "/w/two.mp4", "/w/three.mp4"], command.OutputPaths);
    }

    [Fact]
    public void Global_options_lead_even_with_two_inputs()
    {
        var command = new FfmpegCommand(
            ["-nostdin", "-y"],
            [new FfmpegInput(["-f", "mov"], "/w/a b.mp4"), new FfmpegInput(["-f", "png_pipe"], "/w/c.png")],
            ["-map", "0:v:0"],
            "/w/out.mp4");

        var split = DotnetArgumentParser.Split(FfmpegRunner.ToProcessor(command).Arguments);

        Assert.Equal(
            ["-nostdin", "-y", "-f", "mov", "-i", "/w/a b.mp4", "-f", "png_pipe", "-i", "/w/c.png", "-map", "0:v:0", "/w/out.mp4"],
            split);
    }

    [Theory]
    [InlineData("/work/a\"b/upload")]
    [InlineData("/work/upload\\")]
    [InlineData("/work/up\nload")]
    public void Paths_FFMpegCore_s_ffprobe_quoting_cannot_carry_are_refused(string path)
    {
        Assert.Throws<ArgumentException>(() => FfmpegRunner.EnsureQuotable(path));
    }

    [Fact]
    public void Spaces_percent_and_single_quotes_are_fine_for_ffprobe()
    {
        FfmpegRunner.EnsureQuotable("/work/a b/it's 100%/upload");
    }
}
