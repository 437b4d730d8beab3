using System.Text.RegularExpressions;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Text;
using SolidarityFn.Pipeline.Validation;

namespace SolidarityFn.Pipeline.Intake;

/// <summary>
/// The rules of DESIGN.md §5 for a new upload. Field errors come first (400, all of them at once),
/// then the declared type (415), then the declared size (413). A text that goes on the video with a character no
/// shipped font can draw is a field error naming the character (<paramref name="coverage"/>).
/// </summary>
public static partial class UploadRequestValidator
{
    public static Outcome<ValidatedUpload> Validate(UploadRequest request, Campaign campaign, ITextCoverage coverage)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);

        var displayName = TextFields.SingleLine(request.DisplayName, "displayName", FieldLimits.DisplayName, required: false, errors);
        var union = TextFields.SingleLine(request.Union, "union", FieldLimits.Union, required: true, errors);
        var sector = TextFields.SingleLine(request.Sector, "sector", FieldLimits.Sector, required: true, errors);
        var city = TextFields.SingleLine(request.City, "city", FieldLimits.City, required: true, errors);
        var caption = TextFields.SingleLine(request.Caption, "caption", FieldLimits.Caption, required: false, errors);
        TextFields.SingleLine(request.FileName, "fileName", FieldLimits.FileName, required: false, errors);
        DrawableFields.Check(coverage, displayName, "displayName", errors);
        DrawableFields.Check(coverage, union, "union", errors);
        DrawableFields.Check(coverage, sector, "sector", errors);
        DrawableFields.Check(coverage, city, "city", errors);
        DrawableFields.Check(coverage, caption, "caption", errors);

        var language = (request.Language ?? "en").Trim();
        if (!LanguageTag().IsMatch(language))
        {
            errors["language"] = ["Use a language tag such as en, fr or es."];
        }

        if (request.Consent != true)
        {
            errors["consent"] = ["Consent is required: tick the box to agree to the text shown."];
        }
        else if (request.ConsentVersion != campaign.ConsentVersion)
        {
            errors["consentVersion"] = ["The consent text has changed since the page was opened. Reload the page, read it again and agree."];
        }

        // The consent version covers every language's consent text; the language names which of them was shown.
        var consentLanguages = CampaignTexts.ConsentLanguages(campaign);
        var consentLanguage = request.ConsentLanguage?.Trim().ToLowerInvariant() ?? campaign.DefaultLanguage;
        if (!consentLanguages.Contains(consentLanguage, StringComparer.Ordinal))
        {
            errors["consentLanguage"] = [$"Send the language of the consent text shown: {string.Join(" or ", consentLanguages)}."];
        }

        if (string.IsNullOrWhiteSpace(request.ContentType))
        {
            errors["contentType"] = ["The file's type is required."];
        }

        if (request.SizeBytes is not { } size || size <= 0)
        {
            errors["sizeBytes"] = ["The file's size in bytes is required and must be positive."];
        }

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (MediaContentTypes.Bare(request.ContentType) is not { } contentType)
        {
            return Problem.UnsupportedType(request.ContentType!);
        }

        if (request.SizeBytes > campaign.Limits.MaxUploadBytes)
        {
            return Problem.TooLarge(request.SizeBytes!.Value, campaign.Limits.MaxUploadBytes);
        }

        return Outcome<ValidatedUpload>.Ok(new ValidatedUpload(
            contentType,
            request.SizeBytes!.Value,
            string.IsNullOrEmpty(displayName) ? null : displayName,
            union!,
            sector!,
            city!,
            caption ?? "",
            language.ToLowerInvariant(),
            campaign.ConsentVersion,
            consentLanguage,
            request.Protect?.Faces == true,
            request.Protect?.Voice == true));
    }

    [GeneratedRegex("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();
}
