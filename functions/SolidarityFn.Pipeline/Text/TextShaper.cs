using System.Globalization;
using SkiaSharp;
using HbBuffer = HarfBuzzSharp.Buffer;
using HbDirection = HarfBuzzSharp.Direction;

namespace SolidarityFn.Pipeline.Text;

/// <summary>How a piece of text is set: pixel size (an em, as drawtext's fontsize was) and weight.</summary>
public sealed record TextStyle(int FontSize, bool Bold)
{
    public float Size => FontSize;
}

/// <summary>
/// Glyphs of one face at one bidi level, from HarfBuzz: in visual order (left to right) with x positions relative to the
/// run's left edge. <see cref="MissingGlyphs"/> counts glyph id 0 (.notdef, the "tofu" box).
/// </summary>
public sealed record GlyphRun(LoadedFace Face, int Level, ushort[] Glyphs, SKPoint[] Positions, float Advance, int TextStart, int TextLength)
{
    public int MissingGlyphs => Glyphs.Count(g => g == 0);

    public bool RightToLeft => Level % 2 == 1;
}

/// <summary>One line set for drawing: its runs in visual order, left to right, and its advance width.</summary>
public sealed record ShapedLine(string Text, int ParagraphLevel, IReadOnlyList<GlyphRun> Runs)
{
    public float Width => Runs.Sum(r => r.Advance);
}

/// <summary>
/// Sets one line: clusters (graphemes: a letter with its marks, a whole emoji sequence) get a face by the fallback
/// order (<see cref="FontLibrary.FaceFor"/>), bidi levels come from <see cref="Bidi"/>, maximal stretches of one face and
/// one level are shaped by HarfBuzz (Arabic joins, marks are placed, mirrored brackets), and the runs are put in visual
/// order (UAX #9 L2). A cluster no face can draw is left out, never drawn as a box (intake refuses such text; this
/// protects text stored before the check).
/// </summary>
public sealed class TextShaper
{
    private readonly FontLibrary _fonts;

    public TextShaper(FontLibrary fonts)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        _fonts = fonts;
    }

    public FontLibrary Fonts => _fonts;

    public float Measure(string line, TextStyle style) => Shape(line, style).Width;

    /// <summary>Sets <paramref name="line"/>; <paramref name="paragraphLevel"/> null: from its own first strong character.</summary>
    public ShapedLine Shape(string line, TextStyle style, int? paragraphLevel = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(style);
        var level = paragraphLevel ?? Bidi.ParagraphLevel(line);
        var levels = Bidi.Levels(line, level);
        var logical = new List<(LoadedFace Face, int Level, int Start, int Length)>();
        LoadedFace? previous = null;
        var starts = StringInfo.ParseCombiningCharacters(line);
        for (var k = 0; k < starts.Length; k++)
        {
            var start = starts[k];
            var length = (k + 1 < starts.Length ? starts[k + 1] : line.Length) - start;
            var face = _fonts.FaceFor(line.Substring(start, length), style.Bold, previous);
            if (face is null)
            {
                continue;
            }

            previous = face;
            var clusterLevel = levels[start];
            if (logical.Count > 0 && logical[^1].Face == face && logical[^1].Level == clusterLevel && logical[^1].Start + logical[^1].Length == start)
            {
                logical[^1] = logical[^1] with { Length = logical[^1].Length + length };
            }
            else
            {
                logical.Add((face, clusterLevel, start, length));
            }
        }

        var order = Bidi.VisualOrder(logical.Select(r => (byte)r.Level).ToArray());
        var runs = order.Select(i => ShapeRun(line, logical[i].Face, logical[i].Level, logical[i].Start, logical[i].Length, style.Size)).ToList();
        return new ShapedLine(line, level, runs);
    }

    private static GlyphRun ShapeRun(string text, LoadedFace face, int level, int start, int length, float size)
    {
        using var buffer = new HbBuffer();
        // The whole line is the context, so letters join across a run edge as they would in one run.
        buffer.AddUtf16(text, start, length);
        buffer.Direction = level % 2 == 1 ? HbDirection.RightToLeft : HbDirection.LeftToRight;
        buffer.GuessSegmentProperties();
        face.Shaper.Shape(buffer);
        var infos = buffer.GetGlyphInfoSpan();
        var positions = buffer.GetGlyphPositionSpan();
        var scale = size / face.UnitsPerEm;
        var glyphs = new ushort[infos.Length];
        var points = new SKPoint[infos.Length];
        float x = 0;
        for (var i = 0; i < infos.Length; i++)
        {
            glyphs[i] = (ushort)infos[i].Codepoint;
            points[i] = new SKPoint(x + (positions[i].XOffset * scale), -positions[i].YOffset * scale);
            x += positions[i].XAdvance * scale;
        }

        return new GlyphRun(face, level, glyphs, points, x, start, length);
    }
}
