using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Media;

/// <summary>
/// What really reaches the ffmpeg process through FFMpegCore: a stand-in "ffmpeg" in a folder of its own (set as
/// Media:FfmpegPath) writes the argument vector it received, which must equal the builder's list exactly, even for
/// paths with spaces, apostrophes, percent signs and backslashes.
/// </summary>
public sealed class FfmpegInvocationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("invocation it's 100% ").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_process_receives_exactly_the_builder_s_arguments()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_dir, "fake bin")).FullName;
        var record = Path.Combine(_dir, "argv.bin");
        var script = Path.Combine(bin, "ffmpeg");
        await File.WriteAllTextAsync(script,
            "#!/bin/sh\n" +
            $"printf '%s\\0' \"$@\" > '{record.Replace("'", "'\\''", StringComparison.Ordinal)}'\n" +
            "for last; do :; done\n" +
            "[ \"$1\" = \"-version\" ] || printf x > \"$last\"\n");
        Assert.False(OperatingSystem.IsWindows(), "a shell script stands in for ffmpeg");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            // The runner refuses a folder that lacks either tool (FFMpegCore would silently fall back to PATH).
            File.CreateSymbolicLink(Path.Combine(bin, "ffprobe"), script);
        }

        var workDir = Directory.CreateDirectory(Path.Combine(_dir, "work dir 'q' 100% \\ $HOME ;")).FullName;
        var command = NormalizeVideoCommand.Build(new VideoClipRequest(
            Path.Combine(workDir, "upload it's %d 100%"),
            MediaSniffer.MovDemuxer,
            Path.Combine(workDir, "clip out.mp4"),
            new VideoGeometry(1080, 1920),
            HasAudio: true,
            7.5,
            "veryfast",
            20,
            new FfmpegLimits(50_000_000, 610)));
        var runner = new FfmpegRunner(Options.Create(new MediaOptions { FfmpegPath = bin }), NullLogger<FfmpegRunner>.Instance);

        await runner.RunAsync("clip", command, TimeSpan.FromSeconds(30), [workDir], CancellationToken.None);

        var received = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(record)).Split('\0')[..^1];
        Assert.Equal(command.ToArguments(), received);
    }
}
