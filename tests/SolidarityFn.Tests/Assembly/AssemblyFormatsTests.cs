using SolidarityFn.Pipeline.Assembly;

namespace SolidarityFn.Tests.Assembly;

public class AssemblyFormatsTests
{
    [Fact]
    public void The_four_formats_have_their_sizes()
    {
        Assert.Equal((1080, 1350), (AssemblyFormats.Portrait.Width, AssemblyFormats.Portrait.Height));
        Assert.Equal((1920, 1080), (AssemblyFormats.Landscape.Width, AssemblyFormats.Landscape.Height));
        Assert.Equal((1080, 1920), (AssemblyFormats.Vertical.Width, AssemblyFormats.Vertical.Height));
        Assert.Equal((1080, 1080), (AssemblyFormats.Square.Width, AssemblyFormats.Square.Height));
    }

    [Fact]
    public void The_vertical_lower_third_stays_above_the_bottom_fifth_phone_apps_cover()
    {
        Assert.True(AssemblyFormats.Vertical.CaptionBottomY <= 1920 * 0.8);
        Assert.All(AssemblyFormats.All, f => Assert.InRange(f.CaptionBottomY, f.Height / 2, f.Height - 40));
    }

    [Theory]
    [InlineData(null, "landscape,vertical,square")]
    [InlineData("", "landscape,vertical,square")]
    [InlineData("Vertical", "vertical")]
    [InlineData("portrait,square", "portrait,square")]
    [InlineData(" square , landscape,square", "square,landscape")]
    public void Lists_parse(string? names, string expected)
    {
        Assert.True(AssemblyFormats.TryParseList(names, out var formats));
        Assert.Equal(expected, string.Join(",", formats.Select(f => f.Name)));
    }

    [Theory]
    [InlineData("feed")]
    [InlineData("landscape,4k")]
    [InlineData(",")]
    public void Unknown_names_are_refused(string names) => Assert.False(AssemblyFormats.TryParseList(names, out _));
}

public class PortraitFormatTests
{
    [Fact]
    public void A_start_naming_no_format_makes_the_three_first_and_portrait_only_when_asked()
    {
        Assert.Empty(AssemblyRequestValidator.Check(new AssemblyRequest(null, null, null, null), out var defaults));
        Assert.Equal(["landscape", "vertical", "square"], defaults.Select(f => f.Name));
        Assert.Empty(AssemblyRequestValidator.Check(new AssemblyRequest(["portrait"], null, null, null), out var asked));
        Assert.Equal(AssemblyFormats.Portrait, Assert.Single(asked));
    }

    [Theory]
    [InlineData(1080, 1920, "overblur")]
    [InlineData(1920, 1080, "overblur")]
    [InlineData(1080, 1350, "fill")]
    [InlineData(1080, 1080, "fill")]
    [InlineData(1440, 1920, "fill")]
    public void Sources_are_framed_into_4_5_by_the_same_rules_phones_over_their_blur_square_and_3_4_filled(int width, int height, string mode)
    {
        var plan = ClipSegmentCommand.PlanFor(new SolidarityFn.Pipeline.Media.ClipShape(width, height), AssemblyFormats.Portrait);
        Assert.StartsWith(mode + " ", plan.Describe(), StringComparison.Ordinal);
        Assert.Equal((1080, 1350), (plan.FrameWidth, plan.FrameHeight));
        // Never stretched: the sharp picture keeps the crop's shape within a pixel of rounding.
        Assert.InRange((double)plan.PictureWidth / plan.PictureHeight, ((double)plan.CropWidth / plan.CropHeight) * 0.99, ((double)plan.CropWidth / plan.CropHeight) * 1.01);
    }
}
