using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Text;
using SolidarityFn.Pipeline.Validation;

namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>
/// Turns a PUT body into the campaign to store, given the one stored now (null on create): every field error at
/// once (400), limits merged over the current ones, and the consent version bumped when the consent text changes.
/// </summary>
public static partial class CampaignRequestValidator
{
    public const int MaxTitle = 120;
    public const int MaxSubtitle = 160;
    public const int MaxPrompt = 1000;
    public const int MaxSlogans = 20;
    public const int MaxSlogan = 120;
    public const int MaxHashtags = 20;
    public const int MaxConsentText = 4000;
    public const long MaxUploadBytesLimit = 2L * 1024 * 1024 * 1024;

    /// <param name="coverage">The title, subtitle, slogans (they become captions) and hashtags are drawn on the video.</param>
    public static Outcome<Campaign> Validate(string campaignId, CampaignRequest request, Campaign? current, ITextCoverage coverage)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!CampaignIds.IsValid(campaignId))
        {
            errors["campaignId"] = [CampaignIds.Rule];
        }

        var title = TextFields.SingleLine(request.Title, "title", MaxTitle, required: true, errors);
        var subtitle = TextFields.SingleLine(request.Subtitle, "subtitle", MaxSubtitle, required: false, errors);
        var prompt = TextFields.MultiLine(request.Prompt, "prompt", MaxPrompt, required: true, errors);
        var consentText = TextFields.MultiLine(request.ConsentText, "consentText", MaxConsentText, required: true, errors);
        var slogans = List(request.Slogans, "slogans", MaxSlogans, errors, (text, field) => TextFields.SingleLine(text, field, MaxSlogan, required: true, errors));
        var hashtags = List(request.Hashtags, "hashtags", MaxHashtags, errors, (text, field) => Hashtag(text, field, errors));
        DrawableFields.Check(coverage, title, "title", errors);
        DrawableFields.Check(coverage, subtitle, "subtitle", errors);
        for (var i = 0; i < slogans.Length; i++)
        {
            DrawableFields.Check(coverage, slogans[i], $"slogans[{i}]", errors);
        }

        for (var i = 0; i < hashtags.Length; i++)
        {
            DrawableFields.Check(coverage, hashtags[i], $"hashtags[{i}]", errors);
        }

        if (request.IsOpen is null)
        {
            errors["isOpen"] = ["Say whether the campaign accepts uploads: true or false."];
        }

        var retentionDays = request.RetentionDays ?? current?.RetentionDays ?? Campaign.DefaultRetentionDays;
        if (retentionDays is < Campaign.MinRetentionDays or > Campaign.MaxRetentionDays)
        {
            errors["retentionDays"] = [$"From {Campaign.MinRetentionDays} to {Campaign.MaxRetentionDays} days."];
        }

        var limits = Limits(request.Limits, current?.Limits ?? new CampaignLimits(), errors);
        var look = CampaignLookValidator.Check(request.Look, current?.Look ?? new CampaignLook(), errors);
        var (defaultLanguage, endCardText, translations) = CampaignTextsValidator.Validate(request, current, coverage, errors);
        CampaignTextsValidator.CheckStorable(errors, ("title", title), ("subtitle", subtitle), ("prompt", prompt), ("consentText", consentText));
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var next = new Campaign
        {
            Id = campaignId,
            Title = title!,
            Subtitle = subtitle,
            Prompt = prompt!,
            Slogans = slogans,
            Hashtags = hashtags,
            ConsentText = consentText!,
            IsOpen = request.IsOpen!.Value,
            Deadline = request.Deadline,
            RetentionDays = retentionDays,
            Limits = limits,
            Look = look,
            DefaultLanguage = defaultLanguage,
            EndCardText = endCardText,
            Translations = translations,
        };
        return Outcome<Campaign>.Ok(next with { ConsentVersion = NextConsentVersion(current, next) });
    }

    /// <summary>
    /// 1 for a new campaign; one more exactly when a consent text changes in any language (added, edited or removed),
    /// so each submission's version and consent language name the text it agreed to. Choosing another default
    /// language with the same texts changes none of them.
    /// </summary>
    public static int NextConsentVersion(Campaign? current, Campaign next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (current is null)
        {
            return 1;
        }

        var before = CampaignTexts.ConsentTexts(current);
        var after = CampaignTexts.ConsentTexts(next);
        var same = before.Count == after.Count
            && before.All(b => after.TryGetValue(b.Key, out var text) && string.Equals(text, b.Value, StringComparison.Ordinal));
        return same ? current.ConsentVersion : current.ConsentVersion + 1;
    }

    private static string[] List(
        IReadOnlyList<string?>? values, string field, int maxCount, Dictionary<string, string[]> errors, Func<string?, string, string?> check)
    {
        if (values is null)
        {
            return [];
        }

        if (values.Count > maxCount)
        {
            errors[field] = [$"At most {maxCount}."];
            return [];
        }

        return [.. values.Select((value, i) => check(value, $"{field}[{i}]") ?? "")];
    }

    private static string? Hashtag(string? value, string field, Dictionary<string, string[]> errors)
    {
        var text = value?.Normalize(NormalizationForm.FormC).Trim();
        if (text is null || !HashtagShape().IsMatch(text))
        {
            errors[field] = ["A hashtag is # followed by 1 to 60 letters, digits or _."];
        }

        return text;
    }

    private static CampaignLimits Limits(CampaignLimitsRequest? request, CampaignLimits current, Dictionary<string, string[]> errors)
    {
        var limits = request is null ? current : new CampaignLimits
        {
            MaxUploadBytes = request.MaxUploadBytes ?? current.MaxUploadBytes,
            MaxClipSeconds = request.MaxClipSeconds ?? current.MaxClipSeconds,
            MinClipSeconds = request.MinClipSeconds ?? current.MinClipSeconds,
            PhotoSeconds = request.PhotoSeconds ?? current.PhotoSeconds,
            KeepOriginalsDays = request.KeepOriginalsDays ?? current.KeepOriginalsDays,
        };

        if (limits.MaxUploadBytes is < 1 or > MaxUploadBytesLimit)
        {
            errors["limits.maxUploadBytes"] = [$"From 1 to {MaxUploadBytesLimit.ToString(CultureInfo.InvariantCulture)} bytes (2 GiB)."];
        }

        if (!(limits.MinClipSeconds >= 0.5))
        {
            errors["limits.minClipSeconds"] = ["At least 0.5 seconds."];
        }
        else if (!(limits.MinClipSeconds < limits.MaxClipSeconds))
        {
            errors["limits.minClipSeconds"] = ["Less than maxClipSeconds."];
        }

        if (!(limits.MaxClipSeconds <= 60))
        {
            errors["limits.maxClipSeconds"] = ["At most 60 seconds."];
        }

        if (!(limits.PhotoSeconds is >= 2 and <= CampaignLimits.MaxPhotoSeconds))
        {
            errors["limits.photoSeconds"] = [$"From 2 to {CampaignLimits.MaxPhotoSeconds} seconds."];
        }

        if (limits.KeepOriginalsDays < 0 || limits.KeepOriginalsDays > CampaignLimits.MaxKeepOriginalsDays)
        {
            errors["limits.keepOriginalsDays"] = [$"From 0 to {CampaignLimits.MaxKeepOriginalsDays} days."];
        }

        return limits;
    }

    [GeneratedRegex(@"\A#[\p{L}\p{N}_]{1,60}\z", RegexOptions.CultureInvariant)]
    private static partial Regex HashtagShape();
}
