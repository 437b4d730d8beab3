using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Assembly;

/// <summary>Where the logo goes in each format, and how the builders lay it over cards and clips (argument lists only).</summary>
public class LogoPlacementTests
{
    private const string Work = "/work/asm";
    private static readonly FfmpegLimits Limits = new(50_000_000, 1234);
    private static readonly SegmentEncoding Encoding = new("veryfast", 20);
    private static readonly SegmentLogo Logo = new(Work + "/logo.png", new string('a', 64), 400, 200);

    public static TheoryData<string> Formats() => [.. AssemblyFormats.All.Select(f => f.Name)];

    private static AssemblyFormat Format(string name) => AssemblyFormats.All.Single(f => f.Name == name);

    [Theory]
    [MemberData(nameof(Formats))]
    public void The_card_logo_is_12_to_16_percent_of_the_shorter_side_tall_with_its_aspect_kept_and_centred(string name)
    {
        var format = Format(name);
        var (box, reserve) = LogoPlacement.Card(format, Logo.Width, Logo.Height, 300);
        var shorter = Math.Min(format.Width, format.Height);
        Assert.InRange(box.Height, shorter * 0.12, shorter * 0.16);
        Assert.InRange(box.Width / (double)box.Height, 1.95, 2.05);
        Assert.InRange(box.X + (box.Width / 2), (format.Width / 2) - 1, (format.Width / 2) + 1);
        Assert.True(reserve > box.Height, "a gap separates the logo from the title");

        // Logo, gap and text are centred together: as much room above the logo as below the text.
        var below = format.Height - (box.Y + reserve + 300);
        Assert.InRange(box.Y - below, -2, 2);
    }

    [Fact]
    public void A_very_wide_logo_is_no_wider_than_a_line_of_text_and_sides_are_even()
    {
        var (width, height) = LogoPlacement.CardSize(AssemblyFormats.Vertical, 4000, 100);
        Assert.True(width <= AssemblyFormats.Vertical.TextWidth);
        Assert.Equal(0, width % 2);
        Assert.Equal(0, height % 2);
        Assert.InRange(width / (double)height, 38, 42);
    }

    [Fact]
    public void The_vertical_safe_box_avoids_the_phone_apps_top_bottom_and_right_hand_buttons()
    {
        var format = AssemblyFormats.Vertical;
        var safe = LogoPlacement.SafeBox(format);
        Assert.True(safe.Y >= format.Height * 0.12);
        Assert.True(safe.Bottom <= format.Height * 0.80);
        Assert.True(safe.Right <= format.Width * 0.85);
        Assert.True(safe.X > 0);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void The_corner_mark_is_about_8_percent_tall_top_left_inside_the_safe_box_and_above_the_lower_third(string name)
    {
        var format = Format(name);
        var safe = LogoPlacement.SafeBox(format);
        var mark = LogoPlacement.CornerMark(format, Logo.Width, Logo.Height);
        Assert.True(safe.Contains(mark), $"{mark} outside {safe}");
        Assert.Equal((safe.X, safe.Y), (mark.X, mark.Y));
        Assert.InRange(mark.Height, Math.Min(format.Width, format.Height) * 0.07, Math.Min(format.Width, format.Height) * 0.09);
        Assert.True(safe.Bottom <= format.Height * 2 / 3, "the lower third (captions) stays clear");
        Assert.True(mark.Bottom < format.Height / 3);
    }

    [Fact]
    public void A_card_with_a_logo_takes_it_as_the_third_input_scaled_converted_and_overlaid_before_the_text()
    {
        var look = SegmentLook.Default with { Logo = Logo };
        var box = new PixelBox(740, 300, 440, 220);
        var text = new TextOverlay(Work + "/card.png", 0, 0) { CardLogo = box };
        var command = CardCommand.Build(new CardRequest(AssemblyFormats.Vertical, 4, text, Work + "/card.mp4", Encoding, Limits, look));
        Assert.Equal(3, command.Inputs.Count);
        Assert.Equal(Work + "/logo.png", command.Inputs[2].Path);
        Assert.Equal(["-protocol_whitelist", "file", "-f", "png_pipe", "-max_pixels", "50000000"], command.Inputs[2].Options);
        var graph = Graph(command);
        Assert.Contains("[logo_base];[2:v:0]scale=440:220:flags=lanczos,scale=out_color_matrix=bt709:out_range=tv:flags=accurate_rnd,format=yuva420p[logo_pic];[logo_base][logo_pic]overlay=x=740:y=300", graph);
        Assert.True(graph.IndexOf("[logo_pic]overlay", StringComparison.Ordinal) < graph.IndexOf("[card_pic]overlay", StringComparison.Ordinal));
        Assert.Contains("[1:v:0]", graph);
    }

    [Fact]
    public void A_card_with_a_logo_and_no_text_takes_it_as_the_second_input_centred()
    {
        var look = SegmentLook.Default with { Logo = Logo };
        var command = CardCommand.Build(new CardRequest(AssemblyFormats.Landscape, 4, null, Work + "/card.mp4", Encoding, Limits, look));
        Assert.Equal(2, command.Inputs.Count);
        var box = LogoPlacement.Card(AssemblyFormats.Landscape, 400, 200, 0).Logo;
        Assert.Contains($"[1:v:0]scale={box.Width}:{box.Height}:flags=lanczos,", Graph(command));
    }

    [Fact]
    public void A_clip_carries_the_semi_opaque_corner_mark_only_when_the_campaign_asks()
    {
        var lowerThird = new TextOverlay(Work + "/text.png", 0, 812);
        FfmpegCommand Clip(SegmentLook look) => ClipSegmentCommand.Build(new ClipSegmentRequest(
            Work + "/clip.mp4", ClipShape.Legacy, 0, 4, AssemblyFormats.Vertical, lowerThird, Work + "/seg.mp4", Encoding, Limits, look));

        var off = Clip(SegmentLook.Default with { Logo = Logo });
        Assert.Equal(2, off.Inputs.Count);
        Assert.DoesNotContain("mark", Graph(off));

        var on = Clip(SegmentLook.Default with { Logo = Logo, LogoOnClips = true });
        Assert.Equal(3, on.Inputs.Count);
        Assert.Equal(Work + "/logo.png", on.Inputs[2].Path);
        var mark = LogoPlacement.CornerMark(AssemblyFormats.Vertical, 400, 200);
        var graph = Graph(on);
        Assert.Contains($"[2:v:0]scale={mark.Width}:{mark.Height}:flags=lanczos,format=rgba,colorchannelmixer=aa=0.8,scale=out_color_matrix=bt709", graph);
        Assert.Contains($"[mark_base][mark_pic]overlay=x={mark.X}:y={mark.Y},fade=t=in", graph);
        Assert.True(graph.IndexOf("[lt_pic]overlay", StringComparison.Ordinal) < graph.IndexOf("[mark_pic]overlay", StringComparison.Ordinal));

        // On, but no logo stored: nothing to draw.
        Assert.Equal(2, Clip(SegmentLook.Default with { LogoOnClips = true }).Inputs.Count);
    }

    [Fact]
    public void The_logo_keys_the_cards_always_and_the_clips_only_with_the_corner_mark_and_no_logo_keeps_todays_keys()
    {
        var none = SegmentLook.From(new CampaignLook());
        Assert.Equal("fade 0x000000 card #1d2b4f text #ffffff bold", none.DescribeFor(SegmentKind.TitleCard));
        Assert.Equal("fade 0x000000 box black-55 text #ffffff bold", none.DescribeFor(SegmentKind.Clip));
        Assert.Equal(none.DescribeFor(SegmentKind.Clip), SegmentLook.From(new CampaignLook { LogoOnClips = true }).DescribeFor(SegmentKind.Clip));

        var withLogo = none with { Logo = Logo };
        var other = none with { Logo = Logo with { Hash = new string('b', 64) } };
        Assert.NotEqual(none.DescribeFor(SegmentKind.TitleCard), withLogo.DescribeFor(SegmentKind.TitleCard));
        Assert.NotEqual(withLogo.DescribeFor(SegmentKind.EndCard), other.DescribeFor(SegmentKind.EndCard));
        Assert.Equal(none.DescribeFor(SegmentKind.Clip), other.DescribeFor(SegmentKind.Clip));
        Assert.NotEqual((withLogo with { LogoOnClips = true }).DescribeFor(SegmentKind.Clip), (other with { LogoOnClips = true }).DescribeFor(SegmentKind.Clip));

        // The local path is not part of the key: two work folders, one segment.
        Assert.Equal(withLogo.DescribeFor(SegmentKind.TitleCard), (none with { Logo = Logo with { PngPath = "/elsewhere/logo.png" } }).DescribeFor(SegmentKind.TitleCard));
    }

    [Fact]
    public void The_logo_option_is_read_from_the_look_request()
    {
        var errors = new Dictionary<string, string[]>();
        var look = CampaignLookValidator.Check(new CampaignLookRequest { LogoOnClips = true }, new CampaignLook(), errors);
        Assert.Empty(errors);
        Assert.True(look.LogoOnClips);
        Assert.True(CampaignLookValidator.Check(new CampaignLookRequest(), look, errors).LogoOnClips);
    }

    private static string Graph(FfmpegCommand command) => command.Output[command.Output.ToList().IndexOf("-filter_complex") + 1];
}
