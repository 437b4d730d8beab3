using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// One clip's segment: the mezzanine clip from <paramref name="InSeconds"/> for <paramref name="Seconds"/>, with the
/// caption and meta line read from text files (null: not drawn).
/// </summary>
public sealed record ClipSegmentRequest(
    string ClipPath,
    ClipShape ClipShape,
    double InSeconds,
    double Seconds,
    AssemblyFormat Format,
    string? CaptionFile,
    string? MetaFile,
    string OutputPath,
    SegmentEncoding Encoding,
    AssemblyFonts Fonts,
    FfmpegLimits Limits);

/// <summary>
/// A captioned clip segment: seek and cut on the input, the clip (the source's own shape) framed into the format once
/// (<see cref="Framing"/>: filled when the shapes are close, else over a blurred fill of itself), the lower third drawn on
/// a translucent box, short fades, and the shared segment settings.
/// The clip is already loudness-normalised (mezzanine), so its sound is kept as it is.
/// </summary>
public static class ClipSegmentCommand
{
    public static FfmpegCommand Build(ClipSegmentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Seconds);
        ArgumentOutOfRangeException.ThrowIfNegative(request.InSeconds);
        var format = request.Format;

        var (videoFades, audioFades) = SegmentFormat.Fades(request.Seconds);
        var suffix = LowerThird(request) + videoFades + "," + MezzanineFormat.VideoPixelFormat;
        var video = Framing.Filter("[0:v:0]", string.Empty, suffix, "[v]", PlanFor(request.ClipShape, format));
        // apad: the sound never ends before the picture; the output -t ends both on the same frame.
        var audio = $"[0:a:0]{audioFades}{MezzanineFormat.AudioFormat},apad[a]";

        var input = new FfmpegInput(
            [.. SafeArguments.Input(MediaSniffer.MovDemuxer, request.Limits.MaxPixels), "-ss", Invariant.Seconds(request.InSeconds), "-t", Invariant.Seconds(request.Seconds)],
            request.ClipPath);
        return new FfmpegCommand(
            SafeArguments.Global(request.Limits.CpuSecondsLimit),
            [input],
            ["-filter_complex", video + ";" + audio, "-map", "[v]", "-map", "[a]", .. SegmentFormat.OutputArguments(request.Encoding, request.Seconds)],
            request.OutputPath);
    }

    /// <summary>How a clip of this shape is framed in this format.</summary>
    public static FramingPlan PlanFor(ClipShape clip, AssemblyFormat format)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentNullException.ThrowIfNull(format);
        return Framing.Plan(clip.Width, clip.Height, format.Width, format.Height);
    }

    /// <summary>The caption sits on its box with its last line above the meta line, which ends at the format's caption bottom.</summary>
    private static string LowerThird(ClipSegmentRequest request)
    {
        var format = request.Format;
        var bottom = format.CaptionBottomY;
        var filters = new List<string>();
        var captionBottom = bottom;
        if (request.MetaFile is not null)
        {
            filters.Add(DrawText.Filter(
                request.Fonts.RegularPath, request.MetaFile, format.MetaFontSize, "(w-text_w)/2", $"{Invariant.Int(bottom)}-text_h", box: false));
            captionBottom = bottom - format.MetaFontSize - (format.CaptionFontSize / 2);
        }

        if (request.CaptionFile is not null)
        {
            filters.Insert(0, DrawText.Filter(
                request.Fonts.BoldPath, request.CaptionFile, format.CaptionFontSize, "(w-text_w)/2", $"{Invariant.Int(captionBottom)}-text_h", box: true));
        }

        return filters.Count == 0 ? string.Empty : "," + string.Join(",", filters);
    }
}
