using System.Globalization;
using SolidarityFn.Pipeline.Validation;

namespace SolidarityFn.Pipeline.Review;

/// <summary>The validator organizers see: the submission's <c>Version</c>, as an HTTP entity tag.</summary>
public static class ReviewEtags
{
    public static string For(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>True when an If-Match value names this version (see <see cref="IfMatchHeader"/>).</summary>
    public static bool Matches(string? ifMatch, int version) => IfMatchHeader.Matches(ifMatch, For(version));
}
