using System.Diagnostics.CodeAnalysis;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// One output shape of the assembled video: its frame and where the lower third sits. <paramref name="CaptionBottom"/>
/// is the fraction of the height at which the lower third ends (the meta line's bottom edge).
/// </summary>
public sealed record AssemblyFormat(string Name, int Width, int Height, double CaptionBottom, int CaptionFontSize, int MetaFontSize, int CardFontSize)
{
    /// <summary>The picture width a line of text may use, measured (a margin each side, room for the caption's box).</summary>
    public int TextWidth => Width * 88 / 100;

    /// <summary>Y of the lower third's bottom edge in pixels.</summary>
    public int CaptionBottomY => (int)Math.Round(Height * CaptionBottom);
}

/// <summary>The four formats of the assembly and parsing of their names.</summary>
public static class AssemblyFormats
{
    public static readonly AssemblyFormat Landscape = new("landscape", 1920, 1080, 0.90, 54, 36, 84);

    /// <summary>Phone apps cover the bottom ~20 % with their own controls: the lower third ends at 76 %.</summary>
    public static readonly AssemblyFormat Vertical = new("vertical", 1080, 1920, 0.76, 52, 34, 76);

    public static readonly AssemblyFormat Square = new("square", 1080, 1080, 0.88, 48, 32, 72);

    /// <summary>
    /// 4:5, the Instagram/Facebook feed shape. Feeds put nothing over the picture's bottom, so the lower third sits as on
    /// the square; level 4.0 covers it (85 × 68 macroblocks at 30 fps).
    /// </summary>
    public static readonly AssemblyFormat Portrait = new("portrait", 1080, 1350, 0.88, 50, 33, 76);

    public static IReadOnlyList<AssemblyFormat> All { get; } = [Landscape, Vertical, Square, Portrait];

    /// <summary>What an assembly makes when it names no formats: the three first ones (4:5 is asked for, so a default assembly costs what it did).</summary>
    public static IReadOnlyList<AssemblyFormat> Default { get; } = [Landscape, Vertical, Square];

    public static bool TryParse(string? name, [NotNullWhen(true)] out AssemblyFormat? format)
    {
        format = All.FirstOrDefault(f => string.Equals(f.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
        return format is not null;
    }

    /// <summary>A comma-separated list ("landscape,vertical"); null or empty means <see cref="Default"/>. Duplicates are dropped.</summary>
    public static bool TryParseList(string? names, [NotNullWhen(true)] out IReadOnlyList<AssemblyFormat>? formats)
    {
        formats = null;
        if (string.IsNullOrWhiteSpace(names))
        {
            formats = Default;
            return true;
        }

        var parsed = new List<AssemblyFormat>();
        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(name, out var format))
            {
                return false;
            }

            if (!parsed.Contains(format))
            {
                parsed.Add(format);
            }
        }

        if (parsed.Count == 0)
        {
            return false;
        }

        formats = parsed;
        return true;
    }
}
