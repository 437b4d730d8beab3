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
    FfmpegLimits Limits,
    SegmentLook? Look = null);

/// <summary>
/// A card segment: a plain background of the campaign colour, the text picture laid over it, a silent stereo track, exactly
/// <see cref="CardRequest.Seconds"/> long, with the shared segment settings (<see cref="SegmentFormat"/>).
/// </summary>
public static class CardCommand
{
    /// <summary>The default card background (a deep blue that white text reads well on); a campaign may choose its own.</summary>
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

        // The background is a generated input (lavfi): nothing is read from disk but the text picture. It is generated
        // as RGB and converted once with the BT.709 matrix the stream is tagged with (SegmentColour).
        var look = request.Look ?? SegmentLook.Default;
        var source = $"color=c={look.CardBackground}:s={Invariant.Int(format.Width)}x{Invariant.Int(format.Height)}:r={Invariant.Int(SegmentFormat.FrameRate)}:d={seconds}";
        // Inputs: 0 the background, then the text picture, then the logo (each only when there is one).
        var textIndex = request.Text is null ? -1 : 1;
        var logoIndex = look.Logo is null ? -1 : (request.Text is null ? 1 : 2);
        var logo = look.Logo is null ? string.Empty
            : LogoOverlayCommand.Overlay(request.Text?.CardLogo ?? LogoPlacement.Card(format, look.Logo.Width, look.Logo.Height, 0).Logo, logoIndex, "logo");
        var drawn = logo + (request.Text is null ? string.Empty : TextOverlayCommand.Overlay(request.Text, "card", textIndex));
        var (videoFades, audioFades) = SegmentFormat.Fades(request.Seconds, look);
        var graph =
            $"[0:v:0]format=rgb24,{SegmentColour.ToVideo},setsar=1{drawn}{videoFades},{MezzanineFormat.VideoPixelFormat}[v];" +
            $"{MezzanineFormat.SilentAudioSource},{audioFades}{MezzanineFormat.AudioFormat}[a]";

        FfmpegInput background = new(["-f", "lavfi"], source);
        List<FfmpegInput> inputs = [background];
        if (request.Text is not null)
        {
            inputs.Add(TextOverlayCommand.Input(request.Text, request.Limits));
        }

        if (look.Logo is not null)
        {
            inputs.Add(LogoOverlayCommand.Input(look.Logo, request.Limits));
        }

        return new FfmpegCommand(
            SafeArguments.Global(request.Limits.CpuSecondsLimit),
            inputs,
            ["-filter_complex", graph, "-map", "[v]", "-map", "[a]", .. SegmentFormat.OutputArguments(request.Encoding, request.Seconds)],
            request.OutputPath);
    }
}
