using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Music;

/// <summary>
/// The two runs that store an organizer's music normalised: the first audio stream only (no cover art, no metadata), as
/// 48 kHz float stereo, measured (ebur128), then brought to <see cref="TargetLufs"/> (the clips' loudness, so the bed's
/// level in percent means the same for every piece) by one gain and an oversampled limiter at <see cref="CeilingDb"/>,
/// encoded AAC in an MP4 (m4a), cut at <see cref="MusicLimits.MaxSeconds"/>.
/// </summary>
public static class MusicNormalizeCommand
{
    public const double TargetLufs = -16;
    public const double CeilingDb = -1.5;

    public static FfmpegCommand Measure(string inputPath, string demuxer, string measurementPath, FfmpegLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var name = Path.GetFileName(measurementPath);
        if (!LoudnessMeasurement.IsSafeFileName(name))
        {
            throw new ArgumentException("The measurement file must be a plain file name in the output folder.", nameof(measurementPath));
        }

        return new FfmpegCommand(
            SafeArguments.Global(limits.CpuSecondsLimit),
            [Input(inputPath, demuxer, limits)],
            ["-filter_complex", $"[0:a:0]{MezzanineFormat.AudioFormat},{LoudnessMeasurement.Filter(name)}[out]", "-map", "[out]", .. Cut, "-f", "null"],
            measurementPath);
    }

    public static FfmpegCommand Render(string inputPath, string demuxer, double gainDb, string outputPath, FfmpegLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new FfmpegCommand(
            SafeArguments.Global(limits.CpuSecondsLimit),
            [Input(inputPath, demuxer, limits)],
            [
                "-filter_complex", $"[0:a:0]{MezzanineFormat.AudioFormat},{FinalLoudness.GainAndLimit(gainDb, CeilingDb)}[a]",
                "-map", "[a]",
                "-c:a", "aac",
                "-profile:a", "aac_low",
                "-b:a", Invariant.Int(FinalLoudness.AudioKbps) + "k",
                "-ar", Invariant.Int(MezzanineFormat.SampleRate),
                "-ac", Invariant.Int(MezzanineFormat.Channels),
                .. Cut,
                "-map_metadata", "-1",
                "-map_chapters", "-1",
                "-movflags", "+faststart",
                "-f", "mp4",
            ],
            outputPath);
    }

    private static IReadOnlyList<string> Cut => ["-t", Invariant.Seconds(MusicLimits.MaxSeconds)];

    private static FfmpegInput Input(string path, string demuxer, FfmpegLimits limits)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(demuxer);
        return new FfmpegInput(SafeArguments.Input(demuxer, limits.MaxPixels), path);
    }
}

/// <summary>What a music upload may be.</summary>
public static class MusicLimits
{
    public const long MaxBytes = 20L * 1024 * 1024;

    /// <summary>Ten minutes: more than the longest video (600 s of clips plus the cards) needs.</summary>
    public const double MaxSeconds = 600;

    /// <summary>Shorter pieces would loop every few seconds (and the loop's crossfades take 2 s each).</summary>
    public const double MinSeconds = 10;
}
