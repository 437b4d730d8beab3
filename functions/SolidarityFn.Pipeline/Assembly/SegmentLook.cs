using System.Globalization;
using SkiaSharp;
using SolidarityFn.Pipeline.Campaigns;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// What a campaign's look (<see cref="CampaignLook"/>) changes in a rendered segment: the fade at its head and tail (and
/// its colour), the card background, the caption box, the text colour and weight. Each segment kind keys only what it
/// draws (<see cref="DescribeFor"/>), so a new card colour re-renders the cards, not the clips, unless the clips fade
/// through it.
/// </summary>
public sealed record SegmentLook(string Transition, string CardColour, string? AccentColour, string TextColour, bool Bold)
{
    public static SegmentLook Default { get; } = From(new CampaignLook());

    public static SegmentLook From(CampaignLook look)
    {
        ArgumentNullException.ThrowIfNull(look);
        return new(look.Transition, look.CardColour, look.AccentColour, look.TextColour, look.Weight != CampaignWeights.Regular)
        {
            LogoOnClips = look.LogoOnClips,
        };
    }

    /// <summary>The campaign's logo, when it has one (set by <see cref="SegmentProduction"/> from the stored logo).</summary>
    public SegmentLogo? Logo { get; init; }

    /// <summary>Whether clips carry the logo as a corner mark (<see cref="CampaignLook.LogoOnClips"/>).</summary>
    public bool LogoOnClips { get; init; }

    /// <summary>The logo a clip shows as its corner mark: only when there is one and the campaign asks.</summary>
    public SegmentLogo? CornerMark => LogoOnClips ? Logo : null;

    /// <summary>The fade's colour for ffmpeg's fade filter (0xrrggbb), or null for a plain cut.</summary>
    public string? FadeColour => Transition switch
    {
        CampaignTransitions.None => null,
        CampaignTransitions.Card => Ffmpeg(CardColour),
        _ => "0x000000",
    };

    public string CardBackground => Ffmpeg(CardColour);

    public SKColor Text => SKColor.Parse(TextColour);

    /// <summary>The caption's box: the accent nearly opaque (its contrast with the text was checked), else translucent black.</summary>
    public SKColor Box => AccentColour is null ? new SKColor(0, 0, 0, 140) : SKColor.Parse(AccentColour).WithAlpha(235);

    /// <summary>
    /// Everything of the look that changes a segment of this kind, for its cache key. The logo's hash is added only when
    /// the segment shows it (cards; clips with the corner mark), so a campaign without a logo keeps its keys, and a new
    /// logo re-renders only the cards while the corner mark is off.
    /// </summary>
    public string DescribeFor(SegmentKind kind) => kind == SegmentKind.Clip
        ? string.Create(CultureInfo.InvariantCulture, $"fade {FadeColour ?? "none"} box {AccentColour ?? "black-55"} text {TextColour} {(Bold ? "bold" : "regular")}") +
            (CornerMark is { } mark ? " mark " + mark.Hash : string.Empty)
        : string.Create(CultureInfo.InvariantCulture, $"fade {FadeColour ?? "none"} card {CardColour} text {TextColour} {(Bold ? "bold" : "regular")}") +
            (Logo is { } logo ? " logo " + logo.Hash : string.Empty);

    private static string Ffmpeg(string hex) => "0x" + hex.TrimStart('#').ToLowerInvariant();
}
