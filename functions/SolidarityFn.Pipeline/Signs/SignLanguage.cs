using System.Globalization;
using SolidarityFn.Pipeline.Campaigns;

namespace SolidarityFn.Pipeline.Signs;

/// <summary>The languages of the signs page and the PDFs' own words (the campaign's texts are the organizers').</summary>
public static class SignLanguage
{
    public static IReadOnlyList<string> All { get; } = ["en", "fr", "es"];

    /// <summary>"en", "fr" or "es"; empty means English.</summary>
    public static bool TryParse(string? value, out string lang)
    {
        lang = string.IsNullOrEmpty(value) ? "en" : value.ToLowerInvariant();
        return All.Contains(lang);
    }

    /// <summary>The PDFs' and messages' own words in one language.</summary>
    public static SignWords Words(string lang) => lang switch
    {
        "fr" => new SignWords(
            "Envoyez une vidéo de solidarité",
            "Scannez avec l’appareil photo de votre téléphone pour envoyer votre vidéo",
            "ou ouvrez",
            "Date limite : {0}",
            "Envoyez une vidéo de {0} à {1} secondes ou une photo : qui vous êtes, où vous travaillez, votre message.",
            ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
            "{0} {1} {2} à {3} UTC"),
        "es" => new SignWords(
            "Envía un video de solidaridad",
            "Escanea con la cámara de tu teléfono para enviar tu video",
            "o abre",
            "Fecha límite: {0}",
            "Envía un video de {0} a {1} segundos o una foto: quién eres, dónde trabajas y tu mensaje.",
            ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
            "{0} de {1} de {2}, {3} UTC"),
        _ => new SignWords(
            "Send a video of solidarity",
            "Scan with your phone’s camera to send your clip",
            "or open",
            "Deadline: {0}",
            "Send a {0}–{1} second video or a photo: who you are, where you work, and your message.",
            ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
            "{1} {0}, {2}, {3} UTC"),
    };
}

/// <summary>One language's words; dates are spelled here (month names in the table) so they read the same on every host.</summary>
public sealed record SignWords(string Kicker, string Scan, string OrOpen, string Deadline, string WhatToSend, IReadOnlyList<string> Months, string DatePattern)
{
    /// <summary>"December 6, 2026, 23:59 UTC": the deadline in UTC, which is how it is stored.</summary>
    public string Date(DateTimeOffset when)
    {
        var utc = when.ToUniversalTime();
        return string.Format(CultureInfo.InvariantCulture, DatePattern, utc.Day, Months[utc.Month - 1], utc.Year, utc.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    public string What(CampaignLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return string.Format(CultureInfo.InvariantCulture, WhatToSend, Seconds(limits.MinClipSeconds), Seconds(limits.MaxClipSeconds));
    }

    private static string Seconds(double s) => s.ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>
/// The campaign's texts a sign or an invitation prints, read in ONE place, through the campaign's resolver
/// (<see cref="CampaignTexts.For"/>: the language's text, else the default's, field by field). A slogan's position is
/// its place in the list of <paramref name="lang"/>'s slogans, the list the signs page showed in that language.
/// </summary>
public sealed record SignCampaignTexts(string Title, string Prompt, IReadOnlyList<string> Slogans, IReadOnlyList<string> Hashtags)
{
    public static SignCampaignTexts Of(Campaign campaign, string lang)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var texts = CampaignTexts.For(campaign, lang);
        return new SignCampaignTexts(texts.Title.Value, texts.Prompt.Value, texts.Slogans.Value, campaign.Hashtags);
    }
}
