using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Media;

/// <summary>Which sound the clip takes, and what happens to a file that is only sound.</summary>
public sealed partial class AudioChoiceTests : IDisposable
{
    private readonly MediaHarness _harness = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-audio-").FullName;

    public void Dispose()
    {
        _harness.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task The_clip_takes_the_default_audio_stream_not_a_silent_first_one()
    {
        // First audio stream silent and not default; the second carries a 440 Hz tone and is the default.
        var input = Path.Combine(_dir, "two tracks.mp4");
        await Ffmpeg([
            "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=3",
            "-f", "lavfi", "-i", "anullsrc=channel_layout=stereo:sample_rate=48000",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=3",
            "-map", "0:v", "-map", "1:a", "-map", "2:a", "-t", "3",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
            "-disposition:a:0", "0", "-disposition:a:1", "default", input]);
        Assert.True(await MaxVolumeAsync(input, "0:a:0") < -80, "the first track of the input is silent");

        var run = await _harness.RunAsync(input);

        Assert.True(run.Ok.Source.HadAudio);
        await PhoneFiles.AssertOneVideoOneAudioAsync(run.Ok.ClipPath);
        var clipMax = await MaxVolumeAsync(run.Ok.ClipPath, "0:a:0");
        Assert.True(clipMax > -20, $"the tone is in the clip: max volume {clipMax} dB");
        Assert.InRange(await PhoneFiles.IntegratedLoudnessAsync(run.Ok.ClipPath), -20, -12);
    }

    [Theory]
    [InlineData("mp4", "voice memo.mp4")]
    [InlineData("mov", "voice memo.mov")]
    public async Task Sound_without_a_picture_in_a_video_container_is_unsupported_and_asks_for_a_video_or_photo(string format, string name)
    {
        var input = Path.Combine(_dir, name);
        await Ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=3", "-c:a", "aac", "-f", format, input]);
        Assert.NotNull(MediaSniffer.Sniff((await File.ReadAllBytesAsync(input)).AsSpan(0, 64)));

        var run = await _harness.RunAsync(input);

        Assert.Equal(RejectionReasons.UnsupportedMedia, run.Rejection!.Reason);
        Assert.Equal(MediaMessages.AudioOnly, run.Rejection.Message);
        Assert.Contains("video or a photo", run.Rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ipod", "song.m4a")]
    [InlineData("mp3", "song.mp3")]
    public async Task Plain_audio_files_are_unsupported_with_the_accepted_types_named(string format, string name)
    {
        var input = Path.Combine(_dir, name);
        await Ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=3", "-f", format, input]);

        var run = await _harness.RunAsync(input);

        Assert.Equal(RejectionReasons.UnsupportedMedia, run.Rejection!.Reason);
        Assert.Equal(MediaMessages.Unsupported, run.Rejection.Message);
    }

    private static Task<string> Ffmpeg(string[] arguments) =>
        Tool.RunAsync("ffmpeg", ["-nostdin", "-hide_banner", "-v", "error", "-y", .. arguments]);

    private static async Task<double> MaxVolumeAsync(string path, string stream)
    {
        var (_, _, stderr) = await Tool.RunRawAsync("ffmpeg", ["-hide_banner", "-nostdin", "-v", "info", "-i", path, "-map", stream, "-af", "volumedetect", "-f", "null", "-"], null);
        var match = MaxVolume().Match(Encoding.UTF8.GetString(stderr));
        Assert.True(match.Success, Encoding.UTF8.GetString(stderr));
        return match.Groups[1].Value == "-inf" ? double.NegativeInfinity : double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"max_volume: (-?[0-9.]+|-inf) dB")]
    private static partial Regex MaxVolume();
}
