using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Text;
using SolidarityFn.Pipeline.Validation;

namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>
/// The per-language part of a campaign PUT: the default language, the end card and the translations, each text with
/// the same limits and drawability checks as the default language's own (field errors such as
/// <c>translations.fr.slogans[2]</c>). Translations left out of the request are kept as stored.
/// </summary>
internal static class CampaignTextsValidator
{
    public static (string DefaultLanguage, string? EndCardText, IReadOnlyDictionary<string, CampaignTextSet> Translations) Validate(
        CampaignRequest request, Campaign? current, ITextCoverage coverage, Dictionary<string, string[]> errors)
    {
        var defaultLanguage = request.DefaultLanguage?.Trim().ToLowerInvariant() ?? current?.DefaultLanguage ?? CampaignLanguages.English;
        if (!CampaignLanguages.IsSupported(defaultLanguage))
        {
            errors["defaultLanguage"] = [$"One of {string.Join(", ", CampaignLanguages.All)}."];
            defaultLanguage = CampaignLanguages.English;
        }

        var endCardText = EndCard(request.EndCardText, "endCardText", coverage, errors);

        if (request.Translations is null)
        {
            var kept = current?.Translations ?? new Dictionary<string, CampaignTextSet>();
            if (kept.ContainsKey(defaultLanguage))
            {
                errors["translations"] = [$"The stored {defaultLanguage} texts would be hidden by the new default language: send the translations with it."];
            }

            return (defaultLanguage, endCardText, kept);
        }

        var translations = new Dictionary<string, CampaignTextSet>(StringComparer.Ordinal);
        foreach (var (key, texts) in request.Translations)
        {
            var field = $"translations.{key}";
            if (!CampaignLanguages.IsSupported(key))
            {
                errors[field] = [$"Translations are for {string.Join(", ", CampaignLanguages.All)}."];
                continue;
            }

            if (texts is null)
            {
                continue;
            }

            if (key == defaultLanguage)
            {
                errors[field] = ["These are the default language's texts: send them as the campaign's own title, prompt and so on."];
                continue;
            }

            var set = One(texts, field, coverage, errors);
            if (set.IsEmpty)
            {
                continue;
            }

            if (CampaignEntity.SerializeTexts(set).Length > CampaignEntity.MaxTextsColumnChars)
            {
                errors[field] = ["These texts are too long to store together: shorten them."];
            }

            translations[key] = set;
        }

        return (defaultLanguage, endCardText, translations);
    }

    /// <summary>A default-language text bigger than a table column can hold (only text made mostly of combining marks gets there within the character limits).</summary>
    public static void CheckStorable(Dictionary<string, string[]> errors, params (string Field, string? Value)[] fields)
    {
        foreach (var (field, value) in fields)
        {
            if (value is { Length: > CampaignEntity.MaxTextsColumnChars } && !errors.ContainsKey(field))
            {
                errors[field] = ["Too long to store: shorten it."];
            }
        }
    }

    private static CampaignTextSet One(CampaignTextsRequest texts, string prefix, ITextCoverage coverage, Dictionary<string, string[]> errors)
    {
        var title = TextFields.SingleLine(texts.Title, $"{prefix}.title", CampaignRequestValidator.MaxTitle, required: false, errors);
        var subtitle = TextFields.SingleLine(texts.Subtitle, $"{prefix}.subtitle", CampaignRequestValidator.MaxSubtitle, required: false, errors);
        var prompt = TextFields.MultiLine(texts.Prompt, $"{prefix}.prompt", CampaignRequestValidator.MaxPrompt, required: false, errors);
        var consentText = TextFields.MultiLine(texts.ConsentText, $"{prefix}.consentText", CampaignRequestValidator.MaxConsentText, required: false, errors);
        var endCardText = EndCard(texts.EndCardText, $"{prefix}.endCardText", coverage, errors);
        string[] slogans = [];
        if (texts.Slogans is { } list)
        {
            if (list.Count > CampaignRequestValidator.MaxSlogans)
            {
                errors[$"{prefix}.slogans"] = [$"At most {CampaignRequestValidator.MaxSlogans}."];
            }
            else
            {
                slogans = [.. list.Select((s, i) => TextFields.SingleLine(s, $"{prefix}.slogans[{i}]", CampaignRequestValidator.MaxSlogan, required: true, errors) ?? "")];
            }
        }

        DrawableFields.Check(coverage, title, $"{prefix}.title", errors);
        DrawableFields.Check(coverage, subtitle, $"{prefix}.subtitle", errors);
        for (var i = 0; i < slogans.Length; i++)
        {
            DrawableFields.Check(coverage, slogans[i], $"{prefix}.slogans[{i}]", errors);
        }

        return new CampaignTextSet
        {
            Title = title,
            Subtitle = subtitle,
            Prompt = prompt,
            Slogans = slogans,
            ConsentText = consentText,
            EndCardText = endCardText,
        };
    }

    private static string? EndCard(string? value, string field, ITextCoverage coverage, Dictionary<string, string[]> errors)
    {
        var text = TextFields.SingleLine(value, field, AssemblyRequestValidator.MaxEndCardLength, required: false, errors);
        DrawableFields.Check(coverage, text, field, errors);
        return text;
    }
}
