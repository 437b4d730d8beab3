namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>A campaign text and the language it is written in (the asked one, or the default it fell back to).</summary>
public sealed record LocalizedText<T>(T Value, string Language);

/// <summary>
/// A campaign's texts for one language, each falling back on its own to the campaign's default language: a French
/// page with a French title but no French prompt shows the French title and the default prompt, and says so
/// (<see cref="LocalizedText{T}.Language"/>) so pages can mark the fallback with <c>lang</c>. The upload, receipt and
/// signs pages all read campaign texts through <see cref="For"/>.
/// </summary>
public sealed record CampaignTexts(
    string Language,
    LocalizedText<string> Title,
    LocalizedText<string?> Subtitle,
    LocalizedText<string> Prompt,
    LocalizedText<IReadOnlyList<string>> Slogans,
    LocalizedText<string> ConsentText,
    LocalizedText<string> EndCardText)
{
    /// <summary>The end card when the campaign gives none in its default language.</summary>
    public static string BuiltInEndCard(string language) => language switch
    {
        CampaignLanguages.French => "Merci. En solidarité.",
        CampaignLanguages.Spanish => "Gracias. En solidaridad.",
        _ => Assembly.ApprovedClips.DefaultEndCard,
    };

    /// <param name="language">A language tag ("fr", "fr-CA"); unknown or null means the default language.</param>
    public static CampaignTexts For(Campaign campaign, string? language)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var fallback = campaign.DefaultLanguage;
        var asked = CampaignLanguages.Normalise(language) ?? fallback;
        var own = asked != fallback && campaign.Translations.TryGetValue(asked, out var set) ? set : null;

        LocalizedText<TValue> Pick<TValue>(TValue? translated, TValue defaultValue, bool has) =>
            has ? new LocalizedText<TValue>(translated!, asked) : new LocalizedText<TValue>(defaultValue, fallback);

        return new CampaignTexts(
            asked,
            Pick(own?.Title, campaign.Title, own?.Title is not null),
            Pick(own?.Subtitle, campaign.Subtitle, own?.Subtitle is not null),
            Pick(own?.Prompt, campaign.Prompt, own?.Prompt is not null),
            Pick(own?.Slogans, campaign.Slogans, own is { Slogans.Count: > 0 }),
            Pick(own?.ConsentText, campaign.ConsentText, own?.ConsentText is not null),
            Pick(own?.EndCardText, campaign.EndCardText ?? BuiltInEndCard(fallback), own?.EndCardText is not null));
    }

    /// <summary>
    /// The languages a campaign's consent can be shown in: the default and every translation with its own consent
    /// text. A submission's consent language is one of these.
    /// </summary>
    public static IReadOnlyList<string> ConsentLanguages(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return [campaign.DefaultLanguage, .. CampaignLanguages.All.Where(l => l != campaign.DefaultLanguage && campaign.Translations.TryGetValue(l, out var t) && t.ConsentText is not null)];
    }

    /// <summary>Every consent text by language (the default's included): the consent version names this whole set.</summary>
    public static IReadOnlyDictionary<string, string> ConsentTexts(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var texts = new SortedDictionary<string, string>(StringComparer.Ordinal) { [campaign.DefaultLanguage] = campaign.ConsentText };
        foreach (var (language, set) in campaign.Translations)
        {
            if (language != campaign.DefaultLanguage && set.ConsentText is { } text)
            {
                texts[language] = text;
            }
        }

        return texts;
    }
}
