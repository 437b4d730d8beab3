using System.Text;

namespace SolidarityFn.Pipeline.Text;

/// <summary>
/// Several typed fields drawn as one line (a clip's "union · sector · city", a card's hashtags): each field is wrapped
/// in FSI … PDI (U+2068 … U+2069), so the bidirectional algorithm (<see cref="Bidi"/>) sets it as a paragraph of its own
/// and the line sees it as one neutral character. Without that, an Arabic or Hebrew union pulls the separator and the
/// digits of the next field into its right-to-left run ("CUPE · בית חולים · 3 Rivers" drew the 3 left of the Hebrew),
/// so the video showed the fields in an order the organizer never reviewed.
/// The fields go left to right, in the order typed (the app's languages are written left to right), unless every field
/// with a strong direction is right to left: then a right-to-left mark starts the line and they go right to left.
/// </summary>
public static class IsolatedFields
{
    public const char FirstStrongIsolate = '\u2068';
    public const char PopDirectionalIsolate = '\u2069';
    public const char RightToLeftMark = '\u200F';

    /// <summary>The non-empty fields, each isolated, joined by <paramref name="separator"/> ("" when none is left).</summary>
    public static string Join(IEnumerable<string?> fields, string separator)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(separator);
        var parts = fields.Select(Clean).Where(p => p.Length > 0).ToList();
        if (parts.Count == 0)
        {
            return string.Empty;
        }

        var joined = string.Join(separator, parts.Select(p => FirstStrongIsolate + p + PopDirectionalIsolate));
        var directions = parts.Select(Bidi.FirstStrongLevel).Where(d => d is not null).ToList();
        return directions.Count > 0 && directions.All(d => d == 1) ? RightToLeftMark + joined : joined;
    }

    /// <summary>The text without any bidirectional control or mark (what a reader sees, as plain characters).</summary>
    public static string Strip(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsBidiControl(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Lines wrapped from one isolated text: a line that ends inside an isolate leaves it open, so the next line starts
    /// with the same initiators again (the field's tail stays isolated from what follows it).
    /// </summary>
    public static IReadOnlyList<string> ContinueAcrossLines(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var result = new List<string>(lines.Count);
        var open = new Stack<char>();
        foreach (var line in lines)
        {
            var prefix = string.Concat(open.Reverse());
            foreach (var c in line)
            {
                if (c is >= '\u2066' and <= '\u2068')
                {
                    open.Push(c);
                }
                else if (c == PopDirectionalIsolate && open.Count > 0)
                {
                    open.Pop();
                }
            }

            result.Add(prefix + line);
        }

        return result;
    }

    /// <summary>A field without bidi controls of its own (intake refuses them; text stored before is cleaned here) and trimmed.</summary>
    private static string Clean(string? field) => Strip(field).Trim();

    private static bool IsBidiControl(char c) =>
        c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';
}
