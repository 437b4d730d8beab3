using ImageMagick;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>How wide a line of text is drawn, in pixels, with a font file at a pixel size.</summary>
public interface ITextWidth
{
    double Measure(string fontPath, int fontSize, string text);
}

/// <summary>
/// Measures with FreeType through Magick.NET, the font engine drawtext uses too, so a caption is wrapped by how wide it
/// really is: an all-caps line is a third wider than the same count of lower-case letters, and a count-based guess let
/// "VANCOUVER HEALTH CARE WORKERS" run 10 pixels past the edge of a vertical frame. At density 72 a point is a pixel,
/// as drawtext's fontsize is. Stateless: each call uses its own 1×1 image.
/// </summary>
public sealed class FreeTypeTextWidth : ITextWidth
{
    public static FreeTypeTextWidth Instance { get; } = new();

    public double Measure(string fontPath, int fontSize, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fontPath);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fontSize);
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        using var image = new MagickImage(MagickColors.Transparent, 1, 1);
        image.Density = new Density(72);
        image.Settings.Font = fontPath;
        image.Settings.FontPointsize = fontSize;
        var metrics = image.FontTypeMetrics(text, ignoreNewlines: true)
            ?? throw new InvalidOperationException("The font could not measure the text.");
        return metrics.TextWidth;
    }
}
