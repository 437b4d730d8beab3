using System.Globalization;
using System.Text;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// Prepares on-screen text for drawtext's textfile: one line of whitespace-separated words, wrapped at word boundaries
/// in logical (typed) order — drawtext shapes and reorders each line with FriBiDi, so right-to-left text reads
/// correctly line by line — and written as UTF-8 without a BOM.
/// </summary>
public static class CaptionTextFiles
{
    public static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Whitespace collapsed, control characters dropped (drawtext would draw them as boxes or break lines).</summary>
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
    /// a line alone is split between text elements, never inside one); beyond <paramref name="maxLines"/> the last line
    /// is shortened until it fits with "…" at its end.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string? text, Func<string, bool> fits, int maxLines)
    {
        ArgumentNullException.ThrowIfNull(fits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLines);
        var lines = new List<string>();
        var current = string.Empty;
        foreach (var word in Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var piece in SplitLong(word, fits))
            {
                var joined = current.Length == 0 ? piece : current + " " + piece;
                if (current.Length > 0 && !fits(joined))
                {
                    lines.Add(current);
                    joined = piece;
                }

                current = joined;
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

    /// <summary>Writes the lines wrapped by <paramref name="maxChars"/>; see <see cref="WriteLinesAsync"/>.</summary>
    public static Task<string?> WriteAsync(string path, string? text, int maxChars, int maxLines, CancellationToken cancellationToken) =>
        WriteLinesAsync(path, Wrap(text, maxChars, maxLines), cancellationToken);

    /// <summary>Writes the lines (joined by \n, no trailing newline) and returns the path; null when there is no text.</summary>
    public static async Task<string?> WriteLinesAsync(string path, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            // drawtext refuses an empty text file: the caller draws nothing instead.
            return null;
        }

        await File.WriteAllTextAsync(path, string.Join('\n', lines), Utf8NoBom, cancellationToken);
        return path;
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
