using System.Text;
using System.Text.RegularExpressions;
using SolidarityFn.Pipeline.Signs;
using SolidarityFn.Pipeline.Text;

namespace SolidarityFn.Tests.Signs;

/// <summary>Signs in Arabic (shaped, right to left, mixed with Latin and digits) and Chinese/Japanese (wrapped between characters).</summary>
public partial class SignScriptsTests
{
    public const string Arabic = "تضامن مع عمال مينيسوتا";
    public const string Mixed = "ICE out of MN — تضامن";
    public const string Chinese = "我们与明尼苏达州的工人站在一起，反对移民执法局的突袭";
    public const string Japanese = "ミネソタの労働者と連帯します";

    private static readonly IReadOnlyList<string> Hashtags = ["#تضامن", "#团结", "#1u"];

    private static PageLayout Sign(string slogan, string? from, SignPaper paper) =>
        SignLayout.Sign(SignLayout.Fill(slogan, from), Hashtags, paper, new ShapedTextMeasure(ShippedFonts.Shaper));

    private static List<PlacedText> Slogan(PageLayout layout) => layout.Texts.Where(t => t.Role == "slogan").ToList();

    public static TheoryData<string, string?, SignPaper> Slogans() => new()
    {
        { Arabic, null, SignPaper.A4 },
        { Arabic, null, SignPaper.Letter },
        { Mixed, null, SignPaper.A4 },
        { "عمال ____ متضامنون مع مينيسوتا", "Toronto 2026", SignPaper.Letter },
        { Chinese, null, SignPaper.A4 },
        { Chinese, null, SignPaper.Letter },
        { Japanese, "トロントの教師", SignPaper.A4 },
    };

    [Theory]
    [MemberData(nameof(Slogans))]
    public void Every_text_box_of_an_arabic_or_cjk_sign_lies_inside_the_margins(string slogan, string? from, SignPaper paper)
    {
        var layout = Sign(slogan, from, paper);

        Assert.NotEmpty(Slogan(layout));
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
    public void Every_glyph_of_an_arabic_or_cjk_sign_is_a_real_glyph_of_a_shipped_face_never_a_box(string slogan, string? from, SignPaper paper)
    {
        var layout = Sign(slogan, from, paper);

        foreach (var text in layout.Texts)
        {
            var line = ShippedFonts.Shaper.Shape(text.Text, new TextStyle(ShapedTextMeasure.ShapingSize, text.Bold), text.Level);
            Assert.NotEmpty(line.Runs);
            Assert.All(line.Runs, run => Assert.Equal(0, run.MissingGlyphs));
        }
    }

    [Fact]
    public void An_arabic_slogan_reads_right_to_left_word_by_word_and_its_letters_are_joined()
    {
        var layout = Sign(Arabic, null, SignPaper.A4);
        var words = Slogan(layout).GroupBy(t => t.Baseline).OrderBy(g => g.Key)
            .SelectMany(line => line.OrderByDescending(t => t.X)).Select(t => t.Text);

        // Right to left, line after line: the words come back in the order they were typed.
        Assert.Equal(Arabic.Split(' '), words);
        Assert.All(Slogan(layout), t => Assert.Equal(1, t.Level));

        // Joined: the shaped word uses contextual forms, so it has other glyphs than its letters set one by one.
        var style = new TextStyle(ShapedTextMeasure.ShapingSize, true);
        var joined = ShippedFonts.Shaper.Shape("عمال", style, 1).Runs.SelectMany(r => r.Glyphs).ToArray();
        var isolated = "عمال".Select(c => ShippedFonts.Shaper.Shape(c.ToString(), style, 1).Runs.Single().Glyphs.Single()).Reverse().ToArray();
        Assert.NotEqual(isolated, joined);
    }

    [Fact]
    public void In_a_latin_line_an_arabic_word_comes_after_the_latin_words_on_the_right_and_is_set_right_to_left()
    {
        var layout = Sign(Mixed, null, SignPaper.A4);
        var cells = Slogan(layout).GroupBy(t => t.Baseline).OrderBy(g => g.Key).SelectMany(line => line.OrderBy(t => t.X)).ToList();

        Assert.Equal(["ICE", "out", "of", "MN", "—", "تضامن"], cells.Select(t => t.Text));
        Assert.Equal(1, cells[^1].Level);
        Assert.All(cells.SkipLast(1), t => Assert.Equal(0, t.Level));
    }

    [Fact]
    public void In_an_arabic_line_a_filled_latin_name_with_digits_keeps_its_own_order_and_ink_between_the_arabic_words()
    {
        var layout = Sign("عمال ____ متضامنون", "Toronto 2026", SignPaper.A4);
        var cells = Slogan(layout).GroupBy(t => t.Baseline).OrderBy(g => g.Key).SelectMany(line => line.OrderByDescending(t => t.X)).ToList();

        // Read right to left, line after line: عمال first, متضامنون last, the filled name between them in red…
        Assert.Equal("عمال", cells[0].Text);
        Assert.Equal("متضامنون", cells[^1].Text);
        var filled = cells.Where(t => t.Ink == SignInk.Filled).ToList();
        Assert.Equal(["Toronto", "2026"], filled.Select(t => t.Text).Order(StringComparer.Ordinal).Reverse());
        Assert.All(filled, t => Assert.Equal(0, t.Level));
        // …and inside it, left to right: where both words share a line, Toronto is on the left of 2026.
        if (filled[0].Baseline == filled[1].Baseline)
        {
            Assert.True(filled.Single(t => t.Text == "Toronto").X < filled.Single(t => t.Text == "2026").X);
        }
    }

    [Fact]
    public void A_chinese_slogan_without_spaces_wraps_between_characters_and_keeps_every_character_in_order()
    {
        var layout = Sign(Chinese, null, SignPaper.A4);
        var lines = Slogan(layout).GroupBy(t => t.Baseline).OrderBy(g => g.Key).Select(g => string.Concat(g.OrderBy(t => t.X).Select(t => t.Text))).ToList();

        Assert.True(lines.Count >= 2, $"{lines.Count} lines");
        Assert.Equal(Chinese, string.Concat(lines));
        // Never a line starting with the full-width comma (kinsoku).
        Assert.DoesNotContain(lines, l => l.StartsWith('，'));
        // Readable from across the room: ideographs at least 2 cm tall (the em box of CJK glyphs is about 0.88 of the size).
        Assert.True(layout.SloganSize * 0.88 >= 72 / 2.54 * 2, $"{layout.SloganSize} pt");
    }

    [Theory]
    [InlineData("团结就是力量", new[] { "团", "结", "就", "是", "力", "量" })]
    [InlineData("「連帯」です。", new[] { "「連", "帯」", "で", "す。" })]
    [InlineData("Solidarity", new[] { "Solidarity" })]
    [InlineData("MN的工人", new[] { "MN", "的", "工", "人" })]
    public void Cjk_words_break_between_characters_but_not_before_closing_or_after_opening_punctuation(string word, string[] pieces) =>
        Assert.Equal(pieces, SignLayout.BreakBetweenIdeographs(word));

    [Theory]
    [InlineData(Arabic, "sign-arabic")]
    [InlineData(Mixed, "sign-mixed")]
    [InlineData(Chinese, "sign-chinese")]
    [InlineData("Solidarity 😀 ✊🏽", "sign-emoji")]
    public void The_pdf_embeds_only_the_shipped_faces_it_needs(string slogan, string name)
    {
        var layout = Sign(slogan, null, SignPaper.A4);
        var pdf = SignPdf.Render(layout, slogan, ShippedFonts.Shaper);
        var shots = Path.Combine(Path.GetTempPath(), "shots");
        Directory.CreateDirectory(shots);
        File.WriteAllBytes(Path.Combine(shots, $"unit-{name}.pdf"), pdf);

        var text = Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-", text, StringComparison.Ordinal);
        // Faces cut down to the drawn glyphs (whole, Noto Sans Bold alone is 0.5 MB and the CJK face 20 MB).
        Assert.True(pdf.Length < 120_000, $"{pdf.Length} bytes");
        var fonts = BaseFont().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(fonts);
        // Subsets of Noto faces only: no system font was looked up for a missing glyph.
        Assert.All(fonts, f => Assert.StartsWith("Noto", f, StringComparison.Ordinal));
        if (slogan != Arabic && slogan != Mixed)
        {
            // The CJK face (CFF-flavoured OpenType) and the colour emoji (bitmaps) are embedded by Skia as Type 3 glyphs.
            Assert.Contains("/Type3", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("NotoSansArabic-Bold", fonts);
        }
    }

    [Fact]
    public void Hashtags_stay_in_the_organizers_order_left_to_right_when_one_is_arabic()
    {
        var layout = Sign(Arabic, null, SignPaper.A4);
        var tags = Assert.Single(layout.Texts, t => t.Role == "hashtags");
        var line = ShippedFonts.Shaper.Shape(tags.Text, new TextStyle(ShapedTextMeasure.ShapingSize, false), tags.Level);

        Assert.Equal(0, tags.Level);
        // Visual runs left to right: the Arabic tag (isolated, right to left inside) first, then 团结, then #1u.
        var runs = line.Runs.ToList();
        var arabic = runs.FindIndex(r => r.RightToLeft);
        var chinese = runs.FindIndex(r => tags.Text.Substring(r.TextStart, r.TextLength).Contains('团', StringComparison.Ordinal));
        Assert.InRange(arabic, 0, chinese - 1);
        Assert.Equal("\u2068#تضامن\u2069 #团结 #1u", tags.Text);
    }

    [GeneratedRegex(@"/BaseFont\s*/(?:[A-Z]{6}\+)?([A-Za-z0-9-]+)")]
    private static partial Regex BaseFont();
}
