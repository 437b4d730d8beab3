using System.Globalization;

namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// Fits any picture into a fixed frame without black bars and without stretching (DESIGN.md §6): when the shape
/// differs, the picture is laid centred over a blurred, zoomed copy of itself that covers the frame.
/// </summary>
public static class Framing
{
    /// <summary>Shapes within this relative difference of the frame's are scaled to fill it (an invisible change).</summary>
    public const double AspectTolerance = 0.01;

    /// <summary>True when a picture of this shape needs the blurred fill to become <paramref name="frameWidth"/>×<paramref name="frameHeight"/>.</summary>
    public static bool NeedsFill(int width, int height, int frameWidth, int frameHeight)
    {
        if (width <= 0 || height <= 0)
        {
            return true;
        }

        var aspect = (double)width / height;
        var frame = (double)frameWidth / frameHeight;
        return Math.Abs(aspect - frame) / frame > AspectTolerance;
    }

    /// <summary>
    /// Filtergraph text taking <paramref name="input"/> to <paramref name="output"/> at exactly width×height with square pixels.
    /// </summary>
    /// <param name="input">An input pad such as "[0:v:0]".</param>
    /// <param name="prefix">Filters applied first (for example "fps=30,"), or empty.</param>
    /// <param name="output">The output pad such as "[v]".</param>
    /// <param name="suffix">Filters applied last (for example ",format=yuv420p"), or empty.</param>
    /// <param name="fill">False when the shape already matches (see <see cref="NeedsFill"/>).</param>
    public static string Fit(string input, string prefix, string suffix, string output, int width, int height, bool fill)
    {
        var size = string.Create(CultureInfo.InvariantCulture, $"{width}:{height}");
        if (!fill)
        {
            return $"{input}{prefix}scale={size},setsar=1{suffix}{output}";
        }

        // The background is blurred at a quarter of the size (cheap, and a blur hides the upscale). Both layers are
        // brought to the same pixel format before the overlay, which blends values without converting ranges.
        var smallWidth = Even(width / 4);
        var smallHeight = Even(height / 4);
        var small = string.Create(CultureInfo.InvariantCulture, $"{smallWidth}:{smallHeight}");
        // About 1/34 of the small height: the same look at every output size (8 px at 480×270, 32 px on a 1080p frame).
        var radius = Math.Clamp(smallHeight / 34, 2, 16).ToString(CultureInfo.InvariantCulture);
        return
            $"{input}{prefix}split=2[fill_bg][fill_fg];" +
            $"[fill_bg]scale={small}:force_original_aspect_ratio=increase,crop={small},boxblur=luma_radius={radius}:luma_power=2,scale={size},setsar=1,format=yuv420p[fill_blur];" +
            $"[fill_fg]scale={size}:force_original_aspect_ratio=decrease:force_divisible_by=2,setsar=1,format=yuv420p[fill_pic];" +
            $"[fill_blur][fill_pic]overlay=x=(W-w)/2:y=(H-h)/2,setsar=1{suffix}{output}";
    }

    /// <summary>Filters that make non-square pixels square (empty when they already are).</summary>
    public static string SquarePixels(int sarNumerator, int sarDenominator) =>
        sarNumerator > 0 && sarDenominator > 0 && sarNumerator != sarDenominator
            ? "scale=trunc(iw*sar/2)*2:ih,setsar=1,"
            : string.Empty;

    private static int Even(int value) => Math.Max(2, value - (value % 2));
}
