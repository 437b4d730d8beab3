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
    public static string Overlay(TextOverlay overlay, string label)
    {
        ArgumentNullException.ThrowIfNull(overlay);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        return $"[{label}_base];[{label}_base][1:v:0]overlay=x={Invariant.Int(overlay.X)}:y={Invariant.Int(overlay.Y)}";
    }
}
