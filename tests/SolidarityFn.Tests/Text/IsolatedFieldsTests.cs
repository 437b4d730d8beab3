using SkiaSharp;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Text;

namespace SolidarityFn.Tests.Text;

/// <summary>
/// Typed fields joined on one drawn line (union · sector · city, hashtags) are each their own bidi isolate: the fields
/// keep their order on screen whatever script each is in. Shaped with the shipped fonts (HarfBuzz and Skia are real).
/// </summary>
public class IsolatedFieldsTests
{
    private const char Fsi = '\u2068';
    private const char Pdi = '\u2069';
    private const string ArabicHospital = "مستشفى المدينة";
    private const string ArabicTeachersUnion = "نقابة المعلمين";

    private static readonly TextStyle Meta = new(36, Bold: false);

    [Fact]
    public void An_isolate_is_resolved_as_its_own_paragraph_above_a_line_that_sees_it_as_one_neutral()
    {
        var text = $"{Fsi}עוז{Pdi} · {Fsi}Oz 7{Pdi}";

        var levels = Bidi.Levels(text, Bidi.ParagraphLevel(text)).Select(l => (int)l).ToArray();

        // FSI, Hebrew (1: a right-to-left isolate in a left-to-right line), PDI, " · " (0), FSI, "Oz 7" (2: a left-to-right one), PDI.
        Assert.Equal([0, 1, 1, 1, 0, 0, 0, 0, 0, 2, 2, 2, 2, 0], levels);
        Assert.Equal(0, Bidi.ParagraphLevel(text));
        Assert.Null(Bidi.FirstStrongLevel($"{Fsi}שלום{Pdi} 12"));
        Assert.Equal(1, Bidi.FirstStrongLevel($"{Fsi}abc{Pdi} שלום"));
    }

    [Fact]
    public void A_right_to_left_union_does_not_pull_the_next_field_s_number_across_it()
    {
        var fields = new[] { "CUPE 79", ArabicHospital, "3 Rivers" };

        // What broke: joined plainly, "مستشفى المدينة · 3" is one right-to-left run, so the city's 3 is drawn left of the Arabic.
        var plain = Shape(string.Join(" · ", fields));
        var three = plain.Runs.Single(r => plain.Text.Substring(r.TextStart, r.TextLength).Contains('3', StringComparison.Ordinal));
        var arabic = plain.Runs.First(r => plain.Text.Substring(r.TextStart, r.TextLength).Contains('م', StringComparison.Ordinal));
        Assert.True(plain.Runs.ToList().IndexOf(three) < plain.Runs.ToList().IndexOf(arabic), "the premise: a plain join reorders the fields");

        var isolated = Shape(IsolatedFields.Join(fields, " · "));
        Assert.Equal([0, 1, 2], FieldsLeftToRight(isolated));
        // Inside its isolate the Arabic still reads right to left, as one run.
        var arabicRun = Assert.Single(isolated.Runs, r => r.RightToLeft);
        Assert.Equal(ArabicHospital, isolated.Text.Substring(arabicRun.TextStart, arabicRun.TextLength));
    }

    [Theory]
    [InlineData(ArabicTeachersUnion, "Health", "Montréal")]
    [InlineData("نقابة العمال 12", "", "Toronto")]
    [InlineData("Local 1", "التعليم", "Winnipeg")]
    public void Latin_fields_beside_a_right_to_left_one_keep_the_typed_order_left_to_right(string union, string sector, string city)
    {
        var line = Shape(IsolatedFields.Join([union, sector, city], " · "));

        var expected = Enumerable.Range(0, new[] { union, sector, city }.Count(f => f.Length > 0)).ToArray();
        Assert.Equal(expected, FieldsLeftToRight(line));
        Assert.All(line.Runs, r => Assert.Equal(0, r.MissingGlyphs));
    }

    [Fact]
    public void A_line_of_right_to_left_fields_only_reads_right_to_left_union_first_on_the_right()
    {
        var text = IsolatedFields.Join([ArabicTeachersUnion, "79", "القاهرة"], " · ");

        Assert.Equal(IsolatedFields.RightToLeftMark, text[0]);
        Assert.Equal([2, 1, 0], FieldsLeftToRight(Shape(text)));
    }

    [Fact]
    public void Bidi_controls_typed_into_a_field_are_dropped_so_the_letters_are_drawn_in_typed_order()
    {
        // "CUPE ‮1234 lacol" would draw as "CUPE local 4321" with the override honoured.
        var text = IsolatedFields.Join(["CUPE \u202E1234 lacol\u202C", "\u2067Toronto"], " · ");

        Assert.Equal($"{Fsi}CUPE 1234 lacol{Pdi} · {Fsi}Toronto{Pdi}", text);
        Assert.Equal("CUPE 1234 lacol · Toronto", IsolatedFields.Strip(text));
        Assert.DoesNotContain(Shape(text).Runs, r => r.RightToLeft);
    }

    [Fact]
    public void Empty_fields_are_left_out_and_nothing_is_nothing()
    {
        Assert.Equal($"{Fsi}Local 1{Pdi} · {Fsi}Toronto{Pdi}", IsolatedFields.Join(["Local 1", "  ", null, "Toronto"], " · "));
        Assert.Equal(string.Empty, IsolatedFields.Join([null, " "], " · "));
    }

    [Fact]
    public void A_field_cut_by_a_line_break_stays_isolated_on_the_next_line()
    {
        var lines = IsolatedFields.ContinueAcrossLines([$"{Fsi}#One{Pdi} {Fsi}#Two", $"words{Pdi} {Fsi}#Three{Pdi}", "#Four"]);

        Assert.Equal([$"{Fsi}#One{Pdi} {Fsi}#Two", $"{Fsi}words{Pdi} {Fsi}#Three{Pdi}", "#Four"], lines);
    }

    [Fact]
    public async Task The_lower_third_draws_an_arabic_union_left_of_its_latin_city()
    {
        var text = new SegmentText(new TextPainter(ShippedFonts.Shaper));
        var clip = new AssemblyClip("s1", 6, 0, null, "Solidarity from Toronto", "نقابة العمال 79", "Health", "3 Rivers");
        var format = AssemblyFormats.Landscape;
        var path = Path.Combine(Path.GetTempPath(), "shots", "lower-third-isolated-fields.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        var overlay = await text.LowerThirdAsync(clip.Caption, clip.MetaLine, format, path, CancellationToken.None);

        // The meta line as drawn: its runs' x extents, field by field, left to right (and the picture for a person to look at).
        Assert.NotNull(overlay);
        var block = text.Meta(clip.MetaLine, format);
        Assert.Equal([0, 1, 2], FieldsLeftToRight(Assert.Single(block.Lines)));
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(format.Width, bitmap.Width);
    }

    private static ShapedLine Shape(string text) => ShippedFonts.Shaper.Shape(text, Meta, Bidi.ParagraphLevel(text));

    /// <summary>
    /// Which field (its index in the joined text, found from the FSI … PDI pairs) each glyph run belongs to, in drawing
    /// order, left to right, with repeats collapsed; a field drawn in two places shows up twice.
    /// For text without isolates, fields are the parts between " · ".
    /// </summary>
    private static int[] FieldsLeftToRight(ShapedLine line)
    {
        var ranges = FieldRanges(line.Text);
        var order = new List<int>();
        foreach (var run in line.Runs)
        {
            var field = ranges.FindIndex(r => run.TextStart >= r.Start && run.TextStart < r.End);
            if (field >= 0 && line.Text.Substring(run.TextStart, run.TextLength).Trim().Length > 0 && (order.Count == 0 || order[^1] != field))
            {
                order.Add(field);
            }
        }

        return [.. order];
    }

    private static List<(int Start, int End)> FieldRanges(string text)
    {
        var ranges = new List<(int, int)>();
        for (var i = text.IndexOf(Fsi, StringComparison.Ordinal); i >= 0; i = text.IndexOf(Fsi, i + 1))
        {
            var end = text.IndexOf(Pdi, i + 1);
            ranges.Add((i + 1, end < 0 ? text.Length : end));
        }

        return ranges;
    }
}
