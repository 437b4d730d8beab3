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

    /// <summary>
    /// Lines of at most <paramref name="maxChars"/> text elements (a word longer than that is split between text
    /// elements, never inside one); beyond <paramref name="maxLines"/> the last line ends with "…".
    /// </summary>
    public static IReadOnlyList<string> Wrap(string? text, int maxChars, int maxLines)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLines);
        var lines = new List<string>();
        var current = new StringBuilder();
        var currentLength = 0;
        foreach (var word in Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var piece in SplitLong(word, maxChars))
            {
                var length = new StringInfo(piece).LengthInTextElements;
                if (currentLength > 0 && currentLength + 1 + length > maxChars)
                {
                    lines.Add(current.ToString());
                    current.Clear();
                    currentLength = 0;
                }

                if (currentLength > 0)
                {
                    current.Append(' ');
                    currentLength++;
                }

                current.Append(piece);
                currentLength += length;
            }
        }

        if (currentLength > 0)
        {
            lines.Add(current.ToString());
        }

        if (lines.Count > maxLines)
        {
            var last = new StringInfo(lines[maxLines - 1]);
            var kept = last.LengthInTextElements >= maxChars ? last.SubstringByTextElements(0, maxChars - 1) : last.String;
            lines = [.. lines.Take(maxLines - 1), kept + "…"];
        }

        return lines;
    }

    /// <summary>Writes the wrapped lines (joined by \n, no trailing newline) and returns the path; null when there is no text.</summary>
    public static async Task<string?> WriteAsync(string path, string? text, int maxChars, int maxLines, CancellationToken cancellationToken)
    {
        var lines = Wrap(text, maxChars, maxLines);
        if (lines.Count == 0)
        {
            // drawtext refuses an empty text file: the caller draws nothing instead.
            return null;
        }

        await File.WriteAllTextAsync(path, string.Join('\n', lines), Utf8NoBom, cancellationToken);
        return path;
    }

    private static IEnumerable<string> SplitLong(string word, int maxChars)
    {
        var info = new StringInfo(word);
        if (info.LengthInTextElements <= maxChars)
        {
            yield return word;
            yield break;
        }

        for (var start = 0; start < info.LengthInTextElements; start += maxChars)
        {
            yield return info.SubstringByTextElements(start, Math.Min(maxChars, info.LengthInTextElements - start));
        }
    }
}
