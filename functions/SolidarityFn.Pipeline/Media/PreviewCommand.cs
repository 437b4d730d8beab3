namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// preview.mp4 for the review page: the first seconds of the normalised clip, small and at a low bitrate, ready to
/// stream (+faststart). Made from the clip, which is already upright, framed and stripped, so it is a cheap scale.
/// </summary>
public static class PreviewCommand
{
    public static FfmpegCommand Build(string clipPath, string outputPath, int width, double seconds, int videoKbps, FfmpegLimits limits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        var height = width * 9 / 16;
        height -= height % 2;
        return new FfmpegCommand(
            SafeArguments.Global(limits.CpuSecondsLimit),
            [new FfmpegInput(SafeArguments.Input(MediaSniffer.MovDemuxer, limits.MaxPixels), clipPath)],
            [
                "-map", "0:v:0",
                "-map", "0:a:0?",
                "-t", Invariant.Seconds(seconds),
                "-vf", $"scale={Invariant.Int(width)}:{Invariant.Int(height)},setsar=1,format=yuv420p",
                "-c:v", "libx264",
                "-preset", "veryfast",
                "-profile:v", "main",
                "-b:v", Invariant.Int(videoKbps) + "k",
                "-maxrate", Invariant.Int(videoKbps * 6 / 5) + "k",
                "-bufsize", Invariant.Int(videoKbps * 2) + "k",
                "-g", Invariant.Int(MezzanineFormat.GopFrames),
                "-c:a", "aac",
                "-b:a", "64k",
                "-ar", Invariant.Int(MezzanineFormat.SampleRate),
                "-ac", Invariant.Int(MezzanineFormat.Channels),
                "-map_metadata", "-1",
                "-map_chapters", "-1",
                "-movflags", "+faststart",
                "-f", "mp4",
            ],
            outputPath);
    }
}
