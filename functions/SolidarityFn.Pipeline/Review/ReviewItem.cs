namespace SolidarityFn.Pipeline.Review;

public sealed record ReviewSource(string Kind, int Width, int Height, double DurationSeconds, bool HadAudio)
{
    /// <summary>A source whose short edge is under this many pixels is flagged to organizers as low resolution.</summary>
    public const int LowResolutionShortEdge = 720;

    /// <summary>True when the upright source's short edge is under 720 px: it will look soft in a 1080p video.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsLowResolution => Width > 0 && Height > 0 && Math.Min(Width, Height) < LowResolutionShortEdge;
}

/// <summary>One submission as organizers see it (DESIGN.md §5); URLs are read-only SAS links of at most 15 minutes.</summary>
/// <param name="Etag">The submission's version as a quoted string: send it back as If-Match to refuse stale decisions.</param>
public sealed record ReviewItem(
    string SubmissionId,
    string Status,
    string? DisplayName,
    string Union,
    string Sector,
    string City,
    string Caption,
    string? OriginalCaption,
    string Language,
    ReviewSource? Source,
    double? ClipSeconds,
    int? Position,
    double? TrimStartSeconds,
    double? TrimEndSeconds,
    string? RejectionReason,
    string? Reason,
    string? Message,
    DateTimeOffset? ReadyAt,
    DateTimeOffset? DecidedAt,
    string Etag,
    Uri? ThumbnailUrl,
    Uri? PreviewUrl,
    Uri? ClipUrl,
    SolidarityFn.Pipeline.Protection.ProtectView? Protect = null,
    ReviewConsent? Consent = null)
{
    /// <summary>Shown as a badge on the review card so organizers can choose (false while the source is unknown).</summary>
    public bool LowResolution => Source?.IsLowResolution ?? false;
}

/// <summary>The consent the contributor agreed to: its version, the language its text was shown in (null before languages were recorded), and when.</summary>
public sealed record ReviewConsent(int Version, string? Language, DateTimeOffset At);

public sealed record ReviewPage(IReadOnlyList<ReviewItem> Items, string? ContinuationToken);
