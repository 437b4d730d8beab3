using SolidarityFn.Pipeline.Assembly;

namespace SolidarityFn.Tests.Assembly;

public class AssemblyRequestValidatorTests
{
    [Fact]
    public void An_empty_request_is_valid_and_means_the_three_default_formats()
    {
        var errors = AssemblyRequestValidator.Check(new AssemblyRequest(null, null, null, null), out var formats);
        Assert.Empty(errors);
        Assert.Equal(AssemblyFormats.Default, formats);
    }

    [Fact]
    public void Named_formats_are_parsed_case_insensitively_and_deduplicated()
    {
        var errors = AssemblyRequestValidator.Check(new AssemblyRequest(["Landscape", "square", "landscape"], 90, "Title", "Thanks"), out var formats);
        Assert.Empty(errors);
        Assert.Equal([AssemblyFormats.Landscape, AssemblyFormats.Square], formats);
    }

    [Theory]
    [InlineData("feed")]
    [InlineData("")]
    [InlineData("landscape,vertical")]
    public void An_unknown_or_blank_format_is_a_field_error(string name)
    {
        var errors = AssemblyRequestValidator.Check(new AssemblyRequest([name], null, null, null), out _);
        Assert.Contains("formats", errors.Keys);
    }

    [Fact]
    public void An_empty_format_list_is_a_field_error()
    {
        Assert.Contains("formats", AssemblyRequestValidator.Check(new AssemblyRequest([], null, null, null), out _).Keys);
    }

    [Theory]
    [InlineData(19.9)]
    [InlineData(600.1)]
    [InlineData(double.NaN)]
    public void A_target_outside_20_to_600_seconds_is_a_field_error(double target)
    {
        Assert.Contains("targetSeconds", AssemblyRequestValidator.Check(new AssemblyRequest(null, target, null, null), out _).Keys);
    }

    [Fact]
    public void Blank_overlong_or_multi_line_card_text_is_a_field_error()
    {
        var errors = AssemblyRequestValidator.Check(new AssemblyRequest(null, null, "  ", "line one\nline two"), out _);
        Assert.Contains("title", errors.Keys);
        Assert.Contains("endCard", errors.Keys);
        var tooLong = AssemblyRequestValidator.Check(new AssemblyRequest(null, null, new string('x', AssemblyRequestValidator.MaxTitleLength + 1), null), out _);
        Assert.Contains("title", tooLong.Keys);
    }

    [Fact]
    public void A_blank_or_multi_line_subtitle_is_a_field_error_and_a_one_line_one_is_taken()
    {
        Assert.Contains("subtitle", AssemblyRequestValidator.Check(new AssemblyRequest(null, null, null, null, " "), out _).Keys);
        Assert.Contains("subtitle", AssemblyRequestValidator.Check(new AssemblyRequest(null, null, null, null, "a\nb"), out _).Keys);
        Assert.Contains("subtitle", AssemblyRequestValidator.Check(new AssemblyRequest(null, null, null, null, new string('x', AssemblyRequestValidator.MaxSubtitleLength + 1)), out _).Keys);
        Assert.Empty(AssemblyRequestValidator.Check(new AssemblyRequest(null, null, null, null, "Clips from the rally"), out _));
    }
}
