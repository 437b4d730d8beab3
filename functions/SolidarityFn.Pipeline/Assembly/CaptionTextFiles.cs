using System.Globalization;
using System.Text;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// Prepares on-screen text: one line of whitespace-separated words, wrapped at word boundaries in logical (typed)
/// order; the text renderer (<see cref="Text.TextPainter"/>) shapes and reorders each line for display.
/// </summary>
public static class CaptionTextFiles
{
    public static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Whitespace collapsed, control characters dropped (they would be drawn as boxes or break lines).</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (char.IsControl(c))
            {
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Lines of at most <paramref name="maxChars"/> text elements (see the other overload).</summary>
    public static IReadOnlyList<string> Wrap(string? text, int maxChars, int maxLines)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 2);
        return Wrap(text, line => new StringInfo(line).LengthInTextElements <= maxChars, maxLines);
    }

    /// <summary>
    /// Greedy word wrap: each line is as many whole words as <paramref name="fits"/> accepts (a word that does not fit
    /// a line alone is split between text elements, never inside one; Chinese and Japanese, written without spaces, may
    /// break between any two characters but not before closing punctuation); beyond <paramref name="maxLines"/> the last
    /// line is shortened until it fits with "…" at its end. Lines are in logical (typed) order: the renderer reorders
    /// right-to-left text for display line by line.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string? text, Func<string, bool> fits, int maxLines)
    {
        ArgumentNullException.ThrowIfNull(fits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLines);
        var lines = new List<string>();
        var current = string.Empty;
        foreach (var word in Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = " ";
            foreach (var part in BreakableParts(word))
            {
                foreach (var piece in SplitLong(part, fits))
                {
                    var joined = current.Length == 0 ? piece : current + separator + piece;
                    if (current.Length > 0 && !fits(joined))
                    {
                        lines.Add(current);
                        joined = piece;
                    }

                    current = joined;
                    separator = string.Empty;
                }
            }
        }

        if (current.Length > 0)
        {
            lines.Add(current);
        }

        if (lines.Count > maxLines)
        {
            var last = new StringInfo(lines[maxLines - 1].TrimEnd());
            var keep = last.LengthInTextElements;
            while (keep > 1 && !fits(last.SubstringByTextElements(0, keep) + "…"))
            {
                keep--;
            }

            lines = [.. lines.Take(maxLines - 1), last.SubstringByTextElements(0, keep).TrimEnd() + "…"];
        }

        return lines;
    }

    /// <summary>A word cut where a line may break inside it: beside a Han, kana or CJK punctuation character (UAX #14, simplified).</summary>
    internal static IEnumerable<string> BreakableParts(string word)
    {
        var info = new StringInfo(word);
        var start = 0;
        for (var i = 1; i < info.LengthInTextElements; i++)
        {
            var before = info.SubstringByTextElements(i - 1, 1);
            var after = info.SubstringByTextElements(i, 1);
            if ((IsIdeographic(before) || IsIdeographic(after)) && !NoBreakBefore.Contains(after[0]) && !NoBreakAfter.Contains(before[0]))
            {
                yield return info.SubstringByTextElements(start, i - start);
                start = i;
            }
        }

        yield return info.SubstringByTextElements(start);
    }

    private const string NoBreakBefore = "、。，．！？：；）」』】〕〉》〗〙〛ー々…!?),.:;%";
    private const string NoBreakAfter = "（「『【〔〈《〖〘〚(";

    private static bool IsIdeographic(string element)
    {
        var c = char.ConvertToUtf32(element, 0);
        return c is (>= 0x2E80 and <= 0x2FDF) or (>= 0x3000 and <= 0x30FF) or (>= 0x31C0 and <= 0x31FF) or (>= 0x3400 and <= 0x4DBF)
            or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF) or (>= 0xFF00 and <= 0xFF60) or (>= 0x20000 and <= 0x3FFFF);
    }

    /// <summary>The word whole when it fits; else the longest leading runs of text elements that fit, one by one.</summary>
    private static IEnumerable<string> SplitLong(string word, Func<string, bool> fits)
    {
        if (fits(word))
        {
            yield return word;
            yield break;
        }

        var info = new StringInfo(word);
        var start = 0;
        while (start < info.LengthInTextElements)
        {
            var length = 1;
            while (start + length < info.LengthInTextElements && fits(info.SubstringByTextElements(start, length + 1)))
            {
                length++;
            }

            yield return info.SubstringByTextElements(start, length);
            start += length;
        }
    }
}
