namespace SolidarityFn.Pipeline.Receipts;

/// <summary>What a contributor's receipt shows: their submission's progress, nothing about anyone else's.</summary>
public sealed record SubmissionView(
    string SubmissionId,
    string Status,
    string? Reason,
    string? Message,
    SourceView? Source,
    Uri? ThumbnailUrl,
    DateTimeOffset? UploadExpiresAt);

public sealed record SourceView(string Kind, int Width, int Height, double DurationSeconds, bool HadAudio);
