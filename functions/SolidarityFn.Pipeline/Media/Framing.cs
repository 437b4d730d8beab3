using System.Globalization;

namespace SolidarityFn.Pipeline.Media;

/// <summary>How a picture becomes one frame shape.</summary>
public enum FramingMode
{
    /// <summary>The shapes are close: scaled to cover the frame, with a small centred crop.</summary>
    Fill,

    /// <summary>The shapes differ: the picture (cropped by at most <see cref="Framing.MaxCropArea"/>) over a blurred fill of itself.</summary>
    OverBlur,
}

/// <summary>
/// What <see cref="Framing.Plan"/> decided for one source shape and one frame: the centred crop of the source, and the
/// size the cropped picture is scaled to (the whole frame for <see cref="FramingMode.Fill"/>).
/// </summary>
public sealed record FramingPlan(
    FramingMode Mode,
    int SourceWidth,
    int SourceHeight,
    int FrameWidth,
    int FrameHeight,
    int CropWidth,
    int CropHeight,
    int PictureWidth,
    int PictureHeight)
{
    /// <summary>Share of the frame the sharp picture covers (1 when it fills the frame).</summary>
    public double Coverage => (double)PictureWidth * PictureHeight / ((double)FrameWidth * FrameHeight);

    /// <summary>Everything that changes the framed pixels, for cache keys: "overblur 1080x1920 crop 1080x1536 → 760x1080 in 1920x1080".</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Mode.ToString().ToLowerInvariant()} {SourceWidth}x{SourceHeight} crop {CropWidth}x{CropHeight} to {PictureWidth}x{PictureHeight} in {FrameWidth}x{FrameHeight}");
}

/// <summary>
/// Fits any picture into a fixed frame without black bars and without stretching (DESIGN.md §6), framing the source
/// itself once per output: a shape within <see cref="FillTolerance"/> of the frame's fills it (scale plus a small centred
/// crop); any other is cropped towards the frame's shape by at most <see cref="MaxCropArea"/> of its area and laid, whole
/// otherwise, centred over a blurred, zoomed copy of itself that covers the frame. Plans are computed here, in whole even
/// pixels, so builders and tests see exact sizes.
/// </summary>
public static class Framing
{
    /// <summary>Shapes whose aspect ratios differ by at most this fraction fill the frame (a crop of under about 9 %).</summary>
    public const double FillTolerance = 0.10;

    /// <summary>The most of a picture's area cropped away before it is laid over the fill (centred).</summary>
    public const double MaxCropArea = 0.20;

    /// <summary>Decides how a <paramref name="sourceWidth"/>×<paramref name="sourceHeight"/> picture (square pixels) becomes the frame.</summary>
    public static FramingPlan Plan(int sourceWidth, int sourceHeight, int frameWidth, int frameHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceWidth, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceHeight, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameWidth, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameHeight, 2);

        var source = (double)sourceWidth / sourceHeight;
        var frame = (double)frameWidth / frameHeight;
        var wider = source > frame;
        var difference = wider ? (source / frame) - 1 : (frame / source) - 1;

        if (difference <= FillTolerance)
        {
            // Crop to the frame's exact shape, then scale: the picture covers every pixel of the frame.
            var (fillWidth, fillHeight) = wider
                ? (EvenAtMost(sourceHeight * frame, sourceWidth), EvenAtMost(sourceHeight, sourceHeight))
                : (EvenAtMost(sourceWidth, sourceWidth), EvenAtMost(sourceWidth / frame, sourceHeight));
            return new FramingPlan(FramingMode.Fill, sourceWidth, sourceHeight, frameWidth, frameHeight, fillWidth, fillHeight, frameWidth, frameHeight);
        }

        // Crop towards the frame's shape, never more than MaxCropArea of the picture (one dimension only).
        var keep = 1 - MaxCropArea;
        var (cropWidth, cropHeight) = wider
            ? (EvenAtMost(Math.Max(sourceWidth * keep, sourceHeight * frame), sourceWidth), EvenAtMost(sourceHeight, sourceHeight))
            : (EvenAtMost(sourceWidth, sourceWidth), EvenAtMost(Math.Max(sourceHeight * keep, sourceWidth / frame), sourceHeight));

        // A crop that reaches the frame's shape leaves nothing for the fill to show.
        var cropped = (double)cropWidth / cropHeight;
        if (Math.Abs((cropped / frame) - 1) <= 0.01)
        {
            return new FramingPlan(FramingMode.Fill, sourceWidth, sourceHeight, frameWidth, frameHeight, cropWidth, cropHeight, frameWidth, frameHeight);
        }

        // Then the largest size that fits inside the frame at the cropped shape.
        var (pictureWidth, pictureHeight) = cropped > frame
            ? (frameWidth - (frameWidth % 2), EvenAtMost(frameWidth / cropped, frameHeight))
            : (EvenAtMost(frameHeight * cropped, frameWidth), frameHeight - (frameHeight % 2));
        return new FramingPlan(FramingMode.OverBlur, sourceWidth, sourceHeight, frameWidth, frameHeight, cropWidth, cropHeight, pictureWidth, pictureHeight);
    }

    /// <summary>
    /// Filtergraph text taking <paramref name="input"/> to <paramref name="output"/> at exactly the plan's frame size with
    /// square pixels. <paramref name="prefix"/> (ending in a comma, or empty) runs first, on the source, and must leave it
    /// at the plan's source size with square pixels; <paramref name="suffix"/> (starting with a comma, or empty) runs last.
    /// <paramref name="tag"/> names the graph's inner pads, so two framings can share one graph.
    /// </summary>
    public static string Filter(string input, string prefix, string suffix, string output, FramingPlan plan, string tag = "fill")
    {
        ArgumentNullException.ThrowIfNull(plan);
        var frame = Size(plan.FrameWidth, plan.FrameHeight);
        var crop = plan.CropWidth == plan.SourceWidth && plan.CropHeight == plan.SourceHeight
            ? string.Empty
            : "crop=" + Size(plan.CropWidth, plan.CropHeight) + ",";
        if (plan.Mode == FramingMode.Fill)
        {
            return $"{input}{prefix}{crop}scale={frame},setsar=1{suffix}{output}";
        }

        // The background is the whole source, blurred at a quarter of the frame size (cheap, and a blur hides the
        // upscale). Both layers are brought to the same pixel format before the overlay, which blends values without
        // converting ranges.
        var smallWidth = Even(plan.FrameWidth / 4);
        var smallHeight = Even(plan.FrameHeight / 4);
        var (coverWidth, coverHeight) = Cover(plan.SourceWidth, plan.SourceHeight, smallWidth, smallHeight);
        // About 1/34 of the small height: the same look at every output size (8 px at 480×270, 32 px on a 1080p frame).
        var radius = Math.Clamp(smallHeight / 34, 2, 16).ToString(CultureInfo.InvariantCulture);
        return
            $"{input}{prefix}split=2[{tag}_bg][{tag}_fg];" +
            $"[{tag}_bg]scale={Size(coverWidth, coverHeight)},crop={Size(smallWidth, smallHeight)},boxblur=luma_radius={radius}:luma_power=2,scale={frame},setsar=1,format=yuv420p[{tag}_blur];" +
            $"[{tag}_fg]{crop}scale={Size(plan.PictureWidth, plan.PictureHeight)},setsar=1,format=yuv420p[{tag}_pic];" +
            $"[{tag}_blur][{tag}_pic]overlay=x=(W-w)/2:y=(H-h)/2,setsar=1{suffix}{output}";
    }

    /// <summary>
    /// The size a picture is stored at: its own shape, scaled down (never up) to fit <paramref name="maxWidth"/>×<paramref name="maxHeight"/>,
    /// in even pixels (4:2:0 needs them).
    /// </summary>
    public static (int Width, int Height) FitWithin(int width, int height, int maxWidth, int maxHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var scale = Math.Min(1, Math.Min((double)maxWidth / width, (double)maxHeight / height));
        return (EvenAtMost(width * scale, maxWidth), EvenAtMost(height * scale, maxHeight));
    }

    /// <summary>The picture's size once <see cref="SquarePixels"/> has run: the stored size, or the display size in even pixels.</summary>
    public static (int Width, int Height) SquareSize(VideoGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return IsSquare(geometry) ? (geometry.Width, geometry.Height) : (Even(geometry.DisplayWidth), Even(geometry.Height));
    }

    /// <summary>A filter that makes non-square pixels square at <see cref="SquareSize"/> (empty when they already are).</summary>
    public static string SquarePixels(VideoGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (IsSquare(geometry))
        {
            return string.Empty;
        }

        var (width, height) = SquareSize(geometry);
        return "scale=" + Size(width, height) + ",setsar=1,";
    }

    private static bool IsSquare(VideoGeometry geometry) =>
        geometry.SarNumerator <= 0 || geometry.SarDenominator <= 0 || geometry.SarNumerator == geometry.SarDenominator;

    internal static string Size(int width, int height) => string.Create(CultureInfo.InvariantCulture, $"{width}:{height}");

    /// <summary>The smallest size at the source's shape that covers width×height (even, at least the target).</summary>
    private static (int Width, int Height) Cover(int sourceWidth, int sourceHeight, int width, int height)
    {
        var scale = Math.Max((double)width / sourceWidth, (double)height / sourceHeight);
        return (Math.Max(width, EvenUp(sourceWidth * scale)), Math.Max(height, EvenUp(sourceHeight * scale)));
    }

    private static int EvenAtMost(double value, int limit) => Math.Max(2, Even(Math.Min((int)Math.Round(value), limit)));

    private static int EvenUp(double value)
    {
        var rounded = (int)Math.Ceiling(value - 1e-9);
        return rounded + (rounded % 2);
    }

    private static int Even(int value) => Math.Max(2, value - (value % 2));
}
