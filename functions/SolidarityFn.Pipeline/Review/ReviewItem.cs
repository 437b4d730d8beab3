namespace SolidarityFn.Pipeline.Review;

public sealed record ReviewSource(string Kind, int Width, int Height, double DurationSeconds, bool HadAudio);

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
    Uri? ClipUrl);

public sealed record ReviewPage(IReadOnlyList<ReviewItem> Items, string? ContinuationToken);
