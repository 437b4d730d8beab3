using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Assembly;

/// <summary>Issue 16: fades at every join, through black or the card colour or none, and the campaign's colours, in the commands and the keys.</summary>
public class SegmentLookTests
{
    private const string Work = "/tmp/work";
    private const string Build = "ffmpeg version 5.1.8-0+deb12u1 Copyright (c) 2000-2025 the FFmpeg developers";
    private static readonly SegmentEncoding Encoding = new("veryfast", 20);
    private static readonly FfmpegLimits Limits = new(1920L * 1920, 3600);

    private static SegmentLook Look(string transition = "black", string card = "#1d2b4f", string? accent = null, string text = "#ffffff", string weight = "bold") =>
        SegmentLook.From(new CampaignLook { Transition = transition, CardColour = card, AccentColour = accent, TextColour = text, Weight = weight });

    private static string ClipGraph(SegmentLook look) => Graph(ClipSegmentCommand.Build(new ClipSegmentRequest(
        Work + "/clip.mp4", ClipShape.Legacy, 0, 4, AssemblyFormats.Landscape, null, Work + "/seg.mp4", Encoding, Limits, look)));

    private static string Graph(FfmpegCommand command) => command.Output.SkipWhile(a => a != "-filter_complex").Skip(1).First();

    [Fact]
    public void Picture_fades_last_0_3_s_each_side_of_a_join_through_black_or_the_card_colour_and_none_when_turned_off()
    {
        Assert.Contains(",fade=t=in:st=0:d=0.3:c=0x000000,fade=t=out:st=3.7:d=0.3:c=0x000000", ClipGraph(Look()));
        Assert.Contains(",fade=t=in:st=0:d=0.3:c=0x7a1f2b,fade=t=out:st=3.7:d=0.3:c=0x7a1f2b", ClipGraph(Look("card", "#7A1F2B")));
        var cut = ClipGraph(Look("none"));
        Assert.DoesNotContain(",fade=", cut);

        // The sound keeps its short declick either way: the join never clicks.
        Assert.Contains("afade=t=in:st=0:d=0.2", cut);
    }

    [Fact]
    public void A_card_is_drawn_on_the_campaign_colour()
    {
        var command = CardCommand.Build(new CardRequest(AssemblyFormats.Portrait, 4, null, Work + "/card.mp4", Encoding, Limits, Look(card: "#0b6e4f")));
        Assert.Equal("color=c=0x0b6e4f:s=1080x1350:r=30:d=4", command.Inputs[0].Path);
        Assert.Contains("fade=t=in:st=0:d=0.3:c=0x000000", Graph(command));
    }

    [Fact]
    public void Keys_cover_what_each_segment_shows_of_the_look()
    {
        var timeline = AssemblyPlanner.Plan([new AssemblyClip("a", 8, 0, null, "Caption", "Local 1", "Health", "City")], new AssemblyCards("T", "S", "#h", "Thanks"), new AssemblySettings());
        string Key(TimelineEntry entry, SegmentLook look) => SegmentKey.For(
            entry with { Look = look }, "etag", new ClipShape(1080, 1920), AssemblyFormats.Landscape, AssemblyFonts.Resolve(null), Encoding, Build, "t");
        var (card, clip) = (timeline.Entries[0], timeline.Entries[1]);

        // Planned with the default look, the entry keys as the default look.
        Assert.Equal(Key(clip, SegmentLook.Default), SegmentKey.For(clip, "etag", new ClipShape(1080, 1920), AssemblyFormats.Landscape, AssemblyFonts.Resolve(null), Encoding, Build, "t"));

        foreach (var changed in new[] { Look("none"), Look("card"), Look(accent: "#000000"), Look(text: "#fafafa"), Look(weight: "regular") })
        {
            Assert.NotEqual(Key(clip, SegmentLook.Default), Key(clip, changed));
        }

        foreach (var changed in new[] { Look("none"), Look(card: "#0b6e4f"), Look(text: "#fafafa"), Look(weight: "regular") })
        {
            Assert.NotEqual(Key(card, SegmentLook.Default), Key(card, changed));
        }

        // A clip that fades through black does not show the card colour; a card does not show the caption box.
        Assert.Equal(Key(clip, SegmentLook.Default), Key(clip, Look(card: "#0b6e4f")));
        Assert.Equal(Key(card, SegmentLook.Default), Key(card, Look(accent: "#000000")));
    }

    [Fact]
    public void The_planner_gives_every_entry_the_campaign_look()
    {
        var look = Look("card", "#0b6e4f");
        var timeline = AssemblyPlanner.Plan([new AssemblyClip("a", 8, 0, null, "C", "U", "S", "X")], new AssemblyCards("T", "S", "#h", "Thanks"), new AssemblySettings() { Look = look });
        Assert.All(timeline.Entries, e => Assert.Same(look, e.Look));
    }
}

public class CampaignLookValidatorTests
{
    [Fact]
    public void Defaults_pass_and_a_field_left_out_keeps_its_value()
    {
        var errors = new Dictionary<string, string[]>();
        var current = new CampaignLook { CardColour = "#0b6e4f", Transition = "none" };
        var look = CampaignLookValidator.Check(new CampaignLookRequest { Weight = "regular" }, current, errors);
        Assert.Empty(errors);
        Assert.Equal(current with { Weight = "regular" }, look);
        Assert.Same(current, CampaignLookValidator.Check(null, current, errors));
    }

    [Fact]
    public void Wcag_ratios_are_computed_as_the_spec_says()
    {
        Assert.Equal(21, CampaignLookValidator.ContrastRatio("#000000", "#ffffff"), 3);
        Assert.Equal(1, CampaignLookValidator.ContrastRatio("#777777", "#777777"), 3);
        Assert.Equal(4.48, CampaignLookValidator.ContrastRatio("#ffffff", "#777777"), 2);
    }

    [Fact]
    public void A_caption_box_the_text_does_not_contrast_with_is_refused_with_the_ratio()
    {
        var errors = new Dictionary<string, string[]>();
        CampaignLookValidator.Check(new CampaignLookRequest { AccentColour = "#ffd400" }, new CampaignLook(), errors);
        var message = Assert.Single(errors["look.accentColour"]);
        Assert.Contains("1.4", message, StringComparison.Ordinal);
        Assert.Contains("4.5:1", message, StringComparison.Ordinal);

        errors.Clear();
        CampaignLookValidator.Check(new CampaignLookRequest { AccentColour = "#ffd400", TextColour = "#111111" }, new CampaignLook(), errors);
        Assert.Contains("look.cardColour", errors.Keys); // dark text on the default navy card fails in turn
        Assert.DoesNotContain("look.accentColour", errors.Keys);
    }

    [Theory]
    [InlineData("transition", "fade")]
    [InlineData("weight", "black")]
    [InlineData("cardColour", "navy")]
    [InlineData("cardColour", "#12345")]
    public void Unknown_names_and_colours_that_are_not_rrggbb_are_field_errors(string field, string value)
    {
        var request = field switch
        {
            "transition" => new CampaignLookRequest { Transition = value },
            "weight" => new CampaignLookRequest { Weight = value },
            _ => new CampaignLookRequest { CardColour = value },
        };
        var errors = new Dictionary<string, string[]>();
        CampaignLookValidator.Check(request, new CampaignLook(), errors);
        Assert.Contains("look." + field, errors.Keys);
    }
}
