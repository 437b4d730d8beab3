using SolidarityFn.Pipeline.Text;

namespace SolidarityFn.Tests.Text;

public class BidiTests
{
    private const string Arabic = "تضامن مع عمال مينيسوتا";

    /// <summary>The characters of <paramref name="text"/> in display order, left to right (L2 on code units).</summary>
    private static string Visual(string text)
    {
        var levels = Bidi.Levels(text, Bidi.ParagraphLevel(text));
        return string.Concat(Bidi.VisualOrder(levels).Select(i => text[i]));
    }

    [Theory]
    [InlineData("Solidarity", 0)]
    [InlineData(Arabic, 1)]
    [InlineData("2025 تضامن", 1)]
    [InlineData("«ICE» تضامن", 0)]
    [InlineData("123 !!", 0)]
    [InlineData("", 0)]
    public void The_paragraph_takes_the_direction_of_its_first_strong_character(string text, int level) =>
        Assert.Equal(level, Bidi.ParagraphLevel(text));

    [Fact]
    public void Arabic_runs_right_to_left_and_its_first_typed_letter_is_drawn_rightmost()
    {
        var visual = Visual(Arabic);
        Assert.Equal(new string(Arabic.Reverse().ToArray()), visual);
        Assert.Equal(Arabic[0], visual[^1]);
    }

    [Fact]
    public void Numbers_inside_arabic_keep_their_digit_order()
    {
        // "Local 2025 stands with them": the number reads left to right inside the right-to-left sentence.
        const string text = "نقابة 2025 معكم";
        var visual = Visual(text);
        Assert.Equal("مكعم 2025 ةباقن", visual);
        Assert.Equal([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1, 1], Bidi.Levels(text, 1).Select(l => (int)l));
    }

    [Fact]
    public void A_latin_word_inside_arabic_stays_left_to_right_and_arabic_inside_latin_is_reversed()
    {
        Assert.Equal("ICE عم نماضت", Visual("تضامن مع ICE"));
        Assert.Equal("Solidarity عم نماضت today", Visual("Solidarity تضامن مع today"));
    }

    [Fact]
    public void Percent_and_decimal_separators_join_european_numbers_and_arabic_letters_make_digits_arabic_numbers()
    {
        // W5: 100% is one number; W4: 3.5 is one number.
        var levels = Bidi.ResolveLevels([BidiType.R, BidiType.WS, BidiType.EN, BidiType.EN, BidiType.ET], 1);
        Assert.Equal([1, 1, 2, 2, 2], levels.Select(l => (int)l));
        var decimals = Bidi.ResolveLevels([BidiType.L, BidiType.WS, BidiType.EN, BidiType.CS, BidiType.EN], 0);
        Assert.Equal([0, 0, 0, 0, 0], decimals.Select(l => (int)l));
        // W2: after an Arabic letter, European digits are Arabic numbers (level 2 in a right-to-left paragraph).
        var arabicDigits = Bidi.ResolveLevels([BidiType.AL, BidiType.EN], 0);
        Assert.Equal([1, 2], arabicDigits.Select(l => (int)l));
    }

    [Fact]
    public void Marks_take_the_direction_of_their_letter_and_trailing_spaces_the_paragraphs()
    {
        var levels = Bidi.ResolveLevels([BidiType.L, BidiType.WS, BidiType.R, BidiType.NSM, BidiType.WS, BidiType.WS], 0);
        Assert.Equal([0, 0, 1, 1, 0, 0], levels.Select(l => (int)l));
    }

    [Fact]
    public void Neutrals_between_two_right_to_left_runs_are_right_to_left_and_between_different_ones_take_the_paragraphs()
    {
        Assert.Equal([1, 1, 1], Bidi.ResolveLevels([BidiType.R, BidiType.ON, BidiType.R], 0).Select(l => (int)l));
        Assert.Equal([0, 0, 1], Bidi.ResolveLevels([BidiType.L, BidiType.ON, BidiType.R], 0).Select(l => (int)l));
        Assert.Equal([2, 1, 1], Bidi.ResolveLevels([BidiType.L, BidiType.ON, BidiType.R], 1).Select(l => (int)l));
    }

    [Fact]
    public void Reordering_reverses_from_the_highest_level_down()
    {
        // Levels 0 1 2 1 0: the inner 2 is reversed alone (no change), then 1..3 as a whole.
        Assert.Equal([0, 3, 2, 1, 4], Bidi.VisualOrder([0, 1, 2, 1, 0]));
        Assert.Equal([3, 1, 2, 0], Bidi.VisualOrder([1, 2, 2, 1]));
        Assert.Empty(Bidi.VisualOrder([]));
    }

    [Theory]
    [InlineData('a', BidiType.L)]
    [InlineData('ب', BidiType.AL)]
    [InlineData('ש', BidiType.R)]
    [InlineData('5', BidiType.EN)]
    [InlineData('٥', BidiType.AN)]
    [InlineData('%', BidiType.ET)]
    [InlineData(',', BidiType.CS)]
    [InlineData('-', BidiType.ES)]
    [InlineData(' ', BidiType.WS)]
    [InlineData('!', BidiType.ON)]
    [InlineData('\u064E', BidiType.NSM)]
    [InlineData('\u200D', BidiType.BN)]
    [InlineData('中', BidiType.L)]
    [InlineData('ሰ', BidiType.L)]
    public void Types_come_from_the_blocks(char c, BidiType type) => Assert.Equal(type, Bidi.TypeOf(c));
}
