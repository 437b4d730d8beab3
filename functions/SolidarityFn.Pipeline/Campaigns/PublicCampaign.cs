using SolidarityFn.Pipeline.Intake;

namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>
/// What anyone with the link may read about a campaign (GET /api/campaigns/{id}?lang=): its texts in the asked
/// language, each falling back to the default language on its own; <see cref="TextLanguages"/> says which language
/// each text is in, so a page marks a fallback with <c>lang</c>.
/// </summary>
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
    PublicLimits Limits,
    string Language,
    string DefaultLanguage,
    IReadOnlyList<string> Languages,
    PublicTextLanguages TextLanguages)
{
    public static PublicCampaign From(Campaign c, DateTimeOffset now, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        var texts = CampaignTexts.For(c, language);
        return new(
            c.Id,
            texts.Title.Value,
            texts.Subtitle.Value,
            texts.Prompt.Value,
            texts.Slogans.Value,
            c.Hashtags,
            texts.ConsentText.Value,
            c.ConsentVersion,
            c.AcceptsUploads(now),
            c.Deadline,
            c.RetentionDays,
            new PublicLimits(
                c.Limits.MaxUploadBytes,
                c.Limits.MinClipSeconds,
                c.Limits.MaxClipSeconds,
                FieldLimits.Caption,
                [.. MediaContentTypes.All.Order(StringComparer.Ordinal)]),
            texts.Language,
            c.DefaultLanguage,
            [c.DefaultLanguage, .. CampaignLanguages.All.Where(l => l != c.DefaultLanguage && c.Translations.ContainsKey(l))],
            new PublicTextLanguages(texts.Title.Language, texts.Subtitle.Language, texts.Prompt.Language, texts.Slogans.Language, texts.ConsentText.Language));
    }
}

/// <summary>The language each public text is written in: the asked one, or the default when it fell back.</summary>
public sealed record PublicTextLanguages(string Title, string Subtitle, string Prompt, string Slogans, string ConsentText);

public sealed record PublicLimits(
    long MaxUploadBytes,
    double MinClipSeconds,
    double MaxClipSeconds,
    int MaxCaptionLength,
    IReadOnlyList<string> AcceptedContentTypes);
