using QRCoder;
using SkiaSharp;
using SolidarityFn.Pipeline.Text;

namespace SolidarityFn.Pipeline.Signs;

/// <summary>
/// Draws a laid-out page as a one-page PDF with Skia's PDF backend: each text shaped by <see cref="TextShaper"/> (the
/// shipped faces only, HarfBuzz joining Arabic, right-to-left runs in visual order) and drawn as glyphs at its box, so
/// text stays text and each face is embedded as a subset; the QR code as vector squares. Glyph ids are drawn as
/// shaped, so Skia never looks for a font of its own (the NoDependencies build has no fontconfig to ask).
/// </summary>
public static class SignPdf
{
    private static readonly SKColor TextInk = new(17, 17, 17);

    /// <summary>Deep red: a contrast with black that prints dark enough on a greyscale printer too.</summary>
    private static readonly SKColor FilledInk = new(183, 28, 28);

    private static readonly SKColor MutedInk = new(84, 84, 84);

    /// <summary>A fixed date: the same request gives the same bytes (no clock in the file).</summary>
    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static byte[] Render(PageLayout layout, string title, TextShaper shaper, string? qrText = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(shaper);
        using var output = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = title,
            Creator = "SolidarityFn",
            Producer = "SolidarityFn",
            Creation = Epoch,
            Modified = Epoch,
            RasterDpi = SKDocumentPdfMetadata.DefaultRasterDpi,
            EncodingQuality = SKDocumentPdfMetadata.DefaultEncodingQuality,
        };
        // Shape every text first: the glyphs each face draws decide its subset.
        var shaped = layout.Texts.Select(t => (Text: t, Line: shaper.Shape(t.Text, new TextStyle(ShapedTextMeasure.ShapingSize, t.Bold), t.Level))).ToList();
        var typefaces = new Dictionary<LoadedFace, SKTypeface>();
        try
        {
            foreach (var group in shaped.SelectMany(s => s.Line.Runs).GroupBy(r => r.Face))
            {
                if (FontSubsetter.Subset(shaper.Fonts, group.Key, group.SelectMany(r => r.Glyphs).Distinct()) is { } subset)
                {
                    typefaces[group.Key] = subset;
                }
            }

            using var document = SKDocument.CreatePdf(output, metadata);
            var canvas = document.BeginPage((float)layout.Width, (float)layout.Height);
            foreach (var (text, line) in shaped)
            {
                using var paint = new SKPaint
                {
                    IsAntialias = true,
                    Color = text.Ink switch
                    {
                        SignInk.Filled => FilledInk,
                        SignInk.Muted => MutedInk,
                        _ => TextInk,
                    },
                };
                DrawText(canvas, text, line, typefaces, paint);
            }

            if (layout.Qr is { } qr && qrText is not null)
            {
                DrawQr(canvas, qr, qrText);
            }

            document.EndPage();
            document.Close();
        }
        finally
        {
            foreach (var typeface in typefaces.Values)
            {
                typeface.Dispose();
            }
        }

        return output.ToArray();
    }

    /// <summary>
    /// Shaped at <see cref="ShapedTextMeasure.ShapingSize"/> (as measured) and scaled to the laid-out size; each run in
    /// its face's subset (same glyph ids), or the whole face when it could not be subset.
    /// </summary>
    private static void DrawText(SKCanvas canvas, PlacedText text, ShapedLine line, Dictionary<LoadedFace, SKTypeface> typefaces, SKPaint paint)
    {
        canvas.Save();
        canvas.Translate((float)text.X, (float)text.Baseline);
        canvas.Scale((float)(text.Size / ShapedTextMeasure.ShapingSize));
        float x = 0;
        foreach (var run in line.Runs)
        {
            if (run.Glyphs.Length > 0)
            {
                var typeface = typefaces.GetValueOrDefault(run.Face) ?? run.Face.Typeface;
                using var font = new SKFont(typeface, ShapedTextMeasure.ShapingSize) { Edging = SKFontEdging.Antialias, Subpixel = true, Hinting = SKFontHinting.None };
                using var builder = new SKTextBlobBuilder();
                builder.AddPositionedRun(run.Glyphs, font, run.Positions);
                using var blob = builder.Build();
                if (blob is not null)
                {
                    canvas.DrawText(blob, x, 0, paint);
                }
            }

            x += run.Advance;
        }

        canvas.Restore();
    }

    /// <summary>Modules as filled squares (no bitmap: sharp at any printer resolution), quiet zone included in the side.</summary>
    private static void DrawQr(SKCanvas canvas, QrPlacement qr, string text)
    {
        var matrix = QrModules(text);
        var n = matrix.GetLength(0);
        var module = (float)(qr.Side / n);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = false };
        for (var row = 0; row < n; row++)
        {
            for (var col = 0; col < n; col++)
            {
                if (matrix[row, col])
                {
                    // A hair wider than the module so neighbours meet without white seams in viewers that anti-alias.
                    canvas.DrawRect(SKRect.Create((float)qr.X + (col * module), (float)qr.Y + (row * module), module + 0.05f, module + 0.05f), ink);
                }
            }
        }
    }

    /// <summary>The QR code's modules, quiet zone of 4 included; error correction M (15 %) survives a crease or a pin.</summary>
    public static bool[,] QrModules(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var rows = data.ModuleMatrix;
        var n = rows.Count;
        var matrix = new bool[n, n];
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                matrix[r, c] = rows[r][c];
            }
        }

        return matrix;
    }
}
