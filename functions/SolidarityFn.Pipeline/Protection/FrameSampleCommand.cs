using System.Globalization;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Protection;

/// <summary>
/// The frames the face detector looks at: one every 0.2 s (fps=5) of the normalised clip, scaled so the longer side is
/// at most <see cref="MaxSide"/>, 8-bit grey (the cascades work on grey), as one raw file of back-to-back frames.
/// </summary>
public static class FrameSampleCommand
{
    public const int FramesPerSecond = 5;
    public const int MaxSide = 640;

    /// <summary>The sampled frames' size for a clip of <paramref name="clipWidth"/>×<paramref name="clipHeight"/> (even, never up).</summary>
    public static (int Width, int Height) SampleSize(int clipWidth, int clipHeight)
    {
        var (w, h) = Framing.FitWithin(clipWidth, clipHeight, MaxSide, MaxSide);
        return (w - (w % 2), h - (h % 2));
    }

    public static FfmpegCommand Build(string clipPath, int clipWidth, int clipHeight, string rawPath, FfmpegLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var (w, h) = SampleSize(clipWidth, clipHeight);
        return new FfmpegCommand(
            SafeArguments.Global(limits.CpuSecondsLimit),
            [new FfmpegInput(SafeArguments.Input(MediaSniffer.MovDemuxer, limits.MaxPixels), clipPath)],
            [
                "-map", "0:v:0",
                "-an",
                "-vf", string.Create(CultureInfo.InvariantCulture, $"fps={FramesPerSecond},scale={w}:{h}:flags=area,format=gray"),
                "-f", "rawvideo",
            ],
            rawPath);
    }
}
