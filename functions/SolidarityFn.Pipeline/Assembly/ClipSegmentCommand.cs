using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// One clip's segment: the mezzanine clip from <paramref name="InSeconds"/> for <paramref name="Seconds"/>, with the
/// lower third (caption and meta line) drawn into a transparent PNG by <see cref="SegmentText"/> (null: no text).
/// </summary>
public sealed record ClipSegmentRequest(
    string ClipPath,
    ClipShape ClipShape,
    double InSeconds,
    double Seconds,
    AssemblyFormat Format,
    TextOverlay? LowerThird,
    string OutputPath,
    SegmentEncoding Encoding,
    FfmpegLimits Limits,
    SegmentLook? Look = null);

/// <summary>
/// A captioned clip segment: seek and cut on the input, the clip (the source's own shape) framed into the format once
/// (<see cref="Framing"/>: filled when the shapes are close, else over a blurred fill of itself), the lower third laid
/// over it (a second input, a PNG), short fades, and the shared segment settings.
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

        var (videoFades, audioFades) = SegmentFormat.Fades(request.Seconds, request.Look);
        var suffix = LowerThird(request) + Mark(request) + videoFades + "," + MezzanineFormat.VideoPixelFormat;
        var video = Framing.Filter("[0:v:0]", string.Empty, suffix, "[v]", PlanFor(request.ClipShape, format));
        // apad: the sound never ends before the picture; the output -t ends both on the same frame.
        var audio = $"[0:a:0]{audioFades}{MezzanineFormat.AudioFormat},apad[a]";

        var input = new FfmpegInput(
            [.. SafeArguments.Input(MediaSniffer.MovDemuxer, request.Limits.MaxPixels), "-ss", Invariant.Seconds(request.InSeconds), "-t", Invariant.Seconds(request.Seconds)],
            request.ClipPath);
        List<FfmpegInput> inputs = [input];
        if (request.LowerThird is not null)
        {
            inputs.Add(TextOverlayCommand.Input(request.LowerThird, request.Limits));
        }

        if (request.Look?.CornerMark is { } mark)
        {
            inputs.Add(LogoOverlayCommand.Input(mark, request.Limits));
        }

        return new FfmpegCommand(
            SafeArguments.Global(request.Limits.CpuSecondsLimit),
            inputs,
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

    /// <summary>The lower third's picture over the framed clip (input 1), before the fades so it fades with the picture.</summary>
    private static string LowerThird(ClipSegmentRequest request) =>
        request.LowerThird is null ? string.Empty : TextOverlayCommand.Overlay(request.LowerThird, "lt");

    /// <summary>The logo's corner mark (the input after the lower third), small and semi-opaque in the format's safe box.</summary>
    private static string Mark(ClipSegmentRequest request) =>
        request.Look?.CornerMark is not { } mark ? string.Empty
            : LogoOverlayCommand.Overlay(
                LogoPlacement.CornerMark(request.Format, mark.Width, mark.Height),
                request.LowerThird is null ? 1 : 2,
                "mark",
                LogoPlacement.MarkOpacity);
}
