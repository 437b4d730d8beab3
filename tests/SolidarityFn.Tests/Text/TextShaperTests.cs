using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Text;

namespace SolidarityFn.Tests.Text;

/// <summary>Fallback runs and shaping with the shipped fonts (HarfBuzz and the font files are real; nothing is drawn).</summary>
public class TextShaperTests
{
    private static readonly TextStyle Bold = new(52, Bold: true);
    private static readonly TextShaper Shaper = ShippedFonts.Shaper;

    private static IEnumerable<string> Faces(ShapedLine line) => line.Runs.Select(r => r.Face.Face.FileName);

    [Theory]
    [InlineData("Solidarité avec les travailleurs", "NotoSans-Bold.ttf")] // French
    [InlineData("Solidaridad con los trabajadores", "NotoSans-Bold.ttf")] // Spanish
    [InlineData("Đoàn kết với công nhân Minnesota", "NotoSans-Bold.ttf")] // Vietnamese (stacked diacritics)
    [InlineData("Wadajir shaqaalaha Minnesota", "NotoSans-Bold.ttf")] // Somali
    [InlineData("Peb sawv ntsug nrog cov neeg ua hauj lwm", "NotoSans-Bold.ttf")] // Hmong (RPA)
    [InlineData("Tokkummaa hojjettoota Minnesotaa waliin", "NotoSans-Bold.ttf")] // Oromo
    [InlineData("Pakikiisa sa mga manggagawa ng Minnesota", "NotoSans-Bold.ttf")] // Tagalog
    [InlineData("تضامن مع عمال مينيسوتا", "NotoSansArabic-Bold.ttf")] // Arabic: spaces stay in the Arabic face
    [InlineData("ከሚኒሶታ ሠራተኞች ጋር አንድነት", "NotoSansEthiopic-Bold.ttf")] // Amharic
    [InlineData("与明尼苏达工人团结一致", "NotoSansCJK-Bold.ttc")] // Chinese
    public void Each_language_is_set_in_one_face_of_the_fallback_order_without_a_missing_glyph(string text, string face)
    {
        var line = Shaper.Shape(text, Bold);

        Assert.Equal([face], Faces(line).Distinct());
        Assert.All(line.Runs, r => Assert.Equal(0, r.MissingGlyphs));
        Assert.True(line.Width > 0);
    }

    [Fact]
    public void Mixed_text_falls_back_per_character_in_the_documented_order()
    {
        var line = Shaper.Shape("Local 79 ✊🏽 团结 ሰላም", Bold);

        // The space after the emoji goes back to Noto Sans; the one after 团结 stays in the CJK face (a space follows its word).
        Assert.Equal(["NotoSans-Bold.ttf", "NotoColorEmoji.ttf", "NotoSans-Bold.ttf", "NotoSansCJK-Bold.ttc", "NotoSansEthiopic-Bold.ttf"], Faces(line));
        Assert.Equal("团结 ", line.Text.Substring(line.Runs[3].TextStart, line.Runs[3].TextLength));
        Assert.All(line.Runs, r => Assert.Equal(0, r.MissingGlyphs));
    }

    [Theory]
    [InlineData("✊🏽")] // raised fist, medium skin tone
    [InlineData("👩🏾‍🏭")] // woman factory worker, ZWJ sequence
    [InlineData("🇨🇦")] // flag: two regional indicators
    [InlineData("❤️")] // heart with emoji presentation selector
    public void An_emoji_sequence_stays_one_cluster_in_the_emoji_face_and_becomes_one_glyph(string emoji)
    {
        var line = Shaper.Shape(emoji, Bold);

        var run = Assert.Single(line.Runs);
        Assert.True(run.Face.IsEmoji);
        Assert.Equal(0, run.MissingGlyphs);
        // One picture wide: the sequence became one glyph, not a fist and a colour swatch side by side.
        Assert.InRange(run.Advance, 0.8f * Bold.Size, 1.6f * Bold.Size);
    }

    [Fact]
    public void Arabic_letters_are_shaped_into_their_joined_forms()
    {
        const string word = "تضامن";
        var run = Assert.Single(Shaper.Shape(word, Bold).Runs);
        var nominal = word.Select(c => (ushort)run.Face.NominalGlyph(c)).ToArray();

        Assert.True(run.RightToLeft);
        Assert.Equal(word.Length, run.Glyphs.Length);
        // Visual order is reversed, and the joined (initial/medial/final) forms are other glyphs than the isolated ones.
        Assert.NotEqual(nominal.Reverse().ToArray(), run.Glyphs);
        Assert.True(run.Glyphs.Zip(nominal.Reverse()).Count(p => p.First != p.Second) >= 4);
    }

    [Fact]
    public void Runs_of_mixed_arabic_and_latin_are_laid_out_in_visual_order()
    {
        var line = Shaper.Shape("تضامن مع ICE 2025", Bold);

        // Paragraph right to left: the Latin and the number come first from the left, the Arabic (typed first) last.
        Assert.Equal(1, line.ParagraphLevel);
        Assert.Equal("NotoSansArabic-Bold.ttf", line.Runs[^1].Face.Face.FileName);
        Assert.Equal(0, line.Runs[^1].TextStart);
        Assert.Equal("NotoSans-Bold.ttf", line.Runs[0].Face.Face.FileName);
    }

    [Fact]
    public void A_character_no_face_has_is_left_out_never_drawn_as_notdef()
    {
        var line = Shaper.Shape("ICE\uE000 out", Bold);

        Assert.All(line.Runs, r => Assert.Equal(0, r.MissingGlyphs));
        Assert.Null(ShippedFonts.Library.FaceFor("\uE000", bold: true));
        Assert.Equal(0xE000, ShippedFonts.Library.FirstUndrawable("ICE\uE000 out", bold: true));
        Assert.True(Shaper.Measure("ICE\uE000 out", Bold) < Shaper.Measure("ICEW out", Bold));
    }

    [Fact]
    public void Capitals_measure_wider_than_small_letters() =>
        Assert.True(Shaper.Measure("WORKERS", Bold) > Shaper.Measure("workers", Bold) * 1.1);
}
