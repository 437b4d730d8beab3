using SkiaSharp;
using SolidarityFn.Pipeline.Text;

namespace SolidarityFn.Pipeline.Signs;

/// <summary>How wide a text is at a size, and the vertical extent of the faces that draw it, per point of size.</summary>
public interface ITextMeasure
{
    double Width(string text, bool bold, double size);

    /// <summary>Cap height of the first face (Noto Sans): what "readable from across a room" is measured by.</summary>
    double CapHeightPerPoint(bool bold);

    /// <summary>The tallest ascent of the faces that draw <paramref name="text"/> (Arabic and CJK faces reach higher than Latin).</summary>
    double AscentPerPoint(bool bold, string text);

    /// <summary>The deepest descent of the faces that draw <paramref name="text"/>.</summary>
    double DescentPerPoint(bool bold, string text);
}

/// <summary>
/// Widths and extents from the same shaping the PDF draws with (<see cref="TextShaper"/>: the shipped faces by the
/// fallback order, HarfBuzz joining Arabic and placing marks), so a laid-out box is where the glyphs land. Shaping
/// positions are linear in the size (no hinting), so each text is shaped once at <see cref="ShapingSize"/> and scaled.
/// One instance per page: it caches widths of the texts it was asked about.
/// </summary>
public sealed class ShapedTextMeasure(TextShaper shaper) : ITextMeasure
{
    /// <summary>The size texts are shaped at; drawing scales from it to the laid-out size.</summary>
    public const int ShapingSize = 1000;

    private readonly Dictionary<(string, bool), double> _widths = [];

    public TextShaper Shaper { get; } = shaper ?? throw new ArgumentNullException(nameof(shaper));

    public double Width(string text, bool bold, double size)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!_widths.TryGetValue((text, bold), out var perPoint))
        {
            perPoint = Shaper.Measure(text, new TextStyle(ShapingSize, bold)) / ShapingSize;
            _widths[(text, bold)] = perPoint;
        }

        return perPoint * size;
    }

    public double CapHeightPerPoint(bool bold) => Metrics(Shaper.Fonts.Order(bold)[0]).CapHeight / ShapingSize;

    public double AscentPerPoint(bool bold, string text) => Faces(text, bold).Max(f => -Metrics(f).Ascent) / ShapingSize;

    public double DescentPerPoint(bool bold, string text) => Faces(text, bold).Max(f => Metrics(f).Descent) / ShapingSize;

    /// <summary>The faces that draw the text, and always the first one (an empty or Latin line is set in Noto Sans).</summary>
    private IEnumerable<LoadedFace> Faces(string text, bool bold) =>
        Shaper.Shape(text ?? string.Empty, new TextStyle(ShapingSize, bold)).Runs.Select(r => r.Face).Append(Shaper.Fonts.Order(bold)[0]).Distinct();

    private static SKFontMetrics Metrics(LoadedFace face)
    {
        using var font = new SKFont(face.Typeface, ShapingSize);
        return font.Metrics;
    }
}
