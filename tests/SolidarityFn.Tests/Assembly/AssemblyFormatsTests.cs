using SolidarityFn.Pipeline.Assembly;

namespace SolidarityFn.Tests.Assembly;

public class AssemblyFormatsTests
{
    [Fact]
    public void The_three_formats_have_their_sizes()
    {
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
    [InlineData(" square , landscape,square", "square,landscape")]
    public void Lists_parse(string? names, string expected)
    {
        Assert.True(AssemblyFormats.TryParseList(names, out var formats));
        Assert.Equal(expected, string.Join(",", formats.Select(f => f.Name)));
    }

    [Theory]
    [InlineData("portrait")]
    [InlineData("landscape,4k")]
    [InlineData(",")]
    public void Unknown_names_are_refused(string names) => Assert.False(AssemblyFormats.TryParseList(names, out _));
}
