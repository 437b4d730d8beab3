using System.Globalization;

namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// The hardening every ffmpeg and ffprobe run carries (DESIGN.md §6): no stdin, only the file protocol, a forced
/// demuxer (never probed, so a playlist or concat script cannot pick the hls or concat demuxer), a decoder pixel limit,
/// a CPU-time backstop behind the wall-clock kill, and decode errors treated as fatal.
/// </summary>
public static class SafeArguments
{
    /// <summary>The demuxer for the prepared, normalised photo (a single PNG; image2 would expand % patterns in the name).</summary>
    public const string PngDemuxer = "png_pipe";

    /// <summary>Global options of every ffmpeg run; they come first on the command line.</summary>
    /// <param name="cpuSecondsLimit">
    /// ffmpeg's own -timelimit (CPU seconds, enforced by the kernel through RLIMIT_CPU): a backstop in case the
    /// wall-clock kill never happens. Size it well above wall-clock timeout × cores.
    /// </param>
    public static IReadOnlyList<string> Global(int cpuSecondsLimit) =>
    [
        "-nostdin",
        "-hide_banner",
        "-nostats",
        "-loglevel", "error",
        "-xerror",
        "-y",
        "-timelimit", cpuSecondsLimit.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>Options placed before an input's -i: file protocol only, forced demuxer, decoder pixel limit.</summary>
    public static IReadOnlyList<string> Input(string demuxer, long maxPixels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(demuxer);
        var options = new List<string>
        {
            "-protocol_whitelist", "file",
            "-f", demuxer,
        };
        if (demuxer == MediaSniffer.MovDemuxer)
        {
            // External data references (already off by default): a movie may not pull in other files.
            options.Add("-enable_drefs");
            options.Add("0");
        }

        options.Add("-max_pixels");
        options.Add(maxPixels.ToString(CultureInfo.InvariantCulture));
        return options;
    }

    /// <summary>The CPU-time backstop for a wall-clock timeout: every core busy for the whole timeout, twice over.</summary>
    public static int CpuSecondsFor(TimeSpan wallClockTimeout, int processorCount) =>
        (int)Math.Min(int.MaxValue, Math.Ceiling(wallClockTimeout.TotalSeconds * Math.Max(1, processorCount) * 2) + 10);
}
