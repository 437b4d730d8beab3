using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Signs;

namespace SolidarityFn.Tests.Signs;

public class SignLayoutTests
{
    private const double TwoCentimetres = 72 / 2.54 * 2;

    public const string ShortSlogan = "Solidarity!";

    /// <summary>60 characters, with a blank.</summary>
    public const string LongSlogan = "____ stand with Minnesota workers against ICE: we are united";


    private static readonly IReadOnlyList<string> Hashtags = ["#ICEOutOfMinnesota", "#Solidarity", "#1u"];

    private static PageLayout Sign(string slogan, string? from, SignPaper paper, IReadOnlyList<string>? hashtags = null) =>
        SignLayout.Sign(SignLayout.Fill(slogan, from), hashtags ?? Hashtags, paper, new ShapedTextMeasure(ShippedFonts.Shaper));

    public static TheoryData<string, string?, SignPaper> Slogans() => new()
    {
        { ShortSlogan, null, SignPaper.A4 },
        { ShortSlogan, null, SignPaper.Letter },
        { LongSlogan, "Toronto teachers", SignPaper.A4 },
        { LongSlogan, "Toronto teachers", SignPaper.Letter },
        { LongSlogan, null, SignPaper.A4 },
        { "Les travailleuses et travailleurs de ____ sont solidaires du Minnesota", "Montréal", SignPaper.Letter },
    };

    [Theory]
    [MemberData(nameof(Slogans))]
    public void Every_text_box_lies_inside_the_margins_of_a_landscape_page(string slogan, string? from, SignPaper paper)
    {
        var layout = Sign(slogan, from, paper);

        Assert.True(layout.Width > layout.Height, "landscape");
        Assert.NotEmpty(layout.Texts);
        foreach (var text in layout.Texts)
        {
            Assert.True(text.X >= SignLayout.Margin - 0.01, $"{text.Text} starts at {text.X}");
            Assert.True(text.X + text.Width <= layout.Width - SignLayout.Margin + 0.01, $"{text.Text} ends at {text.X + text.Width}");
            Assert.True(text.Top >= SignLayout.Margin - 0.01, $"{text.Text} top {text.Top}");
            Assert.True(text.Top + text.Height <= layout.Height - SignLayout.Margin + 0.01, $"{text.Text} bottom {text.Top + text.Height}");
        }
    }

    [Theory]
    [MemberData(nameof(Slogans))]
    public void A_slogan_of_up_to_60_characters_has_capitals_at_least_2_cm_high(string slogan, string? from, SignPaper paper)
    {
        var layout = Sign(slogan, from, paper);
        var measure = new ShapedTextMeasure(ShippedFonts.Shaper);

        // Cap height = size × capHeight / unitsPerEm of Noto Sans Bold (714/1000).
        var capHeight = layout.SloganSize * measure.CapHeightPerPoint(bold: true);
        Assert.InRange(measure.CapHeightPerPoint(bold: true), 0.70, 0.73);
        Assert.True(capHeight >= TwoCentimetres, $"cap height {capHeight / 72 * 2.54:0.00} cm at {layout.SloganSize} pt for \"{slogan}\"");
    }

    [Fact]
    public void A_short_slogan_is_set_larger_than_a_long_one_and_on_fewer_lines()
    {
        var small = Sign(ShortSlogan, null, SignPaper.A4);
        var large = Sign(LongSlogan, "Toronto teachers", SignPaper.A4);

        Assert.True(small.SloganSize > large.SloganSize * 1.5, $"{small.SloganSize} vs {large.SloganSize}");
        Assert.Equal(1, small.SloganLines);
        Assert.True(large.SloganLines >= 2);
    }

    [Fact]
    public void The_filled_blank_is_in_its_own_ink_and_the_rest_of_the_slogan_is_not()
    {
        var layout = Sign(LongSlogan, "Toronto teachers", SignPaper.A4);
        var slogan = layout.Texts.Where(t => t.Role == "slogan").ToList();

        Assert.Equal(["Toronto", "teachers"], slogan.Where(t => t.Ink == SignInk.Filled).Select(t => t.Text));
        Assert.All(slogan.Where(t => t.Ink != SignInk.Filled), t => Assert.Equal(SignInk.Text, t.Ink));
        Assert.DoesNotContain(slogan, t => t.Text.Contains('_', StringComparison.Ordinal));
        Assert.Equal("Toronto teachers stand with Minnesota workers against ICE: we are united", string.Join(' ', slogan.Select(t => t.Text)));
    }

    [Fact]
    public void A_blank_left_empty_stays_a_line_to_write_on()
    {
        var runs = SignLayout.Fill(LongSlogan, from: null);

        Assert.Equal(new SignRun("__________", true), runs[0]);
    }

    [Fact]
    public void A_word_half_blank_half_slogan_keeps_both_inks_side_by_side()
    {
        var layout = Sign("____'s workers support you", "Toronto", SignPaper.A4);
        var first = layout.Texts.Where(t => t.Role == "slogan").Take(2).ToList();

        Assert.Equal(("Toronto", SignInk.Filled), (first[0].Text, first[0].Ink));
        Assert.Equal(("'s", SignInk.Text), (first[1].Text, first[1].Ink));
        Assert.Equal(first[0].X + first[0].Width, first[1].X, 3);
    }

    [Fact]
    public void A_single_over_long_word_shrinks_the_type_until_it_fits_and_is_never_cut()
    {
        var word = "Solidaritätsgewerkschaftsversammlungsbeschluss";
        var layout = Sign(word, null, SignPaper.Letter);
        var texts = layout.Texts.Where(t => t.Role == "slogan").ToList();

        Assert.Equal(word, Assert.Single(texts).Text);
        Assert.True(texts[0].Width <= layout.Width - (2 * SignLayout.Margin));
        Assert.True(layout.SloganSize < Sign("Solidarity", null, SignPaper.Letter).SloganSize);
    }

    [Fact]
    public void Lines_do_not_overlap_and_words_are_wrapped_on_their_boundaries()
    {
        var layout = Sign(LongSlogan, "Toronto teachers", SignPaper.Letter);
        var lines = layout.Texts.Where(t => t.Role == "slogan").GroupBy(t => t.Baseline).OrderBy(g => g.Key).ToList();

        Assert.Equal(layout.SloganLines, lines.Count);
        for (var i = 1; i < lines.Count; i++)
        {
            // Capitals and descenders of neighbouring lines stay apart.
            Assert.True(lines[i].Key - lines[i - 1].Key >= layout.SloganSize, "line advance");
        }

        foreach (var line in lines)
        {
            var ordered = line.OrderBy(t => t.X).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i].X >= ordered[i - 1].X + ordered[i - 1].Width - 0.01, "no two words overlap");
            }
        }
    }

    [Fact]
    public void The_hashtags_are_small_and_below_the_slogan()
    {
        var layout = Sign(ShortSlogan, null, SignPaper.A4);
        var hashtags = Assert.Single(layout.Texts, t => t.Role == "hashtags");
        var slogan = layout.Texts.Where(t => t.Role == "slogan").ToList();

        Assert.Equal("#ICEOutOfMinnesota #Solidarity #1u", hashtags.Text);
        Assert.True(hashtags.Size <= SignLayout.HashtagSize);
        Assert.Equal(SignInk.Muted, hashtags.Ink);
        Assert.True(hashtags.Top > slogan.Max(t => t.Top + t.Height), "below the slogan");
    }

    [Fact]
    public void Many_hashtags_shrink_and_wrap_inside_the_page()
    {
        var many = Enumerable.Range(1, 30).Select(i => $"#SolidarityForever{i}").ToList();
        var layout = Sign(ShortSlogan, null, SignPaper.A4, many);
        var tags = layout.Texts.Where(t => t.Role == "hashtags").ToList();

        Assert.True(tags.Count >= 2);
        Assert.All(tags, t => Assert.True(t.X + t.Width <= layout.Width - SignLayout.Margin + 0.01));
        Assert.Equal(string.Join(' ', many), string.Join(' ', tags.Select(t => t.Text)));
    }
}
