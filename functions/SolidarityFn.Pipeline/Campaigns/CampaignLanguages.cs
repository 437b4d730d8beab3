using System.Globalization;

namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>
/// The languages a campaign's texts can be given in: those the contributor pages speak. A page's language tag
/// ("fr-CA", "FR") is reduced to its primary subtag.
/// </summary>
public static class CampaignLanguages
{
    public const string English = "en";
    public const string French = "fr";
    public const string Spanish = "es";

    public static IReadOnlyList<string> All { get; } = [English, French, Spanish];

    public static bool IsSupported(string? language) => language is not null && All.Contains(language, StringComparer.Ordinal);

    /// <summary>"fr-CA" → "fr"; null for anything but a supported language.</summary>
    public static string? Normalise(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var primary = tag.Trim().Split('-', '_')[0].ToLowerInvariant();
        return IsSupported(primary) ? primary : null;
    }

    /// <summary>
    /// The first supported language of an Accept-Language header, by quality then order ("fr-CA,fr;q=0.9,en;q=0.8"
    /// → "fr"); null when none is supported or the header is malformed.
    /// </summary>
    public static string? FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var ranked = new List<(string Language, double Quality, int Order)>();
        var parts = header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < parts.Length && i < 32; i++)
        {
            var pieces = parts[i].Split(';', StringSplitOptions.TrimEntries);
            var quality = 1.0;
            foreach (var parameter in pieces.Skip(1))
            {
                if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                    && double.TryParse(parameter.AsSpan(2), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q))
                {
                    quality = q;
                }
            }

            if (quality > 0 && Normalise(pieces[0]) is { } language)
            {
                ranked.Add((language, quality, i));
            }
        }

        return ranked.OrderByDescending(r => r.Quality).ThenBy(r => r.Order).Select(r => r.Language).FirstOrDefault();
    }
}
