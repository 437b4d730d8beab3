using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Media;

[Collection(MediaCollection.Name)]
public sealed class VideoNormalizationTests(MediaSamples samples) : IDisposable
{
    private readonly MediaHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Landscape_1080p_becomes_the_mezzanine_clip()
    {
        var run = await _harness.RunAsync(samples.Landscape1080);

        Assert.Equal(new SourceInfo(MediaKind.Video, 1920, 1080, 2, HadAudio: true), run.Ok.Source);
        Assert.False(run.Ok.Trimmed);
        await AssertOutputsAsync(run, 2);
        _harness.AssertLogsHaveNoPaths();
    }

    [Fact]
    public async Task A_vertical_phone_video_is_turned_upright_and_kept_portrait_with_a_framed_16_9_preview()
    {
        var run = await _harness.RunAsync(samples.VerticalRotated);

        var source = run.Ok.Source;
        Assert.True(source.Width < source.Height, $"{source.Width}x{source.Height} should be portrait after rotation");
        Assert.Equal(new SourceInfo(MediaKind.Video, 360, 640, 2, HadAudio: true), source);
        await AssertOutputsAsync(run, 2);
        await OutputAssert.NoBlackBarsAsync(run.Ok.PreviewPath, 640, 360);
        await OutputAssert.NoBlackBarsAsync(run.Ok.ThumbnailPath, 480, 270);
    }

    [Fact]
    public async Task Four_by_three_keeps_its_shape_and_its_preview_gets_the_blurred_fill()
    {
        var run = await _harness.RunAsync(samples.FourByThree);
        Assert.Equal(new SourceInfo(MediaKind.Video, 640, 480, 2, HadAudio: true), run.Ok.Source);
        await AssertOutputsAsync(run, 2);
        await OutputAssert.NoBlackBarsAsync(run.Ok.PreviewPath, 640, 360);
        await OutputAssert.NoBlackBarsAsync(run.Ok.ThumbnailPath, 480, 270);
    }

    [Fact]
    public async Task Square_keeps_its_shape_and_its_preview_gets_the_blurred_fill()
    {
        var run = await _harness.RunAsync(samples.Square);
        Assert.Equal(new SourceInfo(MediaKind.Video, 480, 480, 2, HadAudio: true), run.Ok.Source);
        await AssertOutputsAsync(run, 2);
        await OutputAssert.NoBlackBarsAsync(run.Ok.PreviewPath, 640, 360);
        await OutputAssert.NoBlackBarsAsync(run.Ok.ThumbnailPath, 480, 270);
    }

    [Fact]
    public async Task A_silent_video_gets_a_silent_stereo_track()
    {
        var run = await _harness.RunAsync(samples.NoAudio);
        Assert.False(run.Ok.Source.HadAudio);
        await AssertOutputsAsync(run, 2);

        var volume = await Tool.RunRawAsync("ffmpeg", ["-v", "info", "-i", run.Ok.ClipPath, "-map", "0:a:0", "-af", "volumedetect", "-f", "null", "-"], null);
        Assert.Contains("max_volume: -91", System.Text.Encoding.UTF8.GetString(volume.Stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sixty_fps_becomes_thirty()
    {
        var run = await _harness.RunAsync(samples.SixtyFps);
        await AssertOutputsAsync(run, 2);
    }

    [Fact]
    public async Task Variable_frame_rate_becomes_constant_thirty()
    {
        using (var source = await OutputAssert.ProbeAsync(samples.VariableFrameRate))
        {
            var stream = source.RootElement.GetProperty("streams")[0];
            Assert.NotEqual(stream.GetProperty("r_frame_rate").GetString(), stream.GetProperty("avg_frame_rate").GetString());
        }

        var run = await _harness.RunAsync(samples.VariableFrameRate);
        await AssertOutputsAsync(run, 2);
    }

    [Fact]
    public async Task Hevc_is_accepted()
    {
        Assert.True(samples.HasX265, "this ffmpeg has libx265, so the HEVC sample exists");
        var run = await _harness.RunAsync(samples.Hevc);
        Assert.Equal(new SourceInfo(MediaKind.Video, 640, 360, 2, HadAudio: true), run.Ok.Source);
        await AssertOutputsAsync(run, 2);
    }

    [Fact]
    public async Task Webm_vp9_with_opus_is_accepted()
    {
        var run = await _harness.RunAsync(samples.WebmVp9);
        Assert.Equal(MediaKind.Video, run.Ok.Source.Kind);
        Assert.InRange(run.Ok.Source.DurationSeconds, 1.95, 2.05);
        await AssertOutputsAsync(run, run.Ok.Source.DurationSeconds);
    }

    [Fact]
    public async Task A_webm_without_a_stated_duration_is_measured_from_its_packets()
    {
        using (var source = await OutputAssert.ProbeAsync(samples.WebmWithoutDuration))
        {
            Assert.False(source.RootElement.GetProperty("format").TryGetProperty("duration", out _));
        }

        var run = await _harness.RunAsync(samples.WebmWithoutDuration);
        Assert.InRange(run.Ok.Source.DurationSeconds, 1.95, 2.05);
        await AssertOutputsAsync(run, run.Ok.Source.DurationSeconds);
    }

    [Fact]
    public async Task QuickTime_mov_is_accepted()
    {
        var run = await _harness.RunAsync(samples.Mov);
        Assert.Equal(new SourceInfo(MediaKind.Video, 640, 360, 2, HadAudio: true), run.Ok.Source);
        await AssertOutputsAsync(run, 2);
    }

    [Fact]
    public async Task QuickTime_without_an_ftyp_is_recognised_by_its_leading_atoms()
    {
        var run = await _harness.RunAsync(samples.MovWithoutFtyp);
        Assert.Equal(MediaKind.Video, run.Ok.Source.Kind);
        await AssertOutputsAsync(run, 2);
    }

    [Fact]
    public async Task A_thirty_second_clip_is_trimmed_to_the_maximum()
    {
        var run = await _harness.RunAsync(samples.ThirtySeconds);
        Assert.True(run.Ok.Trimmed);
        Assert.Equal(30, run.Ok.Source.DurationSeconds, 1);
        await AssertOutputsAsync(run, 10);
    }

    [Fact]
    public async Task Location_and_device_metadata_never_reach_the_outputs()
    {
        // The sample does carry them (checked with ffprobe on the source), so their absence below means something.
        using (var source = await OutputAssert.ProbeAsync(samples.WithLocation))
        {
            var tags = source.RootElement.GetProperty("format").GetProperty("tags").GetRawText();
            Assert.Contains("44.9778", tags, StringComparison.Ordinal);
            Assert.Contains(MediaSamples.DeviceModel, tags, StringComparison.Ordinal);
        }

        var run = await _harness.RunAsync(samples.WithLocation);
        await AssertOutputsAsync(run, 2);
        foreach (var output in new[] { run.Ok.ClipPath, run.Ok.PreviewPath, run.Ok.ThumbnailPath })
        {
            await OutputAssert.AssertNoSourceBytesAsync(output);
        }
    }

    private static async Task AssertOutputsAsync(NormalizeRun run, double expectedSeconds)
    {
        var result = run.Ok;
        Assert.NotNull(run.ThumbnailAt);
        // Clips keep their source's size now: a small one encodes in a blink, and which of two parallel processes ends
        // first is then a coin toss. The hand-over is checked where the clip's encode is real work (HD and up).
        if ((long)result.ClipWidth * result.ClipHeight >= 1280 * 720)
        {
            Assert.False(run.ClipFinishedAtThumbnail, "the thumbnail is handed over while the clip is still encoding");
        }
        // The clip keeps the upright source's shape, scaled down to fit 1920×1920 at most, never up.
        Assert.Equal(MezzanineFormat.ClipSize(result.Source.Width, result.Source.Height), (result.ClipWidth, result.ClipHeight));
        await OutputAssert.MezzanineAsync(result.ClipPath, expectedSeconds, result.ClipWidth, result.ClipHeight);
        await OutputAssert.PreviewAsync(result.PreviewPath, Math.Min(expectedSeconds, 6));
        await OutputAssert.ThumbnailAsync(result.ThumbnailPath);
        Assert.StartsWith(run.WorkDir, result.ClipPath, StringComparison.Ordinal);
    }
}
