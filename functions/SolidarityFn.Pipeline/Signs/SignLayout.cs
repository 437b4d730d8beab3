using System.Text.RegularExpressions;
using SolidarityFn.Pipeline.Text;

namespace SolidarityFn.Pipeline.Signs;

/// <summary>Paper sizes offered for printing, in PDF points (1/72 inch).</summary>
public enum SignPaper
{
    A4,
    Letter,
}

public static class SignPapers
{
    /// <summary>"a4" or "letter" (any case); empty means A4.</summary>
    public static bool TryParse(string? value, out SignPaper paper)
    {
        paper = SignPaper.A4;
        if (string.IsNullOrEmpty(value) || value.Equals("a4", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value.Equals("letter", StringComparison.OrdinalIgnoreCase))
        {
            paper = SignPaper.Letter;
            return true;
        }

        return false;
    }

    /// <summary>Width and height in points: A4 210 × 297 mm, US Letter 8.5 × 11 in; turned for landscape.</summary>
    public static (double Width, double Height) Size(SignPaper paper, bool landscape)
    {
        var (w, h) = paper == SignPaper.Letter ? (612.0, 792.0) : (595.276, 841.89);
        return landscape ? (h, w) : (w, h);
    }
}

/// <summary>Ink of a text: the slogan, the filled-in blank (a contrasting colour), small print.</summary>
public enum SignInk
{
    Text,
    Filled,
    Muted,
}

/// <summary>
/// A piece of text placed on the page; its box (top-left, width, height) is where its glyphs may reach.
/// <paramref name="Level"/> is the bidi paragraph level it is shaped with: 1 sets it right to left (an Arabic word, or a
/// line whose first strong letter is Arabic), 0 left to right.
/// </summary>
public sealed record PlacedText(string Role, string Text, double X, double Baseline, double Width, double Size, bool Bold, SignInk Ink, double Ascent, double Descent, int Level = 0)
{
    public double Top => Baseline - Ascent;

    public double Height => Ascent + Descent;
}

/// <summary>A laid-out page: every text with its box, and the QR code's square when there is one.</summary>
public sealed record PageLayout(double Width, double Height, IReadOnlyList<PlacedText> Texts, double SloganSize = 0, int SloganLines = 0, QrPlacement? Qr = null);

public sealed record QrPlacement(double X, double Y, double Side);

/// <summary>A stretch of the slogan: its text and whether it is the filled-in blank.</summary>
public sealed record SignRun(string Text, bool Filled);

/// <summary>
/// Lays out a sign: the slogan in the largest bold type that fits inside the margins, wrapped on word boundaries (a
/// word wider than the page makes the type smaller, it is never cut), centred; the hashtags small at the bottom.
/// Pure: sizes come from <see cref="ITextMeasure"/>, so the boxes are what the PDF draws and tests check them.
/// </summary>
public static partial class SignLayout
{
    /// <summary>Margin on every side: half an inch (1.27 cm), inside what home and office printers can print.</summary>
    public const double Margin = 36;

    /// <summary>Line advance as a multiple of the size: tight, as on a placard.</summary>
    public const double LineAdvance = 1.12;

    public const double MinSloganSize = 6;
    public const double HashtagSize = 18;
    public const double MinHashtagSize = 8;

    /// <summary>A blank in a slogan: three or more underscores.</summary>
    [GeneratedRegex("_{3,}", RegexOptions.CultureInvariant)]
    public static partial Regex Blank();

    /// <summary>The slogan cut into runs, each blank replaced by <paramref name="from"/> (or left as a line to write on).</summary>
    public static IReadOnlyList<SignRun> Fill(string slogan, string? from)
    {
        ArgumentNullException.ThrowIfNull(slogan);
        var runs = new List<SignRun>();
        var at = 0;
        foreach (Match blank in Blank().Matches(slogan))
        {
            if (blank.Index > at)
            {
                runs.Add(new SignRun(slogan[at..blank.Index], false));
            }

            runs.Add(new SignRun(string.IsNullOrEmpty(from) ? "__________" : from, true));
            at = blank.Index + blank.Length;
        }

        if (at < slogan.Length)
        {
            runs.Add(new SignRun(slogan[at..], false));
        }

        return runs;
    }

    public static PageLayout Sign(IReadOnlyList<SignRun> runs, IReadOnlyList<string> hashtags, SignPaper paper, ITextMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(hashtags);
        ArgumentNullException.ThrowIfNull(measure);
        var (pageWidth, pageHeight) = SignPapers.Size(paper, landscape: true);
        var width = pageWidth - (2 * Margin);
        var texts = new List<PlacedText>();

        // Hashtags first: the band they take at the bottom is what the slogan may not use.
        var bottom = pageHeight - Margin;
        if (hashtags.Count > 0)
        {
            // A right-to-left hashtag is isolated (FSI … PDI), so the line keeps the organizers' order from left to
            // right and "#" stays on its own tag's side instead of being pulled to a neighbour by the bidi rules.
            var line = string.Join(' ', hashtags.Select(h => Bidi.FirstStrongLevel(h) == 1 ? "\u2068" + h + "\u2069" : h));
            var placed = Paragraph("hashtags", line, bold: false, SignInk.Muted, width, HashtagSize, MinHashtagSize, maxHeight: 80, measure);
            var band = placed.Count == 0 ? 0 : placed[^1].Baseline + placed[^1].Descent - placed[0].Top;
            var shift = bottom - band;
            texts.AddRange(placed.Select(p => p with { Baseline = p.Baseline + shift, X = p.X + Margin }));
            bottom = shift - 18;
        }

        var height = bottom - Margin;
        var words = Words(runs);
        var whole = string.Concat(runs.Select(r => r.Text));
        // The direction of the whole slogan (its first strong letter) orders the words of every line.
        var paragraphLevel = Bidi.ParagraphLevel(whole);
        var ascent = measure.AscentPerPoint(bold: true, whole);
        var descent = measure.DescentPerPoint(bold: true, whole);
        var size = Math.Floor(height / (ascent + descent) * 2) / 2;
        List<List<int>> lines = [];
        for (; size > MinSloganSize; size -= 0.5)
        {
            if (words.Any(w => WordWidth(w, size, measure) > width))
            {
                continue;
            }

            lines = Wrap(words.Count, i => WordWidth(words[i], size, measure), i => words[i].SpaceBefore ? measure.Width(" ", true, size) : 0, width);
            // The line as drawn (bidi cells measured apart) must fit too, not only the sum of its words.
            if (BlockHeight(lines.Count, size, ascent, descent) <= height && lines.All(l => VisualLine(l, words, paragraphLevel, size, measure).Width <= width))
            {
                break;
            }
        }

        if (size <= MinSloganSize)
        {
            size = MinSloganSize;
            lines = Wrap(words.Count, i => WordWidth(words[i], size, measure), i => words[i].SpaceBefore ? measure.Width(" ", true, size) : 0, width);
        }

        var block = BlockHeight(lines.Count, size, ascent, descent);
        var baseline = Margin + ((height - block) / 2) + (ascent * size);
        foreach (var line in lines)
        {
            var visual = VisualLine(line, words, paragraphLevel, size, measure);
            var x = Margin + ((width - visual.Width) / 2);
            foreach (var cell in visual.Cells)
            {
                if (!cell.Space)
                {
                    texts.Add(new PlacedText("slogan", cell.Text, x, baseline, cell.Width, size, true, cell.Filled ? SignInk.Filled : SignInk.Text, ascent * size, descent * size, cell.Level % 2));
                }

                x += cell.Width;
            }

            baseline += size * LineAdvance;
        }

        return new PageLayout(pageWidth, pageHeight, texts, size, lines.Count);
    }

    /// <summary>One piece of a laid-out line: a word's run (or part of it at one bidi level) or the space between words.</summary>
    private sealed record Cell(string Text, bool Filled, bool Space, int Level, double Width);

    private sealed record VisualCells(IReadOnlyList<Cell> Cells)
    {
        public double Width => Cells.Sum(c => c.Width);
    }

    /// <summary>
    /// A line's cells from left to right: the words' runs and the spaces between them in logical order, cut where the
    /// bidi level changes (UAX #9 levels of the whole line at the slogan's paragraph level), then reordered (L2). So an
    /// Arabic line reads right to left word by word, a Latin name or a number inside it keeps its own order, and the
    /// filled blank keeps its ink wherever it lands. Letters are joined within a cell; a cell edge is a space or a
    /// change of script or ink, where Arabic does not join anyway.
    /// </summary>
    private static VisualCells VisualLine(List<int> line, List<SlotWord> words, int paragraphLevel, double size, ITextMeasure measure)
    {
        var logical = new List<(string Text, bool Filled, bool Space)>();
        foreach (var (wordIndex, k) in line.Select((w, k) => (w, k)))
        {
            if (k > 0 && words[wordIndex].SpaceBefore)
            {
                logical.Add((" ", false, true));
            }

            logical.AddRange(words[wordIndex].Runs.Select(r => (r.Text, r.Filled, false)));
        }

        var text = string.Concat(logical.Select(c => c.Text));
        var levels = Bidi.Levels(text, paragraphLevel);
        var cells = new List<Cell>();
        var at = 0;
        foreach (var (piece, filled, space) in logical)
        {
            var start = 0;
            for (var i = 1; i <= piece.Length; i++)
            {
                if (i == piece.Length || levels[at + i] != levels[at + start])
                {
                    var part = piece[start..i];
                    cells.Add(new Cell(part, filled, space, levels[at + start], measure.Width(part, true, size)));
                    start = i;
                }
            }

            at += piece.Length;
        }

        var order = Bidi.VisualOrder(cells.Select(c => (byte)c.Level).ToArray());
        return new VisualCells(order.Select(i => cells[i]).ToList());
    }

    /// <summary>
    /// A paragraph in the largest size from <paramref name="maxSize"/> down to <paramref name="minSize"/> that fits
    /// <paramref name="maxHeight"/>, wrapped on spaces and between CJK characters (a word wider than the box is broken
    /// between characters, as a link must be); placed from (0, 0), centred in <paramref name="width"/>, every line set
    /// in the direction of the whole paragraph. Past the smallest size, the lines that do not fit are left out and the
    /// last one kept ends with an ellipsis.
    /// </summary>
    public static List<PlacedText> Paragraph(string role, string text, bool bold, SignInk ink, double width, double maxSize, double minSize, double maxHeight, ITextMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(measure);
        var ascent = measure.AscentPerPoint(bold, text);
        var descent = measure.DescentPerPoint(bold, text);
        var level = Bidi.ParagraphLevel(text);
        var size = maxSize;
        List<string> lines;
        while (true)
        {
            lines = WrapText(text, bold, size, width, measure);
            if (BlockHeight(lines.Count, size, ascent, descent) <= maxHeight || size <= minSize)
            {
                break;
            }

            size = Math.Max(minSize, size - 0.5);
        }

        while (lines.Count > 1 && BlockHeight(lines.Count, size, ascent, descent) > maxHeight)
        {
            lines.RemoveAt(lines.Count - 1);
            var last = TextElements(lines[^1]).ToList();
            while (last.Count > 0 && measure.Width(string.Concat(last) + "…", bold, size) > width)
            {
                last.RemoveAt(last.Count - 1);
            }

            lines[^1] = string.Concat(last).TrimEnd() + "…";
        }

        var placed = new List<PlacedText>();
        var baseline = ascent * size;
        foreach (var line in lines)
        {
            var w = measure.Width(line, bold, size);
            placed.Add(new PlacedText(role, line, (width - w) / 2, baseline, w, size, bold, ink, ascent * size, descent * size, level));
            baseline += size * LineAdvance;
        }

        return placed;
    }

    private static List<string> WrapText(string text, bool bold, double size, double width, ITextMeasure measure)
    {
        var pieces = new List<(string Text, bool SpaceBefore)>();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var first = true;
            foreach (var part in BreakBetweenIdeographs(word))
            {
                var spaceBefore = first;
                first = false;
                if (measure.Width(part, bold, size) <= width)
                {
                    pieces.Add((part, spaceBefore));
                    continue;
                }

                // Too wide alone (a link): break between characters.
                var chunk = string.Empty;
                foreach (var element in TextElements(part))
                {
                    if (chunk.Length > 0 && measure.Width(chunk + element, bold, size) > width)
                    {
                        pieces.Add((chunk, spaceBefore));
                        spaceBefore = false;
                        chunk = string.Empty;
                    }

                    chunk += element;
                }

                pieces.Add((chunk, spaceBefore));
            }
        }

        var space = measure.Width(" ", bold, size);
        var lines = Wrap(pieces.Count, i => measure.Width(pieces[i].Text, bold, size), i => pieces[i].SpaceBefore ? space : 0, width);
        return lines.Select(l => string.Concat(l.Select((i, k) => (k > 0 && pieces[i].SpaceBefore ? " " : string.Empty) + pieces[i].Text))).ToList();
    }

    /// <summary>
    /// A space-free word cut where a line may break inside it: between two CJK characters (Chinese and Japanese put no
    /// spaces between words), but never before closing punctuation or a small kana, nor after opening punctuation.
    /// A word without CJK comes back whole.
    /// </summary>
    public static IEnumerable<string> BreakBetweenIdeographs(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var current = string.Empty;
        string? previous = null;
        foreach (var element in TextElements(word))
        {
            if (previous is not null && MayBreakBetween(previous, element))
            {
                yield return current;
                current = string.Empty;
            }

            current += element;
            previous = element;
        }

        if (current.Length > 0)
        {
            yield return current;
        }
    }

    private const string NoBreakBefore = "、。，．！？：；」』）】〕〉》〟ー々ゝゞぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ・!),.:;?]}%";
    private const string NoBreakAfter = "「『（【〔〈《〝([{";

    private static bool MayBreakBetween(string before, string after)
    {
        var a = char.ConvertToUtf32(before, 0);
        var b = char.ConvertToUtf32(after, 0);
        return (IsCjk(a) || IsCjk(b)) && !NoBreakBefore.Contains(after[0], StringComparison.Ordinal) && !NoBreakAfter.Contains(before[^1], StringComparison.Ordinal);
    }

    /// <summary>Han ideographs, kana and CJK punctuation (Hangul is left out: Korean puts spaces between words).</summary>
    private static bool IsCjk(int c) =>
        c is (>= 0x3000 and <= 0x30FF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0xFF00 and <= 0xFF60) or (>= 0x20000 and <= 0x3FFFF);

    private static IEnumerable<string> TextElements(string text)
    {
        var e = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            yield return e.GetTextElement();
        }
    }

    private static double BlockHeight(int lines, double size, double ascent, double descent) =>
        lines == 0 ? 0 : ((lines - 1) * size * LineAdvance) + ((ascent + descent) * size);

    /// <summary>
    /// Greedy wrap of items into lines no wider than <paramref name="width"/> (an item wider alone gets its own line);
    /// <paramref name="spaceBefore"/> is the gap an item keeps from the one before it on the same line (0 between CJK characters).
    /// </summary>
    private static List<List<int>> Wrap(int count, Func<int, double> widthOf, Func<int, double> spaceBefore, double width)
    {
        var lines = new List<List<int>>();
        var current = new List<int>();
        var used = 0.0;
        for (var i = 0; i < count; i++)
        {
            var w = widthOf(i);
            var gap = spaceBefore(i);
            if (current.Count > 0 && used + gap + w > width)
            {
                lines.Add(current);
                current = [];
                used = 0;
            }

            used += (current.Count > 0 ? gap : 0) + w;
            current.Add(i);
        }

        if (current.Count > 0)
        {
            lines.Add(current);
        }

        return lines;
    }

    /// <summary>A place a slogan's line may break: its runs (a word can be half slogan, half filled blank: "____'s") and whether a space precedes it.</summary>
    private sealed record SlotWord(List<SignRun> Runs, bool SpaceBefore);

    /// <summary>The slogan's words, each a list of runs; CJK text is cut between its characters, with no space between the pieces.</summary>
    private static List<SlotWord> Words(IReadOnlyList<SignRun> runs)
    {
        var spaced = new List<List<SignRun>>();
        var current = new List<SignRun>();
        foreach (var run in runs)
        {
            var parts = run.Text.Split(' ');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0 && current.Count > 0)
                {
                    spaced.Add(current);
                    current = [];
                }

                if (parts[i].Length > 0)
                {
                    current.Add(run with { Text = parts[i] });
                }
            }
        }

        if (current.Count > 0)
        {
            spaced.Add(current);
        }

        var words = new List<SlotWord>();
        foreach (var word in spaced)
        {
            var piece = new List<SignRun>();
            var first = true;
            foreach (var run in word)
            {
                var parts = BreakBetweenIdeographs(run.Text).ToList();
                for (var i = 0; i < parts.Count; i++)
                {
                    // A break inside the run, or at a run edge between two CJK characters.
                    if (piece.Count > 0 && (i > 0 || MayBreakBetween(TextElements(piece[^1].Text).Last(), TextElements(parts[i]).First())))
                    {
                        words.Add(new SlotWord(piece, first));
                        first = false;
                        piece = [];
                    }

                    piece.Add(run with { Text = parts[i] });
                }
            }

            if (piece.Count > 0)
            {
                words.Add(new SlotWord(piece, first));
            }
        }

        return words;
    }

    private static double WordWidth(SlotWord word, double size, ITextMeasure measure) =>
        word.Runs.Sum(r => measure.Width(r.Text, true, size));
}
