using SkiaSharp;
using SolidarityFn.Pipeline.Assembly;

namespace SolidarityFn.Pipeline.Text;

/// <summary>Lines of one style, wrapped and set, with the vertical metrics of the style's first face.</summary>
public sealed record TextBlock(IReadOnlyList<ShapedLine> Lines, TextStyle Style, float Ascent, float Descent)
{
    /// <summary>Baseline to baseline: the face's height plus a twentieth of an em (about drawtext's old pitch).</summary>
    public float Pitch => Ascent + Descent + (Style.Size / 20);

    public float Width => Lines.Count == 0 ? 0 : Lines.Max(l => l.Width);

    public float Height => Lines.Count == 0 ? 0 : Ascent + Descent + ((Lines.Count - 1) * Pitch);
}

/// <summary>
/// Wraps text by measured width and draws it with Skia: the one text renderer of cards, lower thirds and (later)
/// printable signs. Glyphs come from <see cref="TextShaper"/>, so what is measured is what is drawn.
/// </summary>
public sealed class TextPainter
{
    /// <summary>drawtext's old shadow: black at 70 %, 2 px right and down.</summary>
    private static readonly SKColor ShadowColour = new(0, 0, 0, 179);

    public TextPainter(TextShaper shaper)
    {
        ArgumentNullException.ThrowIfNull(shaper);
        Shaper = shaper;
    }

    public TextShaper Shaper { get; }

    /// <summary>
    /// <paramref name="text"/> wrapped to lines no wider than <paramref name="maxWidth"/> (at most
    /// <paramref name="maxLines"/>, the last one ending in "…" when cut), each set with the direction of the whole text.
    /// </summary>
    public TextBlock Layout(string? text, TextStyle style, float maxWidth, int maxLines)
    {
        ArgumentNullException.ThrowIfNull(style);
        var lines = IsolatedFields.ContinueAcrossLines(CaptionTextFiles.Wrap(text, line => Shaper.Measure(line, style) <= maxWidth, maxLines));
        var paragraphLevel = Bidi.ParagraphLevel(string.Join(' ', lines));
        var face = Shaper.Fonts.Order(style.Bold)[0];
        using var font = new SKFont(face.Typeface, style.Size);
        var metrics = font.Metrics;
        return new TextBlock(lines.Select(l => Shaper.Shape(l, style, paragraphLevel)).ToList(), style, -metrics.Ascent, metrics.Descent);
    }

    /// <summary>Draws the block's lines, each centred on <paramref name="centreX"/>, the first one's top at <paramref name="top"/>, in <paramref name="colour"/> (default white).</summary>
    public static void Draw(SKCanvas canvas, TextBlock block, float centreX, float top, bool shadow, SKColor? colour = null)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(block);
        for (var i = 0; i < block.Lines.Count; i++)
        {
            var line = block.Lines[i];
            var left = centreX - (line.Width / 2);
            var baseline = top + block.Ascent + (i * block.Pitch);
            if (shadow)
            {
                // Colour emoji ignore the paint's colour: the filter makes every glyph, colour or not, a black shadow.
                using var shade = new SKPaint { IsAntialias = true, Color = SKColors.Black, ColorFilter = SKColorFilter.CreateBlendMode(ShadowColour, SKBlendMode.SrcIn) };
                DrawLine(canvas, line, block.Style, left + 2, baseline + 2, shade);
            }

            using var paint = new SKPaint { IsAntialias = true, Color = colour ?? SKColors.White };
            DrawLine(canvas, line, block.Style, left, baseline, paint);
        }
    }

    /// <summary>One line's runs, left to right from <paramref name="left"/>, on <paramref name="baseline"/>.</summary>
    public static void DrawLine(SKCanvas canvas, ShapedLine line, TextStyle style, float left, float baseline, SKPaint paint)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(style);
        var x = left;
        foreach (var run in line.Runs)
        {
            if (run.Glyphs.Length > 0)
            {
                using var font = new SKFont(run.Face.Typeface, style.Size) { Edging = SKFontEdging.Antialias, Subpixel = true, Hinting = SKFontHinting.None };
                using var builder = new SKTextBlobBuilder();
                builder.AddPositionedRun(run.Glyphs, font, run.Positions);
                using var blob = builder.Build();
                if (blob is not null)
                {
                    canvas.DrawText(blob, x, baseline, paint);
                }
            }

            x += run.Advance;
        }
    }

    /// <summary>Encodes a transparent picture as PNG into <paramref name="path"/>.</summary>
    public static async Task WritePngAsync(SKBitmap bitmap, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("Skia could not encode the text picture.");
        await File.WriteAllBytesAsync(path, data.ToArray(), cancellationToken);
    }
}
