using SolidarityFn.Pipeline.Signs;

namespace SolidarityFn.Tests.Signs;

public class SignTextTests
{
    private static readonly SignText Text = new(ShippedFonts.Library);

    [Theory]
    [InlineData("Toronto teachers")]
    [InlineData("Travailleuses de Montréal, Québec")]
    [InlineData("Trabajadores de la educación — ¡Sí se puede!")]
    [InlineData("Łódź, Ελλάδα, Київ")]
    [InlineData("Solidarity\u200D")]
    [InlineData("Montre\u0301al")]
    [InlineData("a\u0323\u0301")]
    [InlineData("تضامن مع عمال مينيسوتا")]
    [InlineData("ICE out of MN — تضامن")]
    [InlineData("团结就是力量")]
    [InlineData("ミネソタの労働者と連帯")]
    [InlineData("Hà Nội")]
    public void Latin_accents_arabic_and_cjk_are_printable_with_the_shipped_fonts(string text) =>
        Assert.Null(Text.Problem(text));

    [Theory]
    [InlineData("བོད", "U+0F56")]
    [InlineData("שלום", "U+05E9")]
    [InlineData("private \uE000", "U+E000")]
    public void A_character_no_shipped_font_has_is_named(string text, string name)
    {
        var problem = Text.Problem(text);

        Assert.NotNull(problem);
        Assert.Contains(name, problem, StringComparison.Ordinal);
        Assert.Contains("cannot be printed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Accents_typed_apart_are_folded_into_their_letters_and_invisible_marks_kept_for_the_shaper() =>
        Assert.Equal("Montréal\u200F", SignText.Printable("Montre\u0301al\u200F"));

    [Theory]
    [InlineData(null, SignPaper.A4)]
    [InlineData("", SignPaper.A4)]
    [InlineData("A4", SignPaper.A4)]
    [InlineData("letter", SignPaper.Letter)]
    public void Paper_names_are_read_in_any_case(string? value, SignPaper paper)
    {
        Assert.True(SignPapers.TryParse(value, out var parsed));
        Assert.Equal(paper, parsed);
    }

    [Theory]
    [InlineData("legal")]
    [InlineData("a3")]
    public void Other_papers_are_refused(string value) => Assert.False(SignPapers.TryParse(value, out _));

    [Fact]
    public void Landscape_a4_and_letter_have_their_sizes_in_points()
    {
        Assert.Equal((841.89, 595.276), SignPapers.Size(SignPaper.A4, landscape: true));
        Assert.Equal((792.0, 612.0), SignPapers.Size(SignPaper.Letter, landscape: true));
    }
}
