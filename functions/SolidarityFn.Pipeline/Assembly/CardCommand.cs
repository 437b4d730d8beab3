using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// A title or end card: <paramref name="Text"/> is its headline and second line drawn by <see cref="SegmentText"/> into a
/// transparent PNG the size of the frame (null: no text).
/// </summary>
public sealed record CardRequest(
    AssemblyFormat Format,
    double Seconds,
    TextOverlay? Text,
    string OutputPath,
    SegmentEncoding Encoding,
    FfmpegLimits Limits);

/// <summary>
/// A card segment: a plain background of the campaign colour, the text picture laid over it, a silent stereo track, exactly
/// <see cref="CardRequest.Seconds"/> long, with the shared segment settings (<see cref="SegmentFormat"/>).
/// </summary>
public static class CardCommand
{
    /// <summary>The card background (a deep blue that white text reads well on).</summary>
    public const string Background = "0x1d2b4f";

    /// <summary>The card's second line is drawn at 6/10 of the headline's size.</summary>
    public static int SublineFontSize(AssemblyFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.CardFontSize * 6 / 10;
    }

    public static FfmpegCommand Build(CardRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Seconds);
        var format = request.Format;
        var seconds = Invariant.Seconds(request.Seconds);

        // The background is a generated input (lavfi): nothing is read from disk but the text picture.
        var source = $"color=c={Background}:s={Invariant.Int(format.Width)}x{Invariant.Int(format.Height)}:r={Invariant.Int(SegmentFormat.FrameRate)}:d={seconds}";
        var drawn = request.Text is null ? string.Empty : TextOverlayCommand.Overlay(request.Text, "card");
        var (videoFades, audioFades) = SegmentFormat.Fades(request.Seconds);
        var graph =
            $"[0:v:0]setsar=1{drawn}{videoFades},{MezzanineFormat.VideoPixelFormat}[v];" +
            $"{MezzanineFormat.SilentAudioSource},{audioFades}{MezzanineFormat.AudioFormat}[a]";

        FfmpegInput background = new(["-f", "lavfi"], source);
        return new FfmpegCommand(
            SafeArguments.Global(request.Limits.CpuSecondsLimit),
            request.Text is null ? [background] : [background, TextOverlayCommand.Input(request.Text, request.Limits)],
            ["-filter_complex", graph, "-map", "[v]", "-map", "[a]", .. SegmentFormat.OutputArguments(request.Encoding, request.Seconds)],
            request.OutputPath);
    }
}
