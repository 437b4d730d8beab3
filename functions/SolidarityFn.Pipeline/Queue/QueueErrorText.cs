using System.Text;
using System.Text.RegularExpressions;

namespace SolidarityFn.Pipeline.Queue;

/// <summary>
/// The LastError column: bounded, single-line, and with anything that looks like a credential removed (URL query
/// strings, which is where SAS tokens live; key=value secrets; bearer tokens). Stack traces are never stored.
/// </summary>
public static partial class QueueErrorText
{
    public const int MaxLength = 1024;

    public static string Describe(Exception exception) => Sanitize($"{exception.GetType().Name}: {exception.Message}");

    public static string Sanitize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "(no detail)";
        }

        // Bound the work before the regexes run, then bound the result.
        var clean = text.Length > MaxLength * 4 ? text[..(MaxLength * 4)] : text;
        clean = UrlQuery().Replace(clean, "$1?[redacted]");
        clean = SecretPair().Replace(clean, "$1=[redacted]");
        clean = Bearer().Replace(clean, "$1 [redacted]");

        var line = new StringBuilder(Math.Min(clean.Length, MaxLength + 1));
        var lastWasSpace = false;
        foreach (var c in clean)
        {
            var space = char.IsControl(c) || char.IsWhiteSpace(c);
            if (space && (lastWasSpace || line.Length == 0))
            {
                continue;
            }

            line.Append(space ? ' ' : c);
            lastWasSpace = space;
        }

        var result = line.ToString().TrimEnd();
        if (result.Length <= MaxLength)
        {
            return result;
        }

        var cut = MaxLength - 1;
        if (char.IsHighSurrogate(result[cut - 1]))
        {
            cut--;
        }

        return string.Concat(result.AsSpan(0, cut), "…");
    }

    [GeneratedRegex(@"\b([a-z][a-z0-9+.-]*://[^\s?#""'<>]+)\?[^\s""'<>]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlQuery();

    [GeneratedRegex(@"\b(sig|signature|accountkey|sharedaccesssignature|sharedaccesskey|password|pwd|secret|client_secret|token|access_token|code|key)\s*[=:]\s*[^\s;&,""'<>]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretPair();

    [GeneratedRegex(@"\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Bearer();
}
