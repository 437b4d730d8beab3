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

    public static CampaignEntity From(Campaign c) => new()
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
    };

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
    };
}
