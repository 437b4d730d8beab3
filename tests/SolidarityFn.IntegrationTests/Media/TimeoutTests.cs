using System.Diagnostics;
using System.Text;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Media;

[Collection(MediaCollection.Name)]
public sealed class TimeoutTests(MediaSamples samples)
{
    [Fact]
    public async Task An_encode_over_its_time_limit_is_killed_and_rejected_as_timeout()
    {
        // The slowest preset turns a 2-second 1080p clip into many seconds of work; the scaled limit is capped at one second.
        using var harness = new MediaHarness(options =>
        {
            options.X264Preset = "placebo";
            options.TranscodeTimeoutBase = TimeSpan.FromSeconds(1);
            options.TranscodeTimeoutCap = TimeSpan.FromSeconds(1);
        });

        var watch = Stopwatch.StartNew();
        var run = await harness.RunAsync(samples.Landscape1080);
        watch.Stop();

        Assert.Equal(RejectionReasons.Timeout, run.Rejection?.Reason);
        Assert.Equal(MediaMessages.Timeout, run.Rejection!.Message);

        // (The thumbnail runs alongside the encode and may or may not finish within the encode's one second: the
        // submission fails either way, so whether it was handed over is not part of this behaviour.)
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.Empty(FfmpegProcessesUsing(run.WorkDir));
    }

    [Fact]
    public async Task A_probe_over_its_time_limit_is_killed_and_rejected_as_timeout()
    {
        using var harness = new MediaHarness(options => options.ProbeTimeout = TimeSpan.FromMilliseconds(1));

        var run = await harness.RunAsync(samples.Landscape1080);

        Assert.Equal(RejectionReasons.Timeout, run.Rejection?.Reason);
        Assert.Null(run.ThumbnailAt);
        await Task.Delay(100);
        Assert.Empty(FfmpegProcessesUsing(run.WorkDir));
    }

    [Fact]
    public async Task Cancelling_kills_the_encode_and_surfaces_as_cancellation()
    {
        using var harness = new MediaHarness(options => options.X264Preset = "placebo");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(3));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.RunAsync(samples.Landscape1080, cancellationToken: cancel.Token));

        await Task.Delay(100);
        Assert.Empty(FfmpegProcessesUsing(harness.WorkRoot));
    }

    /// <summary>ffmpeg/ffprobe processes whose command line mentions the folder (from /proc, so nothing else is matched).</summary>
    private static List<int> FfmpegProcessesUsing(string folder)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(dir, "cmdline"))).Replace('\0', ' ');
                if (commandLine.Contains(folder, StringComparison.Ordinal)
                    && (commandLine.StartsWith("ffmpeg", StringComparison.Ordinal) || commandLine.StartsWith("ffprobe", StringComparison.Ordinal)
                        || commandLine.Contains("/ffmpeg ", StringComparison.Ordinal) || commandLine.Contains("/ffprobe ", StringComparison.Ordinal)))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
