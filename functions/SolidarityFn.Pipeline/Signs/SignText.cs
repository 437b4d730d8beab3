using System.Text;
using SolidarityFn.Pipeline.Text;

namespace SolidarityFn.Pipeline.Signs;

/// <summary>
/// Whether a text can be printed: every character must be drawable by the shipped faces with the renderer's own
/// fallback rule (<see cref="TextCoverage"/>: Noto Sans for Latin, Greek and Cyrillic, Noto Sans Arabic, Ethiopic, CJK,
/// colour emoji, symbols), so what passes is drawn and nothing is ever a box (.notdef). Arabic is shaped and set right
/// to left, marks are placed by HarfBuzz; a character no shipped face has (a Tibetan letter, a private-use code point)
/// is refused by its name.
/// </summary>
public sealed class SignText(FontLibrary fonts)
{
    private readonly TextCoverage _coverage = new(fonts);

    /// <summary>Null when printable; else a message naming the first character that is not.</summary>
    public string? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _coverage.FirstUndrawable(text) is { } character
            ? $"The character {character} cannot be printed on a sign: none of the shipped fonts has it. Remove it."
            : null;
    }

    /// <summary>Text in NFC: accents folded into their letters where Unicode has the precomposed letter (checked first by <see cref="Problem"/>).</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Normalize(NormalizationForm.FormC);
    }
}
