using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>The ffmpeg pieces that lay a segment's text picture (<see cref="TextOverlay"/>, input 1) over its video.</summary>
public static class TextOverlayCommand
{
    /// <summary>The PNG as the second input: file protocol only, the png_pipe demuxer (image2 would expand % in the name).</summary>
    public static FfmpegInput Input(TextOverlay overlay, FfmpegLimits limits)
    {
        ArgumentNullException.ThrowIfNull(overlay);
        ArgumentNullException.ThrowIfNull(limits);
        if (!Path.IsPathFullyQualified(overlay.PngPath))
        {
            throw new ArgumentException("The text picture must be an absolute path.", nameof(overlay));
        }

        return new FfmpegInput(SafeArguments.Input(SafeArguments.PngDemuxer, limits.MaxPixels), overlay.PngPath);
    }

    /// <summary>
    /// Filters appended to a chain: the chain so far is labelled, and the picture (one frame, repeated to the end by the
    /// overlay's default eof action) is blended over it at its position.
    /// </summary>
    /// <remarks>The picture is converted to YUV with the BT.709 matrix first (<see cref="SegmentColour"/>): the overlay would use BT.601.</remarks>
    public static string Overlay(TextOverlay overlay, string label, int inputIndex = 1)
    {
        ArgumentNullException.ThrowIfNull(overlay);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        var input = Invariant.Int(inputIndex);
        return $"[{label}_base];[{input}:v:0]{SegmentColour.ToOverlay}[{label}_pic];[{label}_base][{label}_pic]overlay=x={Invariant.Int(overlay.X)}:y={Invariant.Int(overlay.Y)}";
    }
}
