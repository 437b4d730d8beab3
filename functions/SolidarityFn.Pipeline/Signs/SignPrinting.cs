using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Intake;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Security;
using SolidarityFn.Pipeline.Text;
using SolidarityFn.Pipeline.Validation;

namespace SolidarityFn.Pipeline.Signs;

/// <summary>A PDF to send back, with the name it is saved under.</summary>
public sealed record PdfFile(byte[] Content, string FileName);

/// <summary>The organizers' ready-to-paste chat message per language, with the link it carries.</summary>
public sealed record Invitation(string UploadUrl, IReadOnlyDictionary<string, string> Messages);

/// <summary>
/// Printable signs (anyone with the link, rate-limited like intake) and the invitation kit (organizers): checks the
/// request, lays the page out (<see cref="SignLayout"/>, <see cref="InvitePoster"/>) and draws it (<see cref="SignPdf"/>).
/// </summary>
public sealed partial class SignPrinting
{
    /// <summary>The filled-in blank is a union, sector or city: the longest of their limits.</summary>
    public const int FromMaxLength = FieldLimits.Union;

    private readonly CampaignCache _campaigns;
    private readonly SignText _text;
    private readonly UploadLinks _links;
    private readonly ClientRateLimiter _rateLimiter;
    private readonly AnonymousCampaignDoor _door;
    private readonly ILogger<SignPrinting> _logger;
    private readonly TextShaper _shaper;

    public SignPrinting(
        CampaignCache campaigns,
        SignText text,
        UploadLinks links,
        TextShaper shaper,
        AnonymousCampaignDoor door,
        IOptions<IntakeOptions> options,
        TimeProvider time,
        ILogger<SignPrinting> logger)
    {
        _campaigns = campaigns;
        _text = text;
        _links = links;
        // The intake's limits, counted apart: printing signs never uses up a workplace's uploads.
        _rateLimiter = new ClientRateLimiter(options, time);
        _door = door;
        _logger = logger;
        _shaper = shaper;
    }

    public async Task<Outcome<PdfFile>> SignAsync(
        string campaignId, string? slogan, string? from, string? paper, string? lang, IPAddress? client, CancellationToken cancellationToken)
    {
        var entered = await _door.EnterAsync(_rateLimiter, "Sign", campaignId, client, cancellationToken);
        if (entered.Problem is { } refused)
        {
            return refused;
        }

        var campaign = entered.Value!;

        var errors = new Dictionary<string, string[]>();
        var language = Language(lang, errors);
        var paperSize = Paper(paper, errors);
        var texts = SignCampaignTexts.Of(campaign, language);
        int index = -1;
        if (!int.TryParse(slogan, NumberStyles.None, CultureInfo.InvariantCulture, out index) || index >= texts.Slogans.Count)
        {
            errors["slogan"] = [texts.Slogans.Count == 0
                ? "This campaign has no slogans."
                : $"Give the slogan's position in the campaign's list, 0 to {texts.Slogans.Count - 1}."];
        }

        var filled = TextFields.SingleLine(from, "from", FromMaxLength, required: false, errors);
        if (filled is not null && !errors.ContainsKey("from") && _text.Problem(filled) is { } fromProblem)
        {
            errors["from"] = [fromProblem];
        }

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var sloganText = texts.Slogans[index];
        var hashtags = texts.Hashtags.Where(h => _text.Problem(h) is null).Select(SignText.Printable).ToList();
        if (_text.Problem(sloganText) is { } sloganProblem)
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["slogan"] = [sloganProblem] });
        }

        var runs = SignLayout.Fill(SignText.Printable(sloganText), filled is null ? null : SignText.Printable(filled));
        var measure = new ShapedTextMeasure(_shaper);
        var layout = SignLayout.Sign(runs, hashtags, paperSize, measure);
        var pdf = SignPdf.Render(layout, string.Concat(runs.Select(r => r.Text)), _shaper);
        Log.SignPrinted(_logger, campaign.Id, index, paperSize, language, layout.SloganSize);
        return Outcome<PdfFile>.Ok(new PdfFile(pdf, $"sign-{campaign.Id}-{index + 1}-{paperSize.ToString().ToLowerInvariant()}.pdf"));
    }

    public async Task<Outcome<PdfFile>> InviteAsync(string campaignId, string? paper, string? lang, Uri requestOrigin, CancellationToken cancellationToken)
    {
        var campaign = await _campaigns.GetAsync(campaignId, cancellationToken);
        if (campaign is null)
        {
            return Problem.NotFound("The campaign");
        }

        var errors = new Dictionary<string, string[]>();
        var language = Language(lang, errors);
        var paperSize = Paper(paper, errors);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var texts = SignCampaignTexts.Of(campaign, language);
        foreach (var (field, value) in new[] { ("title", texts.Title), ("prompt", texts.Prompt) })
        {
            if (_text.Problem(value) is { } problem)
            {
                errors[field] = [problem];
            }
        }

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var words = SignLanguage.Words(language);
        var link = _links.UploadPage(campaign.Id, requestOrigin);
        var content = new InviteContent(
            words.Kicker,
            SignText.Printable(texts.Title),
            SignText.Printable(texts.Prompt.Replace('\n', ' ')),
            campaign.Deadline is { } deadline ? string.Format(CultureInfo.InvariantCulture, words.Deadline, words.Date(deadline)) : null,
            words.Scan,
            link);
        var measure = new ShapedTextMeasure(_shaper);
        var layout = InvitePoster.Layout(content, paperSize, measure);
        var pdf = SignPdf.Render(layout, texts.Title, _shaper, link);
        Log.InvitePrinted(_logger, campaign.Id, paperSize, language);
        return Outcome<PdfFile>.Ok(new PdfFile(pdf, $"invite-{campaign.Id}-{paperSize.ToString().ToLowerInvariant()}.pdf"));
    }

    /// <summary>A chat message per language: the title, what to send, the link, the deadline.</summary>
    public async Task<Outcome<Invitation>> InvitationAsync(string campaignId, Uri requestOrigin, CancellationToken cancellationToken)
    {
        var campaign = await _campaigns.GetAsync(campaignId, cancellationToken);
        if (campaign is null)
        {
            return Problem.NotFound("The campaign");
        }

        var link = _links.UploadPage(campaign.Id, requestOrigin);
        var messages = SignLanguage.All.ToDictionary(l => l, l => Message(campaign, l, link), StringComparer.Ordinal);
        return Outcome<Invitation>.Ok(new Invitation(link, messages));
    }

    public static string Message(Campaign campaign, string lang, string link)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var words = SignLanguage.Words(lang);
        var texts = SignCampaignTexts.Of(campaign, lang);
        var lines = new List<string> { texts.Title, words.What(campaign.Limits), link };
        if (campaign.Deadline is { } deadline)
        {
            lines.Add(string.Format(CultureInfo.InvariantCulture, words.Deadline, words.Date(deadline)));
        }

        return string.Join('\n', lines);
    }

    private static string Language(string? lang, Dictionary<string, string[]> errors)
    {
        if (!SignLanguage.TryParse(lang, out var language))
        {
            errors["lang"] = ["Use en, fr or es."];
            return "en";
        }

        return language;
    }

    private static SignPaper Paper(string? paper, Dictionary<string, string[]> errors)
    {
        if (!SignPapers.TryParse(paper, out var size))
        {
            errors["paper"] = ["Use a4 or letter."];
        }

        return size;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Printed sign {SloganIndex} of campaign {CampaignId} on {Paper} ({Language}) at {FontSize} pt")]
        public static partial void SignPrinted(ILogger logger, string campaignId, int sloganIndex, SignPaper paper, string language, double fontSize);

        [LoggerMessage(Level = LogLevel.Information, Message = "Printed the invitation poster of campaign {CampaignId} on {Paper} ({Language})")]
        public static partial void InvitePrinted(ILogger logger, string campaignId, SignPaper paper, string language);
    }
}
