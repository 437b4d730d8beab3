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

    /// <summary>Left out: the campaign keeps its look (defaults on create); a field left out keeps its value.</summary>
    public CampaignLookRequest? Look { get; init; }

    // Texts per language (issue 13).

    /// <summary>The language of the texts above (en, fr, es); left out, it keeps its value (en on create).</summary>
    public string? DefaultLanguage { get; init; }

    /// <summary>The video's end card in the default language; left out, the built-in one.</summary>
    public string? EndCardText { get; init; }

    /// <summary>
    /// The texts in other languages. Left out: kept as they are, so a client that does not know them behaves as before;
    /// {} removes them all; a language given replaces that language's texts whole; a language set to null is removed.
    /// </summary>
    public IReadOnlyDictionary<string, CampaignTextsRequest?>? Translations { get; init; }
}

/// <summary>One language's texts in a PUT: the same names and limits as the default's, every one optional.</summary>
public sealed record CampaignTextsRequest
{
    public string? Title { get; init; }
    public string? Subtitle { get; init; }
    public string? Prompt { get; init; }
    public IReadOnlyList<string?>? Slogans { get; init; }
    public string? ConsentText { get; init; }
    public string? EndCardText { get; init; }
}

public sealed record CampaignLimitsRequest
{
    public long? MaxUploadBytes { get; init; }
    public double? MaxClipSeconds { get; init; }
    public double? MinClipSeconds { get; init; }
    public double? PhotoSeconds { get; init; }
    public int? KeepOriginalsDays { get; init; }
}
