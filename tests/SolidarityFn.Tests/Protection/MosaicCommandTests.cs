using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Protection;

namespace SolidarityFn.Tests.Protection;

public class MosaicCommandTests
{
    private static readonly FfmpegLimits Limits = new(50_000_000, 1234);

    [Fact]
    public void A_box_is_in_even_pixels_never_smaller_than_drawn_with_at_most_eight_cells_on_its_shorter_side()
    {
        var box = MosaicCommand.Box(new ProtectionRegion(0.301, 0.2, 0.12, 0.17, 1, 2), 840, 700);

        Assert.Equal(252, box.X);
        Assert.Equal(140, box.Y);
        Assert.True(box.X <= 0.301 * 840 && box.X + box.Width >= (0.301 + 0.12) * 840);
        Assert.True(box.Y + box.Height >= 0.37 * 700);
        Assert.All(new[] { box.X, box.Y, box.Width, box.Height }, v => Assert.Equal(0, v % 2));
        var shorter = Math.Min(box.Width, box.Height);
        var cell = Math.Min(box.Width / (double)box.CellsAcross, box.Height / (double)box.CellsDown);
        Assert.True(cell >= shorter / 8.0 - 1, $"cell {cell} for a shorter side of {shorter}");
        Assert.Equal(MosaicCommand.CellsOnShorterSide, Math.Min(box.CellsAcross, box.CellsDown));
    }

    [Fact]
    public void A_box_at_the_edge_stays_inside_the_picture()
    {
        var box = MosaicCommand.Box(new ProtectionRegion(0.95, 0.95, 0.05, 0.05, 0, 1), 1080, 1920);

        Assert.True(box.X + box.Width <= 1080);
        Assert.True(box.Y + box.Height <= 1920);
    }

    [Fact]
    public void Each_region_is_averaged_down_then_scaled_up_with_nearest_neighbour_over_its_time_span()
    {
        var graph = MosaicCommand.Graph([new ProtectionRegion(0.25, 0.25, 0.5, 0.25, 0.5, 2.25)], 800, 400, removeVoice: false);

        Assert.Equal(
            "[0:v:0]split=2[m0][c0];" +
            "[c0]crop=400:100:200:100,scale=32:8:flags=area,scale=400:100:flags=neighbor[p0];" +
            "[m0][p0]overlay=200:100:enable='between(t,0.5,2.25)'[v];" +
            "[0:a:0]anull[a]",
            graph);
    }

    [Fact]
    public void Two_regions_are_chained_overlays()
    {
        var graph = MosaicCommand.Graph(
            [new ProtectionRegion(0, 0, 0.5, 0.5, 0, 5), new ProtectionRegion(0.5, 0.5, 0.5, 0.5, 1, 2)], 800, 400, removeVoice: false);

        Assert.StartsWith("[0:v:0]split=3[m0][c0][c1];", graph, StringComparison.Ordinal);
        Assert.Contains("[m0][p0]overlay=0:0:enable='between(t,0,5)'[m1]", graph, StringComparison.Ordinal);
        Assert.Contains("[m1][p1]overlay=400:200:enable='between(t,1,2)'[v]", graph, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_the_voice_replaces_the_sound_with_silence_and_never_maps_the_clips_own()
    {
        var command = MosaicCommand.Build("/w/unprotected.mp4", 800, 400, 5, [], removeVoice: true, Limits, "veryfast", 20, "/w/clip.mp4", null);
        var args = command.ToArguments();
        var graph = args[args.ToList().IndexOf("-filter_complex") + 1];

        Assert.Equal("[0:v:0]null[v];anullsrc=channel_layout=stereo:sample_rate=48000[a]", graph);
        Assert.DoesNotContain("0:a", string.Join(' ', args), StringComparison.Ordinal);
        Assert.Equal("5", args[args.ToList().IndexOf("-t") + 1]);
    }

    [Fact]
    public void The_protected_render_reads_the_unprotected_clip_hardened_and_writes_clip_and_preview()
    {
        var preview = new PreviewRequest("/w/preview.mp4", 640, 5, 500);
        var command = MosaicCommand.Build("/w/unprotected.mp4", 800, 400, 5, [new ProtectionRegion(0, 0, 0.5, 0.5, 0, 5)], false, Limits, "veryfast", 20, "/w/clip.mp4", preview);
        var args = command.ToArguments().ToList();

        Assert.Equal("-nostdin", args[0]);
        Assert.Equal("file", args[args.IndexOf("-protocol_whitelist") + 1]);
        Assert.Equal("mov", args[args.IndexOf("-f") + 1]);
        Assert.Equal("/w/unprotected.mp4", args[args.IndexOf("-i") + 1]);
        Assert.Equal(["/w/clip.mp4", "/w/preview.mp4"], command.OutputPaths);
        Assert.Equal("-1", args[args.IndexOf("-map_metadata") + 1]);
    }

    [Fact]
    public void Frames_are_sampled_five_a_second_in_grey_at_most_960_wide()
    {
        var command = FrameSampleCommand.Build("/w/clip.mp4", 1920, 1080, "/w/frames.gray", Limits);
        var args = command.ToArguments().ToList();

        Assert.Equal("fps=5,scale=640:360:flags=area,format=gray", args[args.IndexOf("-vf") + 1]);
        Assert.Equal("rawvideo", args[args.LastIndexOf("-f") + 1]);
        Assert.Contains("-an", args);
        Assert.Equal((360, 640), FrameSampleCommand.SampleSize(1080, 1920));
    }
}
