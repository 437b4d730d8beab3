namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// Start (and plan) body, every field optional: formats (default landscape, vertical, square; portrait when named),
/// target length, the title card's title and subtitle (default the campaign's) and the end-card text;
/// <paramref name="Music"/> false leaves the campaign's music bed out of this one assembly, <paramref name="MusicLevel"/>
/// sets the bed's level in percent (<see cref="MusicBed"/>).
/// </summary>
public sealed record AssemblyRequest(
    IReadOnlyList<string>? Formats, double? TargetSeconds, string? Title, string? EndCard, string? Subtitle = null, bool? Music = null, int? MusicLevel = null);

/// <summary>Field checks of <see cref="AssemblyRequest"/>.</summary>
public static class AssemblyRequestValidator
{
    public const int MaxBodyBytes = 4 * 1024;
    public const double DefaultTargetSeconds = 120;
    public const double MinTargetSeconds = 20;
    public const double MaxTargetSeconds = 600;
    public const int MaxTitleLength = 120;
    public const int MaxSubtitleLength = 160;
    public const int MaxEndCardLength = 200;

    public static Dictionary<string, string[]> Check(AssemblyRequest request, out IReadOnlyList<AssemblyFormat> formats)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        formats = AssemblyFormats.Default;
        if (request.Formats is { } names)
        {
            // Each entry is one name: "landscape,vertical" inside one entry is not a list.
            var parsed = new List<AssemblyFormat>();
            foreach (var name in names)
            {
                if (!AssemblyFormats.TryParse(name, out var format))
                {
                    parsed.Clear();
                    break;
                }

                if (!parsed.Contains(format))
                {
                    parsed.Add(format);
                }
            }

            if (parsed.Count == 0)
            {
                errors["formats"] = [$"One or more of: {string.Join(", ", AssemblyFormats.All.Select(f => f.Name))}."];
            }
            else
            {
                formats = parsed;
            }
        }

        if (request.TargetSeconds is { } target && (double.IsNaN(target) || target < MinTargetSeconds || target > MaxTargetSeconds))
        {
            errors["targetSeconds"] = [$"Between {MinTargetSeconds} and {MaxTargetSeconds} seconds."];
        }

        if (request.MusicLevel is { } level && (level < MusicBed.MinLevel || level > MusicBed.MaxLevel))
        {
            errors["musicLevel"] = [$"A whole percentage from {MusicBed.MinLevel} to {MusicBed.MaxLevel}."];
        }

        CheckText(errors, "title", request.Title, MaxTitleLength);
        CheckText(errors, "subtitle", request.Subtitle, MaxSubtitleLength);
        CheckText(errors, "endCard", request.EndCard, MaxEndCardLength);
        return errors;
    }

    /// <summary>The field checks, then whether the card texts can be drawn (<see cref="DrawableFields"/>): start and plan answer alike.</summary>
    public static Dictionary<string, string[]> Check(AssemblyRequest request, Text.ITextCoverage coverage, out IReadOnlyList<AssemblyFormat> formats)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = Check(request, out formats);
        Text.DrawableFields.Check(coverage, request.Title?.Trim(), "title", errors);
        Text.DrawableFields.Check(coverage, request.Subtitle?.Trim(), "subtitle", errors);
        Text.DrawableFields.Check(coverage, request.EndCard?.Trim(), "endCard", errors);
        return errors;
    }

    private static void CheckText(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (value is null)
        {
            return;
        }

        var trimmed = value.Trim();
        if (trimmed.Length is 0 || trimmed.Length > max || trimmed.Any(char.IsControl))
        {
            errors[field] = [$"1 to {max} characters, on one line."];
        }
    }
}
