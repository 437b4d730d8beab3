namespace SolidarityFn.Pipeline.Receipts;

/// <summary>What a contributor's receipt shows: their submission's progress, nothing about anyone else's.</summary>
public sealed record SubmissionView(
    string SubmissionId,
    string Status,
    string? Reason,
    string? Message,
    SourceView? Source,
    Uri? ThumbnailUrl,
    DateTimeOffset? UploadExpiresAt,
    string CampaignId,
    ConsentView Consent,
    SolidarityFn.Pipeline.Protection.ProtectView? Protect = null);

/// <summary>What the contributor agreed to: the consent version, the language of the text shown (null on older rows) and when.</summary>
public sealed record ConsentView(int Version, string? Language, DateTimeOffset At);

public sealed record SourceView(string Kind, int Width, int Height, double DurationSeconds, bool HadAudio);
