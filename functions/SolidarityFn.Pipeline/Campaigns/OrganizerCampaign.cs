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
    [property: JsonPropertyName("etag")] string ETag)
{
    public static OrganizerCampaign From(Campaign c, string etag) => new(
        c.Id, c.Title, c.Subtitle, c.Prompt, c.Slogans, c.Hashtags, c.ConsentText, c.ConsentVersion, c.IsOpen, c.Deadline, c.ClosedAt, c.RetentionDays, c.Limits, etag);
}
