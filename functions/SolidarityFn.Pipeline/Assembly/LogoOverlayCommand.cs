using System.Globalization;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>A campaign's logo in a segment: the stored PNG's local copy, its hash (the key's part), its stored size.</summary>
public sealed record SegmentLogo(string PngPath, string Hash, int Width, int Height);

/// <summary>The ffmpeg pieces that lay the campaign's logo (an extra PNG input) over a card or a clip.</summary>
public static class LogoOverlayCommand
{
    /// <summary>The logo as an input: file protocol only, the png_pipe demuxer, the pixel cap.</summary>
    public static FfmpegInput Input(SegmentLogo logo, FfmpegLimits limits)
    {
        ArgumentNullException.ThrowIfNull(logo);
        ArgumentNullException.ThrowIfNull(limits);
        if (!Path.IsPathFullyQualified(logo.PngPath))
        {
            throw new ArgumentException("The logo must be an absolute path.", nameof(logo));
        }

        return new FfmpegInput(SafeArguments.Input(SafeArguments.PngDemuxer, limits.MaxPixels), logo.PngPath);
    }

    /// <summary>
    /// Filters appended to a chain: the chain so far is labelled, the logo (input <paramref name="inputIndex"/>) scaled to
    /// <paramref name="box"/>, made <paramref name="opacity"/> opaque when less than 1, converted with the stream's BT.709
    /// matrix (<see cref="SegmentColour"/>) and laid over at the box's corner.
    /// </summary>
    public static string Overlay(PixelBox box, int inputIndex, string label, double opacity = 1)
    {
        ArgumentNullException.ThrowIfNull(box);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(opacity);
        var fade = opacity < 1 ? string.Create(CultureInfo.InvariantCulture, $",format=rgba,colorchannelmixer=aa={opacity:0.##}") : string.Empty;
        return $"[{label}_base];[{Invariant.Int(inputIndex)}:v:0]scale={Invariant.Int(box.Width)}:{Invariant.Int(box.Height)}:flags=lanczos{fade},{SegmentColour.ToOverlay}[{label}_pic];" +
            $"[{label}_base][{label}_pic]overlay=x={Invariant.Int(box.X)}:y={Invariant.Int(box.Y)}";
    }
}
