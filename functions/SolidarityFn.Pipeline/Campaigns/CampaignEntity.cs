using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>Table row of a campaign: PartitionKey = campaign id, RowKey = "campaign". Lists are stored as JSON.</summary>
internal sealed class CampaignEntity : ITableEntity
{
    public const string Row = "campaign";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Title { get; set; } = "";
    public string? Subtitle { get; set; }
    public string Prompt { get; set; } = "";
    public string SlogansJson { get; set; } = "[]";
    public string HashtagsJson { get; set; } = "[]";
    public string ConsentText { get; set; } = "";
    public int ConsentVersion { get; set; } = 1;
    public bool IsOpen { get; set; } = true;
    public DateTimeOffset? Deadline { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>0 on rows written before the setting existed: read as the default.</summary>
    public int RetentionDays { get; set; }
    public long MaxUploadBytes { get; set; }
    public double MaxClipSeconds { get; set; }
    public double MinClipSeconds { get; set; }
    public double PhotoSeconds { get; set; }
    public int KeepOriginalsDays { get; set; }

    /// <summary>The campaign's look as JSON; null on rows written before it existed (the defaults).</summary>
    public string? LookJson { get; set; }


    // Texts per language (issue 13): null on rows written before, read as English with no translations.
    public string? DefaultLanguage { get; set; }
    public string? EndCardText { get; set; }

    /// <summary>One JSON column per language (<see cref="CampaignTextSet"/>), null when it has no texts of its own.</summary>
    public string? TextsEn { get; set; }
    public string? TextsFr { get; set; }
    public string? TextsEs { get; set; }

    public static CampaignEntity From(Campaign c) => new CampaignEntity
    {
        PartitionKey = c.Id,
        Title = c.Title,
        Subtitle = c.Subtitle,
        Prompt = c.Prompt,
        SlogansJson = JsonSerializer.Serialize(c.Slogans),
        HashtagsJson = JsonSerializer.Serialize(c.Hashtags),
        ConsentText = c.ConsentText,
        ConsentVersion = c.ConsentVersion,
        IsOpen = c.IsOpen,
        Deadline = c.Deadline,
        ClosedAt = c.IsOpen ? null : c.ClosedAt,
        RetentionDays = c.RetentionDays,
        MaxUploadBytes = c.Limits.MaxUploadBytes,
        MaxClipSeconds = c.Limits.MaxClipSeconds,
        MinClipSeconds = c.Limits.MinClipSeconds,
        PhotoSeconds = c.Limits.PhotoSeconds,
        KeepOriginalsDays = c.Limits.KeepOriginalsDays,
        LookJson = JsonSerializer.Serialize(c.Look),
    }.WithTexts(c);

    public Campaign ToCampaign() => new()
    {
        Id = PartitionKey,
        Title = Title,
        Subtitle = Subtitle,
        Prompt = Prompt,
        Slogans = JsonSerializer.Deserialize<string[]>(SlogansJson) ?? [],
        Hashtags = JsonSerializer.Deserialize<string[]>(HashtagsJson) ?? [],
        ConsentText = ConsentText,
        ConsentVersion = ConsentVersion,
        IsOpen = IsOpen,
        Deadline = Deadline,

        // A campaign closed before closing times were recorded was closed at the latest when its row was last written.
        ClosedAt = IsOpen ? null : ClosedAt ?? Timestamp,
        RetentionDays = RetentionDays > 0 ? RetentionDays : Campaign.DefaultRetentionDays,
        Limits = new CampaignLimits
        {
            MaxUploadBytes = MaxUploadBytes > 0 ? MaxUploadBytes : CampaignLimits.DefaultMaxUploadBytes,
            MaxClipSeconds = MaxClipSeconds > 0 ? MaxClipSeconds : 10,
            MinClipSeconds = MinClipSeconds > 0 ? MinClipSeconds : 1,
            PhotoSeconds = PhotoSeconds > 0 ? PhotoSeconds : 4,
            KeepOriginalsDays = KeepOriginalsDays,
        },
        Look = string.IsNullOrEmpty(LookJson) ? new CampaignLook() : JsonSerializer.Deserialize<CampaignLook>(LookJson) ?? new CampaignLook(),
        DefaultLanguage = CampaignLanguages.IsSupported(DefaultLanguage) ? DefaultLanguage! : CampaignLanguages.English,
        EndCardText = EndCardText,
        Translations = ReadTranslations(),
    };

    /// <summary>
    /// The translations' JSON keeps non-ASCII as it is (not \uXXXX), so a language's texts at their limits stay well
    /// under Azure Tables' 64 KiB per string property (the validator also bounds each column, <see cref="MaxTextsColumnChars"/>).
    /// </summary>
    internal static readonly JsonSerializerOptions TextsJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>UTF-16 characters one language's JSON may take: 64 KiB is 32,768 of them, with room to spare.</summary>
    public const int MaxTextsColumnChars = 30_000;

    public static string SerializeTexts(CampaignTextSet texts) => JsonSerializer.Serialize(texts, TextsJson);

    private CampaignEntity WithTexts(Campaign c)
    {
        DefaultLanguage = c.DefaultLanguage;
        EndCardText = c.EndCardText;
        string? Column(string language) =>
            language != c.DefaultLanguage && c.Translations.TryGetValue(language, out var set) && !set.IsEmpty ? SerializeTexts(set) : null;
        TextsEn = Column(CampaignLanguages.English);
        TextsFr = Column(CampaignLanguages.French);
        TextsEs = Column(CampaignLanguages.Spanish);
        return this;
    }

    private Dictionary<string, CampaignTextSet> ReadTranslations()
    {
        var translations = new Dictionary<string, CampaignTextSet>(StringComparer.Ordinal);
        foreach (var (language, json) in new[] { (CampaignLanguages.English, TextsEn), (CampaignLanguages.French, TextsFr), (CampaignLanguages.Spanish, TextsEs) })
        {
            if (!string.IsNullOrEmpty(json) && JsonSerializer.Deserialize<CampaignTextSet>(json, TextsJson) is { IsEmpty: false } set)
            {
                translations[language] = set with { Slogans = set.Slogans ?? [] };
            }
        }

        return translations;
    }
}
