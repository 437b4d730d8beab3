using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// A title or end card: <paramref name="HeadlineFile"/> (bold) and <paramref name="SublineFile"/> (regular; null when
/// there is none) are text files written by <see cref="CaptionTextFiles"/>.
/// </summary>
public sealed record CardRequest(
    AssemblyFormat Format,
    double Seconds,
    string? HeadlineFile,
    string? SublineFile,
    string OutputPath,
    SegmentEncoding Encoding,
    AssemblyFonts Fonts,
    FfmpegLimits Limits);

/// <summary>
/// A card segment: a plain background of the campaign colour, the text drawn from files, a silent stereo track, exactly
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

        // The background is a generated input (lavfi): nothing is read from disk but the text and font files.
        var source = $"color=c={Background}:s={Invariant.Int(format.Width)}x{Invariant.Int(format.Height)}:r={Invariant.Int(SegmentFormat.FrameRate)}:d={seconds}";
        var gap = Invariant.Int(format.CardFontSize / 2);
        var texts = new List<string>();
        if (request.HeadlineFile is not null)
        {
            var y = request.SublineFile is null ? "(h-text_h)/2" : $"h/2-text_h-{gap}";
            texts.Add(DrawText.Filter(request.Fonts.BoldPath, request.HeadlineFile, format.CardFontSize, "(w-text_w)/2", y, box: false));
        }

        if (request.SublineFile is not null)
        {
            var y = request.HeadlineFile is null ? "(h-text_h)/2" : $"h/2+{gap}";
            texts.Add(DrawText.Filter(request.Fonts.RegularPath, request.SublineFile, SublineFontSize(format), "(w-text_w)/2", y, box: false));
        }

        var (videoFades, audioFades) = SegmentFormat.Fades(request.Seconds);
        var drawn = texts.Count == 0 ? string.Empty : "," + string.Join(",", texts);
        var graph =
            $"[0:v:0]setsar=1{drawn}{videoFades},{MezzanineFormat.VideoPixelFormat}[v];" +
            $"{MezzanineFormat.SilentAudioSource},{audioFades}{MezzanineFormat.AudioFormat}[a]";

        return new FfmpegCommand(
            SafeArguments.Global(request.Limits.CpuSecondsLimit),
            [new FfmpegInput(["-f", "lavfi"], source)],
            ["-filter_complex", graph, "-map", "[v]", "-map", "[a]", .. SegmentFormat.OutputArguments(request.Encoding, request.Seconds)],
            request.OutputPath);
    }
}
