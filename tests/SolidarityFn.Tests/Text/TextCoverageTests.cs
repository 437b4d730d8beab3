using SolidarityFn.Pipeline.Text;

namespace SolidarityFn.Tests.Text;

public class TextCoverageTests
{
    private static readonly ITextCoverage Coverage = ShippedFonts.Coverage;

    [Theory]
    [InlineData("Solidarité · Solidaridad · Đoàn kết")]
    [InlineData("تضامن مع عمال مينيسوتا ٢٠٢٥")]
    [InlineData("ከሚኒሶታ ሠራተኞች ጋር")]
    [InlineData("与明尼苏达工人团结一致！")]
    [InlineData("ICE out ✊🏽👩🏾‍🏭🇨🇦❤️")]
    [InlineData("Пётр, Ελλάδα, Tokkummaa, Peb sawv ntsug")]
    [InlineData("")]
    [InlineData(null)]
    public void Text_in_the_campaigns_scripts_can_be_drawn(string? text) => Assert.Null(Coverage.FirstUndrawable(text));

    [Theory]
    [InlineData("ICE out \uE000", "U+E000")] // private use
    [InlineData("ᐊᐃᓐᓇᐅᓗᑎᒃ", "U+140A")] // Inuktitut syllabics: no shipped face
    [InlineData("ꦱꦺꦴ", "U+A9B1")] // Javanese
    [InlineData("𓀀", "U+13000")] // Egyptian hieroglyph
    public void The_first_character_no_face_has_is_named(string text, string name) => Assert.Equal(name, Coverage.FirstUndrawable(text));

    [Fact]
    public void A_lone_surrogate_is_named_as_itself()
    {
        // Built at run time: attribute strings are stored as UTF-8, which cannot hold a lone surrogate.
        var text = "a" + (char)0xD800 + "b";
        Assert.Equal("U+D800", Coverage.FirstUndrawable(text));
    }

    [Fact]
    public void The_field_error_names_the_character()
    {
        var errors = new Dictionary<string, string[]>();
        DrawableFields.Check(Coverage, "Hi \uE000", "caption", errors);
        Assert.Equal(["The character U+E000 cannot be drawn on the video: remove it."], errors["caption"]);

        var already = new Dictionary<string, string[]> { ["caption"] = ["At most 300 characters."] };
        DrawableFields.Check(Coverage, "Hi \uE000", "caption", already);
        Assert.Equal(["At most 300 characters."], already["caption"]);
    }
}
