using System.Text;
using SolidarityFn.Pipeline.Assembly;

namespace SolidarityFn.Tests.Assembly;

public class CaptionTextFilesTests
{
    [Fact]
    public void Long_captions_wrap_at_word_boundaries_within_the_width()
    {
        var lines = CaptionTextFiles.Wrap("Workers across Canada stand with Minnesota today", 20, 3);
        Assert.Equal(["Workers across", "Canada stand with", "Minnesota today"], lines);
        Assert.All(lines, l => Assert.True(l.Length <= 20));
    }

    [Fact]
    public void Lines_are_filled_by_what_the_width_check_accepts_not_by_a_character_count()
    {
        // A stand-in width: capitals count double, as they are drawn about twice as wide.
        static bool Fits(string line) => line.Sum(c => char.IsUpper(c) ? 2 : 1) <= 13;

        Assert.Equal(["ICE OUT", "of MN now"], CaptionTextFiles.Wrap("ICE OUT of MN now", Fits, 3));
        Assert.Equal(["small words", "fit more"], CaptionTextFiles.Wrap("small words fit more", Fits, 3));
    }

    [Fact]
    public void A_word_too_wide_for_a_line_is_split_where_the_width_check_says()
    {
        static bool Fits(string line) => line.Length <= 4;

        Assert.Equal(["abcd", "efgh", "ij"], CaptionTextFiles.Wrap("abcdefghij", Fits, 5));
    }

    [Fact]
    public void The_ellipsis_of_a_cut_caption_fits_the_width_too()
    {
        static bool Fits(string line) => line.Length <= 6;

        var lines = CaptionTextFiles.Wrap("abcdef ghijkl mnopqr", Fits, 2);

        Assert.Equal(["abcdef", "ghijk…"], lines);
        Assert.All(lines, l => Assert.True(Fits(l)));
    }

    [Fact]
    public void Arabic_wraps_in_typed_order_keeping_words_whole()
    {
        const string arabic = "تضامن مع عمال مينيسوتا";
        var lines = CaptionTextFiles.Wrap(arabic, 10, 3);

        // Logical order, whole words: drawtext's FriBiDi then lays out each line right to left.
        Assert.Equal(["تضامن مع", "عمال", "مينيسوتا"], lines);
        Assert.Equal(arabic, string.Join(' ', lines));
    }

    [Fact]
    public void Too_many_lines_end_with_an_ellipsis()
    {
        var lines = CaptionTextFiles.Wrap("one two three four five six", 9, 2);
        Assert.Equal(["one two", "three…"], lines);
    }

    [Fact]
    public void Combining_marks_are_not_split_from_their_letters()
    {
        var word = string.Concat(Enumerable.Repeat("q\u0301", 12));
        var lines = CaptionTextFiles.Wrap(word, 5, 5);
        Assert.All(lines, l => Assert.NotEqual('\u0301', l[0]));
    }

    [Fact]
    public void Hostile_text_is_kept_literally_on_one_line()
    {
        const string hostile = "Solidarité: \"ICE out\" 100% \\ %{pts}";
        Assert.Equal([hostile], CaptionTextFiles.Wrap("  " + hostile + "\r\n", 80, 3));
        Assert.Empty(CaptionTextFiles.Wrap(" \n\t ", 80, 3));
    }

    [Fact]
    public void Chinese_breaks_between_characters_but_not_before_closing_punctuation()
    {
        // 我们和明尼苏达的工人站在一起。 (We stand with Minnesota's workers.) — 4 characters a line at most.
        var lines = CaptionTextFiles.Wrap("我们和明尼苏达的工人站在一起。", 4, 5);

        Assert.Equal(["我们和明", "尼苏达的", "工人站在", "一起。"], lines);
        Assert.Equal(["我", "们", "和"], CaptionTextFiles.BreakableParts("我们和"));
        Assert.Equal(["一", "起。"], CaptionTextFiles.BreakableParts("一起。"));
    }

    [Fact]
    public void Latin_words_inside_chinese_stay_whole()
    {
        Assert.Equal(["我", "爱", "Minnesota"], CaptionTextFiles.BreakableParts("我爱Minnesota"));
        Assert.Equal(["Minnesota"], CaptionTextFiles.BreakableParts("Minnesota"));
    }
}
