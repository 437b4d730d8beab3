using System.Globalization;
using SkiaSharp;
using SolidarityFn.Pipeline.Assembly;
using HbBlob = HarfBuzzSharp.Blob;
using HbFace = HarfBuzzSharp.Face;
using HbFont = HarfBuzzSharp.Font;

namespace SolidarityFn.Pipeline.Text;

/// <summary>One loaded face: Skia draws it, HarfBuzz shapes with it and answers which characters it has.</summary>
public sealed class LoadedFace : IDisposable
{
    private readonly HbBlob _blob;
    private readonly HbFace _face;

    internal LoadedFace(string path, FontFace face)
    {
        Face = face;
        _blob = HbBlob.FromFile(path);
        _face = new HbFace(_blob, face.FaceIndex);
        _face.MakeImmutable();
        if (_face.GlyphCount == 0)
        {
            throw new InvalidDataException($"The font file {path} (face {face.FaceIndex}) holds no glyphs.");
        }

        Shaper = new HbFont(_face);
        UnitsPerEm = _face.UnitsPerEm;
        Typeface = SKTypeface.FromFile(path, face.FaceIndex)
            ?? throw new InvalidDataException($"Skia cannot read the font file {path} (face {face.FaceIndex}).");
        IsEmoji = face.FileName == AssemblyFonts.EmojiFile;
    }

    public FontFace Face { get; }

    public SKTypeface Typeface { get; }

    /// <summary>At its default scale (units per em): positions are scaled to the pixel size by the caller.</summary>
    internal HbFont Shaper { get; }

    public int UnitsPerEm { get; }

    public bool IsEmoji { get; }

    public bool Covers(int codePoint) => NominalGlyph(codePoint) != 0;

    /// <summary>The glyph the character map gives, before shaping (0: none).</summary>
    public uint NominalGlyph(int codePoint) => Shaper.TryGetNominalGlyph((uint)codePoint, out var glyph) ? glyph : 0;

    public void Dispose()
    {
        Typeface.Dispose();
        Shaper.Dispose();
        _face.Dispose();
        _blob.Dispose();
    }
}

/// <summary>
/// The shipped fonts, loaded once (memory-mapped by HarfBuzz and Skia), and the fallback rule: which face draws a
/// character cluster (<see cref="FaceFor"/>). Immutable after construction, so shared by concurrent renders and checks.
/// </summary>
public sealed class FontLibrary : IDisposable
{
    private readonly Dictionary<FontFace, LoadedFace> _loaded = [];

    public FontLibrary(AssemblyFonts fonts)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        Fonts = fonts;
        var missing = fonts.MissingFiles().ToList();
        if (missing.Count > 0)
        {
            throw new FileNotFoundException($"The font files {string.Join(", ", missing)} do not exist (Assembly:FontsPath).");
        }

        try
        {
            foreach (var face in AssemblyFonts.RegularOrder.Concat(AssemblyFonts.BoldOrder).Distinct())
            {
                _loaded[face] = new LoadedFace(fonts.PathOf(face), face);
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        Regular = AssemblyFonts.RegularOrder.Select(f => _loaded[f]).ToArray();
        Bold = AssemblyFonts.BoldOrder.Select(f => _loaded[f]).ToArray();
    }

    public AssemblyFonts Fonts { get; }

    public IReadOnlyList<LoadedFace> Regular { get; }

    public IReadOnlyList<LoadedFace> Bold { get; }

    public IReadOnlyList<LoadedFace> Order(bool bold) => bold ? Bold : Regular;

    /// <summary>
    /// The face that draws <paramref name="cluster"/> (one grapheme: a letter with its marks, an emoji sequence): the
    /// first in the fallback order that has every visible code point of it; emoji sequences try the emoji face first;
    /// a space or punctuation mark stays in the face of the cluster before it (<paramref name="previous"/>) when that
    /// face has it, so Arabic words and the spaces between them are one run. Null when no face has the whole cluster.
    /// </summary>
    public LoadedFace? FaceFor(string cluster, bool bold, LoadedFace? previous = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var visible = VisibleCodePoints(cluster).ToList();
        if (visible.Count == 0)
        {
            // Only joiners and selectors: whatever face is current draws nothing for them.
            return previous ?? Order(bold)[0];
        }

        if (previous is { IsEmoji: false } && visible.All(IsNeutral) && visible.All(previous.Covers))
        {
            return previous;
        }

        var order = Order(bold);
        if (IsEmojiSequence(cluster))
        {
            var emoji = order.First(f => f.IsEmoji);
            if (visible.All(emoji.Covers))
            {
                return emoji;
            }
        }

        var textPresentation = cluster.Contains('\uFE0E', StringComparison.Ordinal);
        foreach (var face in order)
        {
            if (textPresentation && face.IsEmoji)
            {
                continue;
            }

            if (visible.All(face.Covers))
            {
                return face;
            }
        }

        return textPresentation ? order.FirstOrDefault(f => f.IsEmoji && visible.All(f.Covers)) : null;
    }

    /// <summary>The first code point of <paramref name="text"/> that no face can draw in its cluster (null: all can).</summary>
    public int? FirstUndrawable(string text, bool bold)
    {
        ArgumentNullException.ThrowIfNull(text);
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var cluster = enumerator.GetTextElement();
            if (FaceFor(cluster, bold) is not null)
            {
                continue;
            }

            var visible = VisibleCodePoints(cluster).ToList();
            // Name a code point no face has at all; else the one the base character's face lacks (a mark it cannot carry).
            var alone = visible.FirstOrDefault(cp => !Order(bold).Any(f => f.Covers(cp)), -1);
            if (alone >= 0)
            {
                return alone;
            }

            var baseFace = Order(bold).First(f => f.Covers(visible[0]));
            return visible.First(cp => !baseFace.Covers(cp));
        }

        return null;
    }

    /// <summary>Code points a font must have a glyph for: not joiners, variation selectors, bidi marks or tags.</summary>
    public static IEnumerable<int> VisibleCodePoints(string cluster)
    {
        foreach (var rune in cluster.EnumerateRunes())
        {
            if (!IsInvisible(rune.Value))
            {
                yield return rune.Value;
            }
        }
    }

    /// <summary>Lone surrogates decode as U+FFFD, which no shipped face has: they are refused like any other.</summary>
    private static bool IsInvisible(int c) =>
        c is (>= 0x200B and <= 0x200F) or (>= 0x202A and <= 0x202E) or (>= 0x2060 and <= 0x206F) or 0x034F or 0x061C
            or (>= 0x180B and <= 0x180F) or (>= 0xFE00 and <= 0xFE0F) or 0xFEFF or (>= 0xE0000 and <= 0xE007F) or (>= 0xE0100 and <= 0xE01EF);

    private static bool IsNeutral(int c)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.SpaceSeparator or UnicodeCategory.OtherPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation;
    }

    /// <summary>Emoji presentation (VS16), a ZWJ sequence, a skin tone, a keycap, a flag or a subdivision flag.</summary>
    private static bool IsEmojiSequence(string cluster)
    {
        foreach (var rune in cluster.EnumerateRunes())
        {
            if (rune.Value is 0xFE0F or 0x200D or 0x20E3 or (>= 0x1F3FB and <= 0x1F3FF) or (>= 0x1F1E6 and <= 0x1F1FF) or (>= 0xE0020 and <= 0xE007F))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        foreach (var face in _loaded.Values)
        {
            face.Dispose();
        }

        _loaded.Clear();
    }
}

/// <summary>Names a code point for people: "U+0627".</summary>
public static class CodePoints
{
    public static string Name(int codePoint) => "U+" + codePoint.ToString("X4", CultureInfo.InvariantCulture);
}
