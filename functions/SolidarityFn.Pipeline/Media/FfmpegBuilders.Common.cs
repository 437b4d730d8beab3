using System.Globalization;

namespace SolidarityFn.Pipeline.Media;

/// <summary>Limits every ffmpeg run gets: the decoder pixel cap and the CPU-time backstop.</summary>
public sealed record FfmpegLimits(long MaxPixels, int CpuSecondsLimit);

/// <summary>The picture as shown, after rotation: pixel size and sample aspect ratio.</summary>
public sealed record VideoGeometry(int Width, int Height, int SarNumerator = 1, int SarDenominator = 1)
{
    /// <summary>Width once pixels are square.</summary>
    public int DisplayWidth =>
        SarNumerator > 0 && SarDenominator > 0 ? (int)Math.Round((double)Width * SarNumerator / SarDenominator) : Width;
}

internal static class Invariant
{
    /// <summary>Seconds as ffmpeg reads them: invariant culture, at most millisecond precision.</summary>
    public static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
