namespace SolidarityFn.Pipeline.Assembly;

/// <summary>A rectangle of a frame in pixels.</summary>
public sealed record PixelBox(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public bool Contains(PixelBox other) =>
        other is not null && other.X >= X && other.Y >= Y && other.Right <= Right && other.Bottom <= Bottom;
}

/// <summary>
/// Where a campaign's logo goes (issue 16), per format: on the cards, centred above the title block at
/// <see cref="CardShare"/> of the frame's shorter side; on clips (when the campaign asks), a small semi-opaque mark at the
/// top left of the <see cref="SafeBox"/>, the part of the frame no caption and no phone app's controls cover.
/// </summary>
public static class LogoPlacement
{
    /// <summary>The card logo's height as a share of the frame's shorter side.</summary>
    public const double CardShare = 0.14;

    /// <summary>The corner mark's height as a share of the frame's shorter side.</summary>
    public const double MarkShare = 0.08;

    /// <summary>The corner mark's opacity: present, not shouting over the clip.</summary>
    public const double MarkOpacity = 0.8;

    /// <summary>9:16: phone apps lay their own header over the top ~12 %, captions and controls over the bottom ~20 %.</summary>
    public const double PhoneTop = 0.12;

    public const double PhoneBottom = 0.20;

    /// <summary>9:16: the column of buttons (like, share…) down the right-hand side.</summary>
    public const double PhoneRightColumn = 0.15;

    /// <summary>A logo of <paramref name="logoWidth"/>×<paramref name="logoHeight"/> scaled to fit both bounds, aspect kept, even sides (yuv420p).</summary>
    public static (int Width, int Height) Fit(int logoWidth, int logoHeight, int maxWidth, int maxHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(logoWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(logoHeight);
        var scale = Math.Min(maxWidth / (double)logoWidth, maxHeight / (double)logoHeight);
        return (Even(logoWidth * scale), Even(logoHeight * scale));
    }

    /// <summary>The logo's size on a card: <see cref="CardShare"/> of the shorter side tall, no wider than a line of text.</summary>
    public static (int Width, int Height) CardSize(AssemblyFormat format, int logoWidth, int logoHeight)
    {
        ArgumentNullException.ThrowIfNull(format);
        return Fit(logoWidth, logoHeight, format.TextWidth, Even(Shorter(format) * CardShare));
    }

    /// <summary>
    /// The logo's box on a card whose text block is <paramref name="textBlockHeight"/> tall, and the room it takes above the
    /// text (logo and gap): logo and text are centred together as one block.
    /// </summary>
    public static (PixelBox Logo, int Reserve) Card(AssemblyFormat format, int logoWidth, int logoHeight, float textBlockHeight)
    {
        ArgumentNullException.ThrowIfNull(format);
        var (width, height) = CardSize(format, logoWidth, logoHeight);
        var gap = textBlockHeight > 0 ? format.CardFontSize / 2 : 0;
        var reserve = height + gap;
        var top = (int)Math.Round((format.Height - (reserve + textBlockHeight)) / 2);
        return (new PixelBox((format.Width - width) / 2, Math.Max(0, top), width, height), reserve);
    }

    /// <summary>
    /// The part of the frame a corner mark may use: inside a margin, above the lower third (the bottom third, where
    /// captions go), and in 9:16 below the top <see cref="PhoneTop"/>, above the bottom <see cref="PhoneBottom"/> and left
    /// of the right-hand <see cref="PhoneRightColumn"/>.
    /// </summary>
    public static PixelBox SafeBox(AssemblyFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var margin = (int)Math.Round(Shorter(format) * 0.04);
        var lowerThirdTop = format.Height * 2 / 3;
        var phone = format.Height * 9 == format.Width * 16;
        var top = phone ? (int)Math.Ceiling(format.Height * PhoneTop) : margin;
        var bottom = phone ? Math.Min(lowerThirdTop, (int)Math.Floor(format.Height * (1 - PhoneBottom))) : lowerThirdTop;
        var right = phone ? (int)Math.Floor(format.Width * (1 - PhoneRightColumn)) : format.Width - margin;
        return new PixelBox(margin, top, right - margin, bottom - top);
    }

    /// <summary>The corner mark's box: <see cref="MarkShare"/> of the shorter side tall (at most a third of the safe box wide), at the safe box's top left.</summary>
    public static PixelBox CornerMark(AssemblyFormat format, int logoWidth, int logoHeight)
    {
        var safe = SafeBox(format);
        var (width, height) = Fit(logoWidth, logoHeight, safe.Width / 3, Even(Shorter(format) * MarkShare));
        return new PixelBox(safe.X, safe.Y, width, height);
    }

    private static int Shorter(AssemblyFormat format) => Math.Min(format.Width, format.Height);

    private static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2) * 2);
}
