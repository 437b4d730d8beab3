using System.Globalization;
using System.Text;

namespace SolidarityFn.Pipeline.Text;

/// <summary>The Unicode bidirectional character types this implementation tells apart (UAX #9, table 4).</summary>
public enum BidiType
{
    L,
    R,
    AL,
    EN,
    ES,
    ET,
    AN,
    CS,
    NSM,
    BN,
    B,
    S,
    WS,
    ON,
}

/// <summary>
/// The parts of the Unicode bidirectional algorithm (UAX #9) one line of a caption needs: the paragraph direction from
/// the first strong character (P2–P3), the weak (W1–W7), neutral (N1–N2) and implicit (I1–I2) rules over one level run,
/// trailing white space at the paragraph level (L1) and the reordering of runs (L2), and isolates (LRI, RLI, FSI … PDI,
/// U+2066–2069; X5a–X6a): the app wraps each typed field of a joined line in FSI … PDI (<see cref="IsolatedFields"/>) so
/// that one field's direction cannot reorder its neighbours. An isolate is resolved as a paragraph of its own, one or two
/// levels above the text around it, where it counts as one neutral character. Explicit embeddings and overrides
/// (U+202A–202E) are not honoured: they are boundary neutrals, as intake refuses them in typed text. Bracket pairs (N0)
/// are resolved as plain neutrals; HarfBuzz mirrors them in right-to-left runs.
/// Types come from the Unicode blocks that matter (Arabic, Hebrew and the other right-to-left scripts, digits and their
/// separators), since .NET does not expose the Bidi_Class property.
/// </summary>
public static class Bidi
{
    private const int LeftToRightIsolate = 0x2066;
    private const int RightToLeftIsolate = 0x2067;
    private const int FirstStrongIsolate = 0x2068;
    private const int PopDirectionalIsolate = 0x2069;

    /// <summary>0 (left to right) or 1 (right to left): the type of the first strong character; left to right when there is none.</summary>
    public static int ParagraphLevel(string text) => FirstStrongLevel(text) ?? 0;

    /// <summary>
    /// P2: 0 or 1 by the first strong character outside isolates (the text between an isolate initiator and its PDI is
    /// skipped), or null when there is none.
    /// </summary>
    public static int? FirstStrongLevel(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FirstStrongLevel(text.EnumerateRunes().Select(r => r.Value).ToArray());
    }

    private static int? FirstStrongLevel(IReadOnlyList<int> codePoints)
    {
        var depth = 0;
        foreach (var c in codePoints)
        {
            if (IsIsolateInitiator(c))
            {
                depth++;
                continue;
            }

            if (c == PopDirectionalIsolate)
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }

            if (depth > 0)
            {
                continue;
            }

            switch (TypeOf(c))
            {
                case BidiType.L:
                    return 0;
                case BidiType.R:
                case BidiType.AL:
                    return 1;
            }
        }

        return null;
    }

    /// <summary>The embedding level of every UTF-16 code unit of <paramref name="text"/> (one line, one paragraph), L1 applied.</summary>
    public static byte[] Levels(string text, int paragraphLevel)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNotEqual(paragraphLevel & ~1, 0, nameof(paragraphLevel));
        var runes = new List<(int Start, int Length, int Value)>();
        for (var i = 0; i < text.Length;)
        {
            var status = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used);
            var value = status == System.Buffers.OperationStatus.Done ? rune.Value : 0xFFFD;
            runes.Add((i, Math.Max(1, used), value));
            i += Math.Max(1, used);
        }

        var levels = ResolveWithIsolates(runes.Select(r => r.Value).ToArray(), paragraphLevel);
        var result = new byte[text.Length];
        for (var i = 0; i < runes.Count; i++)
        {
            for (var j = 0; j < runes[i].Length; j++)
            {
                result[runes[i].Start + j] = levels[i];
            }
        }

        return result;
    }

    /// <summary>
    /// Levels of code points at <paramref name="paragraphLevel"/> with isolates: the text outside them is resolved with
    /// each isolate initiator and its PDI as neutrals standing side by side (their content is not seen); each isolate's
    /// content is resolved as a paragraph of its own direction (LRI: left to right, RLI: right to left, FSI: its first
    /// strong character) and lifted to the least level above the paragraph's with that parity, so reordering keeps it
    /// whole. An initiator without a PDI runs to the end of the line; a PDI without an initiator is a neutral.
    /// </summary>
    private static byte[] ResolveWithIsolates(int[] codePoints, int paragraphLevel)
    {
        var n = codePoints.Length;
        var outside = new List<int>(n);
        var isolates = new List<(int Open, int Close)>();
        for (var i = 0; i < n; i++)
        {
            outside.Add(i);
            if (!IsIsolateInitiator(codePoints[i]))
            {
                continue;
            }

            var close = MatchingPdi(codePoints, i);
            isolates.Add((i, close));
            if (close < n)
            {
                outside.Add(close);
            }

            i = close;
        }

        var types = outside.Select(i => IsIsolateControl(codePoints[i]) ? BidiType.ON : TypeOf(codePoints[i])).ToArray();
        var outer = ResolveLevels(types, paragraphLevel);
        var levels = new byte[n];
        for (var k = 0; k < outside.Count; k++)
        {
            levels[outside[k]] = outer[k];
        }

        foreach (var (open, close) in isolates)
        {
            var content = codePoints[(open + 1)..close];
            var direction = codePoints[open] switch
            {
                LeftToRightIsolate => 0,
                RightToLeftIsolate => 1,
                _ => FirstStrongLevel(content) ?? 0,
            };
            // X5a/X5b: the least level above the paragraph's with the isolate's parity.
            var embedding = paragraphLevel + 1 + ((paragraphLevel + 1 + direction) % 2);
            var inner = ResolveWithIsolates(content, direction);
            for (var k = 0; k < inner.Length; k++)
            {
                levels[open + 1 + k] = (byte)(inner[k] + embedding - direction);
            }
        }

        return levels;
    }

    private static int MatchingPdi(int[] codePoints, int open)
    {
        var depth = 0;
        for (var i = open + 1; i < codePoints.Length; i++)
        {
            if (IsIsolateInitiator(codePoints[i]))
            {
                depth++;
            }
            else if (codePoints[i] == PopDirectionalIsolate)
            {
                if (depth == 0)
                {
                    return i;
                }

                depth--;
            }
        }

        return codePoints.Length;
    }

    private static bool IsIsolateInitiator(int c) => c is LeftToRightIsolate or RightToLeftIsolate or FirstStrongIsolate;

    private static bool IsIsolateControl(int c) => c is >= LeftToRightIsolate and <= PopDirectionalIsolate;

    /// <summary>Levels of characters of the given original types on one line, no isolates (exposed for tests of the rules).</summary>
    public static byte[] ResolveLevels(IReadOnlyList<BidiType> original, int paragraphLevel)
    {
        ArgumentNullException.ThrowIfNull(original);
        var n = original.Count;
        var types = original.ToArray();
        var e = paragraphLevel == 1 ? BidiType.R : BidiType.L;

        // X9: boundary neutrals are removed from the rules below; they take a neighbour's level at the end.
        var live = Enumerable.Range(0, n).Where(i => types[i] != BidiType.BN).ToArray();

        // W1: a non-spacing mark takes the type of the character before it (sos at the start).
        for (var k = 0; k < live.Length; k++)
        {
            if (types[live[k]] == BidiType.NSM)
            {
                types[live[k]] = k == 0 ? e : types[live[k - 1]];
            }
        }

        // W2: European digits after Arabic letters are Arabic numbers. W3: Arabic letters are right to left.
        var lastStrong = e;
        foreach (var i in live)
        {
            switch (types[i])
            {
                case BidiType.L or BidiType.R or BidiType.AL:
                    lastStrong = types[i];
                    break;
                case BidiType.EN when lastStrong == BidiType.AL:
                    types[i] = BidiType.AN;
                    break;
            }
        }

        foreach (var i in live)
        {
            if (types[i] == BidiType.AL)
            {
                types[i] = BidiType.R;
            }
        }

        // W4: one separator between two numbers of the same kind joins them.
        for (var k = 1; k < live.Length - 1; k++)
        {
            var (before, at, after) = (types[live[k - 1]], types[live[k]], types[live[k + 1]]);
            if (at == BidiType.ES && before == BidiType.EN && after == BidiType.EN)
            {
                types[live[k]] = BidiType.EN;
            }
            else if (at == BidiType.CS && before == after && before is BidiType.EN or BidiType.AN)
            {
                types[live[k]] = before;
            }
        }

        // W5: terminators (%, $, #) next to European digits are European digits.
        for (var k = 0; k < live.Length; k++)
        {
            if (types[live[k]] != BidiType.ET)
            {
                continue;
            }

            var end = k;
            while (end < live.Length && types[live[end]] == BidiType.ET)
            {
                end++;
            }

            var touches = (k > 0 && types[live[k - 1]] == BidiType.EN) || (end < live.Length && types[live[end]] == BidiType.EN);
            for (var m = k; m < end; m++)
            {
                types[live[m]] = touches ? BidiType.EN : BidiType.ON;
            }

            k = end - 1;
        }

        // W6: the remaining separators and terminators are neutral.
        foreach (var i in live)
        {
            if (types[i] is BidiType.ES or BidiType.ET or BidiType.CS)
            {
                types[i] = BidiType.ON;
            }
        }

        // W7: European digits after left-to-right text are left to right.
        lastStrong = e;
        foreach (var i in live)
        {
            if (types[i] is BidiType.L or BidiType.R)
            {
                lastStrong = types[i];
            }
            else if (types[i] == BidiType.EN && lastStrong == BidiType.L)
            {
                types[i] = BidiType.L;
            }
        }

        // N1/N2: a run of neutrals between two characters of the same direction takes it (numbers count as R);
        // otherwise the paragraph's direction.
        static BidiType? Strong(BidiType t) => t switch
        {
            BidiType.L => BidiType.L,
            BidiType.R or BidiType.AN or BidiType.EN => BidiType.R,
            _ => null,
        };

        for (var k = 0; k < live.Length; k++)
        {
            if (Strong(types[live[k]]) is not null)
            {
                continue;
            }

            var end = k;
            while (end < live.Length && Strong(types[live[end]]) is null)
            {
                end++;
            }

            var before = k == 0 ? e : Strong(types[live[k - 1]])!.Value;
            var after = end == live.Length ? e : Strong(types[live[end]])!.Value;
            var resolved = before == after ? before : e;
            for (var m = k; m < end; m++)
            {
                types[live[m]] = resolved;
            }

            k = end - 1;
        }

        // I1/I2: implicit levels.
        var levels = new byte[n];
        foreach (var i in live)
        {
            var t = types[i];
            levels[i] = (byte)(paragraphLevel == 0
                ? t switch { BidiType.R => 1, BidiType.AN or BidiType.EN => 2, _ => 0 }
                : t switch { BidiType.L or BidiType.AN or BidiType.EN => 2, _ => 1 });
        }

        // Boundary neutrals: the level of the character before them (the paragraph's at the start).
        for (var i = 0; i < n; i++)
        {
            if (original[i] == BidiType.BN)
            {
                levels[i] = (byte)(i == 0 ? paragraphLevel : levels[i - 1]);
            }
        }

        // L1: segment separators, and white space before them or at the end of the line, go to the paragraph level.
        var trailing = true;
        for (var i = n - 1; i >= 0; i--)
        {
            var t = original[i];
            if (t is BidiType.S or BidiType.B)
            {
                levels[i] = (byte)paragraphLevel;
                trailing = true;
            }
            else if (trailing && t is BidiType.WS or BidiType.BN)
            {
                levels[i] = (byte)paragraphLevel;
            }
            else
            {
                trailing = false;
            }
        }

        return levels;
    }

    /// <summary>
    /// L2: the visual order of items (runs or characters) with these levels: from the highest level down to the lowest odd
    /// one, every maximal sequence at that level or above is reversed. Returns logical indices, left to right.
    /// </summary>
    public static int[] VisualOrder(IReadOnlyList<byte> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var order = Enumerable.Range(0, levels.Count).ToArray();
        if (levels.Count == 0)
        {
            return order;
        }

        var highest = levels.Max();
        var lowestOdd = levels.Where(l => l % 2 == 1).DefaultIfEmpty((byte)(highest + 1)).Min();
        for (var level = highest; level >= lowestOdd && level > 0; level--)
        {
            for (var i = 0; i < order.Length; i++)
            {
                if (levels[order[i]] < level)
                {
                    continue;
                }

                var end = i;
                while (end < order.Length && levels[order[end]] >= level)
                {
                    end++;
                }

                Array.Reverse(order, i, end - i);
                i = end;
            }
        }

        return order;
    }

    /// <summary>The bidirectional type of a code point, from the blocks (see the class comment).</summary>
    public static BidiType TypeOf(int codePoint)
    {
        switch (codePoint)
        {
            case 0x200E:
                return BidiType.L;
            case 0x200F:
                return BidiType.R;
            case 0x061C:
                return BidiType.AL;
            case >= 0x202A and <= 0x202E:
            case >= 0x2066 and <= 0x2069:
                return BidiType.BN;
            case 0x09 or 0x0B or 0x1F:
                return BidiType.S;
            case 0x0A or 0x0D or (>= 0x1C and <= 0x1E) or 0x85 or 0x2029:
                return BidiType.B;
            case 0x0C or 0x2028:
                return BidiType.WS;
            case >= '0' and <= '9':
            case 0xB2 or 0xB3 or 0xB9:
            case >= 0x06F0 and <= 0x06F9:
            case 0x2070 or (>= 0x2074 and <= 0x2079):
            case >= 0x2080 and <= 0x2089:
            case >= 0xFF10 and <= 0xFF19:
                return BidiType.EN;
            case '+' or '-' or 0x207A or 0x207B or 0x208A or 0x208B or 0x2212 or 0xFB29 or 0xFE62 or 0xFE63 or 0xFF0B or 0xFF0D:
                return BidiType.ES;
            case '#' or '$' or '%' or (>= 0xA2 and <= 0xA5) or 0xB0 or 0xB1 or 0x066A or (>= 0x2030 and <= 0x2034) or (>= 0x20A0 and <= 0x20CF) or 0xFF03 or 0xFF04 or 0xFF05:
                return BidiType.ET;
            case ',' or '.' or '/' or ':' or 0xA0 or 0x060C or 0x202F or 0x2044 or 0xFE50 or 0xFE52 or 0xFE55 or 0xFF0C or 0xFF0E or 0xFF0F or 0xFF1A:
                return BidiType.CS;
            case (>= 0x0600 and <= 0x0605) or (>= 0x0660 and <= 0x0669) or 0x066B or 0x066C or 0x06DD or 0x0890 or 0x0891 or 0x08E2 or (>= 0x10E60 and <= 0x10E7E):
                return BidiType.AN;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        switch (category)
        {
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark:
                return BidiType.NSM;
            case UnicodeCategory.Format or UnicodeCategory.Control:
                return BidiType.BN;
            case UnicodeCategory.SpaceSeparator:
                return BidiType.WS;
        }

        if (IsArabicLetterBlock(codePoint))
        {
            return BidiType.AL;
        }

        if (IsRightToLeftBlock(codePoint))
        {
            return BidiType.R;
        }

        return category switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.PrivateUse => BidiType.L,
            _ => BidiType.ON,
        };
    }

    private static bool IsArabicLetterBlock(int c) =>
        c is (>= 0x0600 and <= 0x07BF) or (>= 0x0860 and <= 0x08FF) or (>= 0xFB50 and <= 0xFDCF) or (>= 0xFDF0 and <= 0xFDFF)
            or (>= 0xFE70 and <= 0xFEFF) or (>= 0x10D00 and <= 0x10D3F) or (>= 0x10F30 and <= 0x10F6F) or (>= 0x1EC70 and <= 0x1EEFF);

    private static bool IsRightToLeftBlock(int c) =>
        c is (>= 0x0590 and <= 0x05FF) or (>= 0x07C0 and <= 0x085F) or (>= 0xFB1D and <= 0xFB4F) or (>= 0x10800 and <= 0x10FFF)
            or (>= 0x1E800 and <= 0x1EC6F);
}
