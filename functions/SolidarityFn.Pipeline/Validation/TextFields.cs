using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SolidarityFn.Pipeline.Validation;

/// <summary>
/// Normalising and checking typed text: NFC, trimmed, runs of spaces made one, length in characters as people
/// count them (text elements). Problems go into a field-error dictionary, so a request reports all of them at once.
/// </summary>
internal static partial class TextFields
{
    /// <summary>
    /// One line of text. Control characters are refused rather than stripped: captions end up burned into a video,
    /// and a silent change would surprise.
    /// </summary>
    public static string? SingleLine(string? value, string field, int maxLength, bool required, Dictionary<string, string[]> errors) =>
        Check(Normalise(value), field, maxLength, required, allowLineBreaks: false, errors);

    /// <summary>Paragraphs (a prompt, a consent text): line breaks kept as \n, other control characters refused.</summary>
    public static string? MultiLine(string? value, string field, int maxLength, bool required, Dictionary<string, string[]> errors) =>
        Check(Normalise(value?.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')), field, maxLength, required, allowLineBreaks: true, errors);

    public static string? Normalise(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var text = value.Normalize(NormalizationForm.FormC).Trim();
        return Spaces().Replace(text, " ");
    }

    private static string? Check(string? text, string field, int maxLength, bool required, bool allowLineBreaks, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                errors[field] = ["This field is required."];
            }

            return null;
        }

        if (text.Any(c => char.IsControl(c) && !(allowLineBreaks && c == '\n')))
        {
            errors[field] = [allowLineBreaks ? "Remove control characters other than line breaks." : "Remove line breaks and other control characters."];
        }
        else if (FirstDeceptive(text) is { } hidden)
        {
            errors[field] = [string.Create(
                CultureInfo.InvariantCulture,
                $"Remove the invisible character U+{(int)hidden:X4}: it changes how the text looks without being seen.")];
        }
        else if (new StringInfo(text).LengthInTextElements > maxLength)
        {
            errors[field] = [$"At most {maxLength} characters."];
        }

        return text;
    }

    /// <summary>
    /// The first character that makes text look other than it reads, or null: bidirectional embeddings, overrides and
    /// isolates (U+202A–U+202E, U+2066–U+2069), which can draw "CUPE 1234 local" from other letters than an organizer
    /// reviewed, and invisible fillers and spaces (zero width space, word joiner and invisible operators, BOM, Hangul
    /// fillers, Mongolian vowel separator, combining grapheme joiner). Joiners that scripts and emoji need (U+200C,
    /// U+200D) and the directional marks (U+200E, U+200F, U+061C), which right-to-left writers use, stay allowed.
    /// </summary>
    internal static char? FirstDeceptive(string text)
    {
        foreach (var c in text)
        {
            if (c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200B' or (>= '\u2060' and <= '\u2064')
                or '\uFEFF' or '\u3164' or '\u115F' or '\u1160' or '\uFFA0' or '\u180E' or '\u034F')
            {
                return c;
            }
        }

        return null;
    }

    // Runs of spaces and tabs become one space; newlines are left for the control-character check.
    [GeneratedRegex("[ \\t\\u00A0]+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
