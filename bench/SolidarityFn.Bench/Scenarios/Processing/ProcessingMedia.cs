using System.Diagnostics;
using System.Globalization;
using SolidarityFn.Bench.Infrastructure;

namespace SolidarityFn.Bench.Scenarios.Processing;

/// <summary>What a plain process run gave: exit code, wall-clock seconds, standard error.</summary>
public sealed record ToolRun(int ExitCode, double Seconds, string StandardError);

/// <summary>
/// The bench's inputs, generated with ffmpeg lavfi (nothing downloaded), and plain process runs of ffmpeg: no
/// FFMpegCore, no shell, the argument vector as given.
/// </summary>
public static class ProcessingMedia
{
    public const int ClipSeconds = 10;
    public const string VideoBitrate = "12M";
    public const int KeyframeInterval = 30;

    /// <summary>
    /// A 10 s phone-like portrait clip: 1920×1080 H.264 (High, yuv420p) at about 12 Mb/s with a 1 s keyframe
    /// interval, AAC 48 kHz stereo, and a display matrix that turns it a quarter (ffmpeg 5.1 writes the matrix from
    /// the "rotate" tag on a stream copy, not on an encode, hence two steps). Shown upright it is 1080×1920.
    /// </summary>
    public static async Task<string> PhoneClipAsync(string folder, CancellationToken cancellationToken)
    {
        var landscape = Path.Combine(folder, "phone-landscape.mp4");
        var clip = Path.Combine(folder, "phone-vertical.mp4");
        var seconds = ClipSeconds.ToString(CultureInfo.InvariantCulture);
        await RunCheckedAsync("ffmpeg", [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=size=1920x1080:rate=30:duration={seconds}",
            "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={seconds}",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-b:v", VideoBitrate, "-maxrate", VideoBitrate, "-bufsize", "24M",
            "-g", KeyframeInterval.ToString(CultureInfo.InvariantCulture),
            "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
            landscape,
        ], cancellationToken);
        await RunCheckedAsync("ffmpeg", [
            "-nostdin", "-v", "error", "-y", "-i", landscape,
            "-map", "0", "-c", "copy", "-metadata:s:v:0", "rotate=90", "-movflags", "+faststart",
            clip,
        ], cancellationToken);
        File.Delete(landscape);
        return clip;
    }

    /// <summary>
    /// A big upload made cheaply: the phone clip looped by stream copy until the file reaches <paramref name="targetBytes"/>
    /// (no re-encode, so it takes seconds). The index is written at the end, as phones do (no +faststart).
    /// </summary>
    /// <summary>
    /// A 48-megapixel HEIC as the newest phones write them (8064×6048), encoded by ImageMagick's convert (libheif with
    /// x265): a gradient with a disc, so it compresses to a small upload and still decodes to 48 M pixels.
    /// </summary>
    public static async Task<string> Heic48MegapixelAsync(string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, "photo-48mp.heic");
        await RunCheckedAsync("convert", [
            "-size", "8064x6048", "gradient:navy-orange", "-fill", "white", "-draw", "circle 4032,3024 4032,1000", "-quality", "60", path,
        ], cancellationToken);
        return path;
    }

    public static async Task<string> LargeUploadAsync(string phoneClip, long targetBytes, string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, "large-upload.mp4");
        var copies = (int)Math.Ceiling((double)targetBytes / new FileInfo(phoneClip).Length);
        await RunCheckedAsync("ffmpeg", [
            "-nostdin", "-v", "error", "-y",
            "-stream_loop", Math.Max(0, copies - 1).ToString(CultureInfo.InvariantCulture), "-i", phoneClip,
            "-map", "0", "-c", "copy", "-metadata:s:v:0", "rotate=90",
            path,
        ], cancellationToken);
        return path;
    }

    public static async Task<string> FfmpegVersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-version");
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var first = output.Split('\n')[0];
            var copyright = first.IndexOf(" Copyright", StringComparison.Ordinal);
            return copyright > 0 ? first[..copyright] : first;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "ffmpeg not found";
        }
    }

    /// <summary>Runs a tool as a plain child process (standard output and error read and discarded) and times it.</summary>
    public static async Task<ToolRun> RunAsync(string executable, IReadOnlyList<string> arguments, string? workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var begin = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        ChildProcesses.Track(process);
        try
        {
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
            await output;
            return new ToolRun(process.ExitCode, seconds, await error);
        }
        finally
        {
            ChildProcesses.Kill(process);
        }
    }

    public static async Task<ToolRun> RunCheckedAsync(string executable, IReadOnlyList<string> arguments, CancellationToken cancellationToken, string? workingDirectory = null)
    {
        var run = await RunAsync(executable, arguments, workingDirectory, cancellationToken);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} exited with {run.ExitCode}: {run.StandardError.Trim()}");
        }

        return run;
    }
}
