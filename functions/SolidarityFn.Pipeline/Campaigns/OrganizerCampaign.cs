using System.Text.Json.Serialization;

namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>A campaign as organizers see it: every setting, and the ETag to send back in If-Match.</summary>
public sealed record OrganizerCampaign(
    string CampaignId,
    string Title,
    string? Subtitle,
    string Prompt,
    IReadOnlyList<string> Slogans,
    IReadOnlyList<string> Hashtags,
    string ConsentText,
    int ConsentVersion,
    bool IsOpen,
    DateTimeOffset? Deadline,
    DateTimeOffset? ClosedAt,
    int RetentionDays,
    CampaignLimits Limits,
    [property: JsonPropertyName("etag")] string ETag,
    string DefaultLanguage,
    string? EndCardText,
    IReadOnlyDictionary<string, CampaignTextSet> Translations)
{
    /// <summary>Whether the campaign has a music bed (issue 16); set by the settings read, left out of other answers.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? HasMusic { get; init; }

    /// <summary>Whether the campaign has a logo (issue 16; GET .../logo returns it); set by the settings read only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? HasLogo { get; init; }

    /// <summary>Transitions, colours and text weight of the campaign's videos.</summary>
    public CampaignLook Look { get; init; } = new();

    public static OrganizerCampaign From(Campaign c, string etag) => new(
        c.Id, c.Title, c.Subtitle, c.Prompt, c.Slogans, c.Hashtags, c.ConsentText, c.ConsentVersion, c.IsOpen, c.Deadline, c.ClosedAt, c.RetentionDays, c.Limits, etag,
        c.DefaultLanguage, c.EndCardText, c.Translations)
    {
        Look = c.Look,
    };
}
