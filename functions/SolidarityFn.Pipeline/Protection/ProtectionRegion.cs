using System.Text.Json;
using System.Text.Json.Serialization;

namespace SolidarityFn.Pipeline.Protection;

/// <summary>
/// A part of the upright picture to hide over a time span of the clip: x, y, width and height are fractions of the
/// picture (0..1), times are seconds of the normalised clip.
/// </summary>
public sealed record ProtectionRegion(double X, double Y, double Width, double Height, double FromSeconds, double ToSeconds);

/// <summary>The regions as stored on the submission row (one JSON string column) and checked when an organizer sends them.</summary>
public static class ProtectionRegions
{
    /// <summary>Enough for a crowd held over a 60 s clip; a table column holds 64 KiB, this stays far below.</summary>
    public const int MaxCount = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static string? Serialize(IReadOnlyList<ProtectionRegion>? regions) =>
        regions is null ? null : JsonSerializer.Serialize(regions, Json);

    public static IReadOnlyList<ProtectionRegion> Parse(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<ProtectionRegion>>(json, Json) ?? [];

    /// <summary>Field errors for regions an organizer sent (empty when they are all inside the picture and the clip).</summary>
    public static Dictionary<string, string[]> Check(IReadOnlyList<ProtectionRegion>? regions, double clipSeconds)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (regions is null)
        {
            return errors;
        }

        if (regions.Count > MaxCount)
        {
            errors["regions"] = [$"At most {MaxCount} regions."];
            return errors;
        }

        for (var i = 0; i < regions.Count; i++)
        {
            var r = regions[i];
            if (r is null)
            {
                errors[$"regions[{i}]"] = ["A region is an object."];
                continue;
            }

            double[] all = [r.X, r.Y, r.Width, r.Height, r.FromSeconds, r.ToSeconds];
            if (all.Any(v => !double.IsFinite(v)))
            {
                errors[$"regions[{i}]"] = ["Every field is a finite number."];
            }
            else if (r.X < 0 || r.Y < 0 || r.Width <= 0 || r.Height <= 0 || r.X + r.Width > 1.0001 || r.Y + r.Height > 1.0001)
            {
                errors[$"regions[{i}]"] = ["x, y, width and height are fractions of the picture: the box must lie inside it and not be empty."];
            }
            else if (r.FromSeconds < 0 || r.ToSeconds <= r.FromSeconds || (clipSeconds > 0 && r.FromSeconds >= clipSeconds))
            {
                errors[$"regions[{i}]"] = ["fromSeconds must be before toSeconds and inside the clip."];
            }
        }

        return errors;
    }
}
