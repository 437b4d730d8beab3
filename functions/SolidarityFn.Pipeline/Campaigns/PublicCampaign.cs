using SolidarityFn.Pipeline.Intake;

namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>What anyone with the link may read about a campaign (GET /api/campaigns/{id}).</summary>
public sealed record PublicCampaign(
    string CampaignId,
    string Title,
    string? Subtitle,
    string Prompt,
    IReadOnlyList<string> Slogans,
    IReadOnlyList<string> Hashtags,
    string ConsentText,
    int ConsentVersion,
    bool Open,
    DateTimeOffset? Deadline,
    int RetentionDays,
    PublicLimits Limits)
{
    public static PublicCampaign From(Campaign c, DateTimeOffset now) => new(
        c.Id,
        c.Title,
        c.Subtitle,
        c.Prompt,
        c.Slogans,
        c.Hashtags,
        c.ConsentText,
        c.ConsentVersion,
        c.AcceptsUploads(now),
        c.Deadline,
        c.RetentionDays,
        new PublicLimits(
            c.Limits.MaxUploadBytes,
            c.Limits.MinClipSeconds,
            c.Limits.MaxClipSeconds,
            FieldLimits.Caption,
            [.. MediaContentTypes.All.Order(StringComparer.Ordinal)]));
}

public sealed record PublicLimits(
    long MaxUploadBytes,
    double MinClipSeconds,
    double MaxClipSeconds,
    int MaxCaptionLength,
    IReadOnlyList<string> AcceptedContentTypes);
