using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Media;

public class FfmpegFailureTests
{
    [Theory]
    [InlineData("[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] moov atom not found", FfmpegFailureKind.Corrupt)]
    [InlineData("<path>: Invalid data found when processing input", FfmpegFailureKind.Corrupt)]
    [InlineData("<path>: corrupt input packet in stream 0", FfmpegFailureKind.Corrupt)]
    [InlineData("[matroska,webm @ 0x1] EBML header parsing failed", FfmpegFailureKind.Corrupt)]
    [InlineData("Stream map '0:a:0' matches no streams.", FfmpegFailureKind.Corrupt)]
    [InlineData("[h264 @ 0x1] Picture size 20000x20000 is invalid", FfmpegFailureKind.TooLarge)]
    [InlineData("Picture size 9000x9000 exceeds specified max pixel count 50000000", FfmpegFailureKind.TooLarge)]
    [InlineData("av_interleaved_write_frame(): No space left on device", FfmpegFailureKind.Transient)]
    [InlineData("Received > 3 system signals, hard exiting. received signal 24.", FfmpegFailureKind.Timeout)]
    [InlineData("Error initializing complex filters.", FfmpegFailureKind.Failed)]
    public void Errors_are_sorted_by_what_they_mean(string line, FfmpegFailureKind expected)
    {
        Assert.Equal(expected, FfmpegFailure.Classify(1, [line]));
    }

    [Theory]
    [InlineData(137)]
    [InlineData(143)]
    [InlineData(255)]
    public void A_run_killed_by_a_signal_is_worth_a_retry(int exitCode)
    {
        Assert.Equal(FfmpegFailureKind.Transient, FfmpegFailure.Classify(exitCode, []));
    }
}
