namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>Body of PUT /api/campaigns/{campaignId}: the whole campaign as organizers set it.</summary>
public sealed record CampaignRequest
{
    public string? Title { get; init; }
    public string? Subtitle { get; init; }
    public string? Prompt { get; init; }
    public IReadOnlyList<string?>? Slogans { get; init; }
    public IReadOnlyList<string?>? Hashtags { get; init; }
    public string? ConsentText { get; init; }
    public DateTimeOffset? Deadline { get; init; }
    public bool? IsOpen { get; init; }

    /// <summary>Days media and typed text are kept after the campaign ends (1–365); left out, it keeps its value (30 on create).</summary>
    public int? RetentionDays { get; init; }

    /// <summary>Left out: the campaign keeps its limits (defaults on create); a field left out keeps its value.</summary>
    public CampaignLimitsRequest? Limits { get; init; }
}

public sealed record CampaignLimitsRequest
{
    public long? MaxUploadBytes { get; init; }
    public double? MaxClipSeconds { get; init; }
    public double? MinClipSeconds { get; init; }
    public double? PhotoSeconds { get; init; }
    public int? KeepOriginalsDays { get; init; }
}
