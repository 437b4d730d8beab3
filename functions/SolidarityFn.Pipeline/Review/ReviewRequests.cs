using SolidarityFn.Pipeline.Intake;

namespace SolidarityFn.Pipeline.Review;

/// <summary>Approve body: every field optional. A caption replaces the contributor's (kept as OriginalCaption).</summary>
public sealed record ApproveRequest(string? Caption, double? TrimStartSeconds, double? TrimEndSeconds);

/// <summary>Reject body: the reason is required and stays with organizers.</summary>
public sealed record RejectRequest(string? Reason);

/// <summary>Field checks that need no storage read.</summary>
public static class ReviewRequestValidator
{
    public const int MaxReasonLength = 300;

    /// <summary>Far above an honest approve or reject body.</summary>
    public const int MaxBodyBytes = 4 * 1024;

    /// <summary>An order of <see cref="ReviewDecisions.MaxOrderLength"/> ids of 22 bytes each, with room to spare.</summary>
    public const int MaxOrderBodyBytes = 64 * 1024;

    /// <summary>Shortest clip an organizer may trim to, in seconds.</summary>
    public const double MinTrimmedSeconds = 1;

    public static Dictionary<string, string[]> Check(ApproveRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (request.Caption is { } caption)
        {
            var trimmed = caption.Trim();
            if (trimmed.Length is 0 or > FieldLimits.Caption || trimmed.Any(char.IsControl))
            {
                errors["caption"] = [$"1 to {FieldLimits.Caption} characters, on one line."];
            }
        }

        if (request.TrimStartSeconds is { } start && (double.IsNaN(start) || start < 0))
        {
            errors["trimStartSeconds"] = ["Zero or more seconds."];
        }

        if (request.TrimEndSeconds is { } end && (double.IsNaN(end) || end <= 0))
        {
            errors["trimEndSeconds"] = ["More than zero seconds."];
        }

        if (request is { TrimStartSeconds: { } s, TrimEndSeconds: { } e } && e - s < MinTrimmedSeconds)
        {
            errors["trimEndSeconds"] = [$"At least {MinTrimmedSeconds:0} second after the start."];
        }

        return errors;
    }

    /// <summary>The trim against the clip's real length (known only once the submission is read).</summary>
    public static Dictionary<string, string[]> CheckAgainstClip(ApproveRequest request, double clipSeconds)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var start = request.TrimStartSeconds ?? 0;
        var end = request.TrimEndSeconds ?? clipSeconds;
        if (request.TrimEndSeconds is { } e && e > clipSeconds + 0.001)
        {
            errors["trimEndSeconds"] = [$"The clip is {clipSeconds:0.###} seconds long."];
        }
        else if (end - start < MinTrimmedSeconds)
        {
            errors["trimStartSeconds"] = [$"Leave at least {MinTrimmedSeconds:0} second of the {clipSeconds:0.###}-second clip."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> Check(RejectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reason = request.Reason?.Trim() ?? "";
        return reason.Length is 0 or > MaxReasonLength || reason.Any(char.IsControl)
            ? new Dictionary<string, string[]> { ["reason"] = [$"Say why, in 1 to {MaxReasonLength} characters."] }
            : [];
    }
}
