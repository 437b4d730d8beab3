using System.Globalization;

namespace SolidarityFn.Pipeline.Review;

/// <summary>The validator organizers see: the submission's <c>Version</c>, as an HTTP entity tag.</summary>
public static class ReviewEtags
{
    public static string For(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// True when an If-Match value names this version: "*" and a missing header match anything; a weak W/ prefix and
    /// a list of tags are accepted as HTTP allows.
    /// </summary>
    public static bool Matches(string? ifMatch, int version)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return true;
        }

        var expected = For(version);
        foreach (var part in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tag = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
            if (tag == "*" || tag == expected)
            {
                return true;
            }
        }

        return false;
    }
}
