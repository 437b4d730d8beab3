using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Media;

[Collection(MediaCollection.Name)]
public sealed class RejectionTests(MediaSamples samples) : IDisposable
{
    private readonly MediaHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_clip_under_the_minimum_is_too_short_before_anything_is_encoded()
    {
        var run = await _harness.RunAsync(samples.ThreeTenthsOfASecond);
        Assert.Equal(RejectionReasons.TooShort, run.Rejection?.Reason);
        Assert.Contains("0.3 seconds", run.Rejection!.Message, StringComparison.Ordinal);
        Assert.Null(run.ThumbnailAt);
        Assert.Empty(Directory.EnumerateFiles(run.WorkDir, "*.mp4", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_truncated_mp4_is_corrupt()
    {
        var run = await _harness.RunAsync(samples.Truncated);
        Assert.Equal(RejectionReasons.Corrupt, run.Rejection?.Reason);
        _harness.AssertLogsHaveNoPaths();
    }

    [Fact]
    public async Task A_truncated_faststart_mp4_fails_on_its_decode_errors()
    {
        // Its index is intact, so ffprobe is happy; the missing media data is found while decoding (-xerror).
        var run = await _harness.RunAsync(samples.TruncatedFaststart);
        Assert.Equal(RejectionReasons.Corrupt, run.Rejection?.Reason);
        _harness.AssertLogsHaveNoPaths();
    }

    [Fact]
    public async Task A_text_file_named_mp4_is_unsupported()
    {
        var run = await _harness.RunAsync(samples.TextNamedMp4);
        Assert.Equal(RejectionReasons.UnsupportedMedia, run.Rejection?.Reason);
        Assert.Equal(MediaMessages.Unsupported, run.Rejection!.Message);
    }
}
