namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>A call for clips, as organizers define it.</summary>
public sealed record Campaign
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string? Subtitle { get; init; }
    public required string Prompt { get; init; }
    public IReadOnlyList<string> Slogans { get; init; } = [];
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public required string ConsentText { get; init; }

    /// <summary>Bumped whenever the consent text changes, so every submission records what it agreed to.</summary>
    public int ConsentVersion { get; init; } = 1;

    public bool IsOpen { get; init; } = true;
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>When organizers last closed it by hand (IsOpen false); null while open.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>
    /// Days contributors' media and typed text are kept after the campaign ends (its deadline or its closing,
    /// whichever comes first); then they are erased. Assembled videos stay until organizers delete them.
    /// </summary>
    public int RetentionDays { get; init; } = DefaultRetentionDays;

    public CampaignLimits Limits { get; init; } = new();

    /// <summary>Transitions, colours and text weight of its videos (issue 16).</summary>
    public CampaignLook Look { get; init; } = new();

    // Texts per language (issue 13). Title, Subtitle, Prompt, Slogans and ConsentText above are the default language's.

    /// <summary>The language of the texts above, one of <see cref="CampaignLanguages.All"/>; rows written before it existed are English.</summary>
    public string DefaultLanguage { get; init; } = CampaignLanguages.English;

    /// <summary>The end card's text in the default language; null: the built-in one (<see cref="CampaignTexts.BuiltInEndCard"/>).</summary>
    public string? EndCardText { get; init; }

    /// <summary>The texts in the other languages, by language; a field left out falls back to the default's (<see cref="CampaignTexts.For"/>).</summary>
    public IReadOnlyDictionary<string, CampaignTextSet> Translations { get; init; } = new Dictionary<string, CampaignTextSet>();

    public const int DefaultRetentionDays = 30;
    public const int MinRetentionDays = 1;
    public const int MaxRetentionDays = 365;

    /// <summary>Open for uploads now: not closed by hand and not past its deadline.</summary>
    public bool AcceptsUploads(DateTimeOffset now) => IsOpen && (Deadline is null || now < Deadline);
}

public sealed record CampaignLimits
{
    public const long DefaultMaxUploadBytes = 500L * 1024 * 1024;

    public long MaxUploadBytes { get; init; } = DefaultMaxUploadBytes;
    public double MaxClipSeconds { get; init; } = 10;
    public double MinClipSeconds { get; init; } = 1;
    public double PhotoSeconds { get; init; } = 4;

    /// <summary>
    /// Most days a campaign may keep raw uploads: originals carry the phone's location and device data, so they stay
    /// short-lived, and the storage lifecycle rule (infra, one day more) deletes whatever is older.
    /// </summary>
    public const int MaxKeepOriginalsDays = 3;

    /// <summary>The longest a photo is shown (its still clip), in seconds; the shortest is 2.</summary>
    public const int MaxPhotoSeconds = 10;

    /// <summary>Days a raw upload is kept, private, after processing; 0 deletes it at once.</summary>
    public int KeepOriginalsDays { get; init; }
}
