using System.Globalization;
using System.Text.RegularExpressions;

namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>
/// How the campaign's video looks (issue 16): the join between segments, the card background, the lower third's box and
/// the colour of every drawn text, and the weight of the headlines and captions (the shipped Noto Sans Bold or Regular).
/// </summary>
public sealed record CampaignLook
{
    public const string DefaultCardColour = "#1d2b4f";
    public const string DefaultTextColour = "#ffffff";

    /// <summary>How segments meet: a short fade through black (default), through the card colour, or a plain cut.</summary>
    public string Transition { get; init; } = CampaignTransitions.Black;

    /// <summary>Background of the title and end cards (#rrggbb).</summary>
    public string CardColour { get; init; } = DefaultCardColour;

    /// <summary>The caption's box (#rrggbb, drawn nearly opaque); null keeps the translucent black box.</summary>
    public string? AccentColour { get; init; }

    /// <summary>Colour of captions and card text (#rrggbb).</summary>
    public string TextColour { get; init; } = DefaultTextColour;

    /// <summary><c>bold</c> (default) or <c>regular</c>: the weight of card headlines and captions.</summary>
    public string Weight { get; init; } = CampaignWeights.Bold;

    /// <summary>Whether clips carry the campaign's logo as a small corner mark (the cards always show it).</summary>
    public bool LogoOnClips { get; init; }
}

public static class CampaignTransitions
{
    public const string Black = "black";
    public const string Card = "card";
    public const string None = "none";

    public static IReadOnlyList<string> All { get; } = [Black, Card, None];
}

public static class CampaignWeights
{
    public const string Bold = "bold";
    public const string Regular = "regular";

    public static IReadOnlyList<string> All { get; } = [Bold, Regular];
}

/// <summary>Body part of PUT /api/campaigns/{campaignId}; a field left out keeps its value (the defaults on create).</summary>
public sealed record CampaignLookRequest
{
    public string? Transition { get; init; }
    public string? CardColour { get; init; }

    /// <summary>"" removes the accent (back to the translucent black box).</summary>
    public string? AccentColour { get; init; }
    public string? TextColour { get; init; }
    public string? Weight { get; init; }

    public bool? LogoOnClips { get; init; }
}

/// <summary>Checks a <see cref="CampaignLookRequest"/>: names, #rrggbb colours, and WCAG AA contrast of the text over what it is drawn on.</summary>
public static partial class CampaignLookValidator
{
    /// <summary>WCAG 2 AA for normal-size text (captions are drawn large, but the meta line and subtitles are not).</summary>
    public const double MinContrast = 4.5;

    public static CampaignLook Check(CampaignLookRequest? request, CampaignLook current, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(errors);
        if (request is null)
        {
            return current;
        }

        var look = current;
        if (request.Transition is { } transition)
        {
            if (CampaignTransitions.All.Contains(transition, StringComparer.Ordinal))
            {
                look = look with { Transition = transition };
            }
            else
            {
                errors["look.transition"] = [$"One of: {string.Join(", ", CampaignTransitions.All)}."];
            }
        }

        if (request.Weight is { } weight)
        {
            if (CampaignWeights.All.Contains(weight, StringComparer.Ordinal))
            {
                look = look with { Weight = weight };
            }
            else
            {
                errors["look.weight"] = [$"One of: {string.Join(", ", CampaignWeights.All)}."];
            }
        }

        if (request.LogoOnClips is { } logoOnClips)
        {
            look = look with { LogoOnClips = logoOnClips };
        }

        look = look with
        {
            CardColour = Colour(request.CardColour, "look.cardColour", errors) ?? look.CardColour,
            TextColour = Colour(request.TextColour, "look.textColour", errors) ?? look.TextColour,
            AccentColour = request.AccentColour is null ? look.AccentColour
                : request.AccentColour.Length == 0 ? null
                : Colour(request.AccentColour, "look.accentColour", errors) ?? look.AccentColour,
        };
        if (errors.Keys.Any(k => k.StartsWith("look.", StringComparison.Ordinal)))
        {
            return look;
        }

        Contrast(look.TextColour, look.CardColour, "look.cardColour", "Card text", "the card background", errors);
        if (look.AccentColour is not null)
        {
            Contrast(look.TextColour, look.AccentColour, "look.accentColour", "Caption text", "its box", errors);
        }

        return look;
    }

    /// <summary>WCAG 2 contrast ratio of two #rrggbb colours, 1 to 21.</summary>
    public static double ContrastRatio(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    /// <summary>WCAG 2 relative luminance of an sRGB #rrggbb colour.</summary>
    public static double Luminance(string hex)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hex);
        static double Channel(int value)
        {
            var c = value / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        var rgb = int.Parse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (0.2126 * Channel((rgb >> 16) & 0xff)) + (0.7152 * Channel((rgb >> 8) & 0xff)) + (0.0722 * Channel(rgb & 0xff));
    }

    private static void Contrast(string text, string background, string field, string what, string over, Dictionary<string, string[]> errors)
    {
        var ratio = ContrastRatio(text, background);
        if (ratio < MinContrast)
        {
            errors[field] = [string.Create(
                CultureInfo.InvariantCulture,
                $"{what} {text} over {over} {background} has a contrast of {Math.Floor(ratio * 100) / 100:0.00}:1; WCAG AA needs at least {MinContrast:0.0}:1. Choose a darker or lighter colour.")];
        }
    }

    private static string? Colour(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (!HexColour().IsMatch(value))
        {
            errors[field] = ["A colour as #rrggbb (for example #1d2b4f)."];
            return null;
        }

        return value.ToLowerInvariant();
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex HexColour();
}
