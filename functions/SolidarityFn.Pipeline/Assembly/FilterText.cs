using System.Text;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// Escaping of a value (a file path) placed inside a filtergraph option. Two parsers read it: the filter's option
/// parser (special: \ ' :) and then, outside it, the filtergraph parser (special: \ ' [ ] , ;). Each level escapes
/// its specials with a backslash, inner level first. Only paths go through here: text never does (see <see cref="DrawText"/>).
/// </summary>
public static class FilterText
{
    public static string EscapeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Any(char.IsControl))
        {
            throw new ArgumentException("Filter values may not contain control characters.", nameof(value));
        }

        return Escape(Escape(value, "\\':"), "\\'[],;");
    }

    private static string Escape(string value, string specials)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (specials.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}

/// <summary>drawtext filters that read their text from a file, literally (expansion=none: no %{...}, no escapes).</summary>
public static class DrawText
{
    /// <summary>One drawtext filter; <paramref name="x"/> and <paramref name="y"/> are drawtext expressions without ':' or ','.</summary>
    public static string Filter(string fontPath, string textFile, int fontSize, string x, string y, bool box)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fontPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(textFile);
        if (!Path.IsPathFullyQualified(textFile) || !Path.IsPathFullyQualified(fontPath))
        {
            throw new ArgumentException("drawtext files must be absolute paths.");
        }

        var size = Media.Invariant.Int(fontSize);
        var look = box
            ? $":box=1:boxcolor=black@0.55:boxborderw={Media.Invariant.Int(Math.Max(8, fontSize / 3))}"
            : ":shadowcolor=black@0.7:shadowx=2:shadowy=2";
        return $"drawtext=fontfile={FilterText.EscapeValue(fontPath)}:textfile={FilterText.EscapeValue(textFile)}" +
            $":expansion=none:fontsize={size}:fontcolor=white:line_spacing={Media.Invariant.Int(fontSize / 4)}{look}:x={x}:y={y}";
    }
}
