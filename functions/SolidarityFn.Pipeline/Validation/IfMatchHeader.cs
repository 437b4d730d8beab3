namespace SolidarityFn.Pipeline.Validation;

/// <summary>The If-Match precondition (RFC 9110 §13.1.1), one reading for every endpoint that takes it.</summary>
public static class IfMatchHeader
{
    /// <summary>
    /// True when the header names <paramref name="currentTag"/> or is "*"; a missing or blank header sets no
    /// precondition. A list of tags and a weak W/ prefix are accepted as HTTP allows.
    /// </summary>
    public static bool Matches(string? header, string currentTag)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return true;
        }

        // Table storage's own ETags are weak (W/"datetime'…'"): compare opaque tags without the prefix on either side.
        var current = Opaque(currentTag);
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "*" || string.Equals(Opaque(part), current, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Opaque(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
}
