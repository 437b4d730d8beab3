namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// What one upload asks of ffmpeg: <paramref name="Seconds"/> of media encoded, from a source of
/// <paramref name="Pixels"/> per frame at <paramref name="FramesPerSecond"/>, tone-mapped or not.
/// </summary>
public sealed record MediaWork(double Seconds, long Pixels, double FramesPerSecond, bool ToneMapped)
{
    /// <summary>A photo's still clip: <paramref name="seconds"/> of output made from a picture of <paramref name="pixels"/>.</summary>
    public static MediaWork Still(double seconds, long pixels) => new(seconds, pixels, MediaTimeouts.ReferenceFramesPerSecond, ToneMapped: false);
}

/// <summary>
/// The wall-clock limits of an upload's ffmpeg runs, scaled to its work instead of one fixed 5 minutes, which cut off a
/// long 4K clip on a busy instance while letting a stuck run on a tiny clip hold a processing slot for 5 minutes.
/// <list type="bullet">
/// <item>The clip + preview run: <c>TranscodeTimeoutBase + seconds × TranscodeTimeoutPerMediaSecond × load</c>, at
/// most <c>TranscodeTimeoutCap</c>.</item>
/// <item>The thumbnail: <c>ThumbnailTimeout × load</c> without the seconds (it decodes one frame after a seek, at most a
/// group of pictures, whatever the length), at most <c>ThumbnailTimeoutCap</c>.</item>
/// </list>
/// <c>load</c> is the source's pixel rate against 1080p at 30 fps (never below 1: a small source still starts a process
/// and encodes), times 2 when it is tone-mapped (HLG/PQ measured at 1.85–2.2 × SDR, BENCHMARKS.md "Colour").
/// </summary>
public static class MediaTimeouts
{
    public const double ReferencePixels = 1920 * 1080;

    public const double ReferenceFramesPerSecond = 30;

    /// <summary>Frame rates outside this are not believed (a damaged header); the reference is used instead.</summary>
    public const double MaxBelievableFramesPerSecond = 480;

    public static TimeSpan Transcode(MediaWork work, MediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(options);
        var seconds = double.IsFinite(work.Seconds) ? Math.Max(0, work.Seconds) : 0;
        var scaled = options.TranscodeTimeoutBase.TotalSeconds + (seconds * options.TranscodeTimeoutPerMediaSecond.TotalSeconds * Load(work));
        return Capped(scaled, options.TranscodeTimeoutCap);
    }

    public static TimeSpan Thumbnail(MediaWork work, MediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(options);
        var pixelsOnly = work with { FramesPerSecond = ReferenceFramesPerSecond };
        return Capped(options.ThumbnailTimeout.TotalSeconds * Load(pixelsOnly), options.ThumbnailTimeoutCap);
    }

    /// <summary>The source's pixel rate over 1080p30, at least 1; doubled for tone mapping.</summary>
    public static double Load(MediaWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var fps = work.FramesPerSecond is > 0 and <= MaxBelievableFramesPerSecond ? work.FramesPerSecond : ReferenceFramesPerSecond;
        var rate = Math.Max(0, work.Pixels) / ReferencePixels * (fps / ReferenceFramesPerSecond);
        return Math.Max(1, rate) * (work.ToneMapped ? 2 : 1);
    }

    private static TimeSpan Capped(double seconds, TimeSpan cap) =>
        TimeSpan.FromSeconds(Math.Min(Math.Ceiling(seconds), cap.TotalSeconds));
}
