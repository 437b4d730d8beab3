using System.Globalization;

namespace SolidarityFn.Pipeline.Media;

/// <summary>What the still clip of a photo is made from.</summary>
/// <param name="PngPath">The prepared photo: upright, stripped, sRGB, written by the pipeline.</param>
public sealed record StillClipRequest(
    string PngPath,
    int PhotoWidth,
    int PhotoHeight,
    string OutputPath,
    double Seconds,
    string X264Preset,
    int Crf,
    FfmpegLimits Limits,
    PreviewRequest? Preview = null);

/// <summary>
/// clip.mp4 from a photo: at the photo's own shape like a video clip, the same encoder settings (see
/// <see cref="MezzanineFormat"/>), a gentle zoom in, and a silent stereo track. Each assembly format frames it as it
/// frames a video, so a portrait photo fills a vertical video and keeps its zoom.
/// </summary>
public static class StillClipCommand
{
    /// <summary>How far the zoom goes over the whole clip (6 %: noticeable, not dizzying).</summary>
    public const double ZoomEnd = 1.06;

    /// <summary>
    /// The frame is composed at twice the clip size so that zoompan's whole-pixel crop steps are half a pixel on screen.
    /// </summary>
    public const int Oversample = 2;

    public static FfmpegCommand Build(StillClipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Seconds);

        var frames = (int)Math.Round(request.Seconds * MezzanineFormat.FrameRate);
        var (clipWidth, clipHeight) = MezzanineFormat.ClipSize(request.PhotoWidth, request.PhotoHeight);

        // RGB → BT.709 limited range once, scaled to twice the clip's size (the photo keeps its own shape).
        var framed =
            $"[0:v:0]scale={Framing.Size(clipWidth * Oversample, clipHeight * Oversample)}:out_color_matrix=bt709:out_range=tv,format=yuv420p,setsar=1[framed]";
        var step = ((ZoomEnd - 1) / Math.Max(1, frames - 1)).ToString("0.##########", CultureInfo.InvariantCulture);
        var zoom =
            $"[framed]zoompan=z=1+{step}*on:x=iw/2-(iw/zoom/2):y=ih/2-(ih/zoom/2):d={Invariant.Int(frames)}" +
            $":s={ThumbnailCommand.Size(clipWidth, clipHeight)}:fps={Invariant.Int(MezzanineFormat.FrameRate)}," +
            $"setsar=1,{MezzanineFormat.VideoPixelFormat}[v]";
        var audio = $"{MezzanineFormat.SilentAudioSource}[a]";

        return MezzanineFormat.Command(
            SafeArguments.Global(request.Limits.CpuSecondsLimit),
            new FfmpegInput(SafeArguments.Input(SafeArguments.PngDemuxer, request.Limits.MaxPixels), request.PngPath),
            framed + ";" + zoom + ";" + audio,
            clipWidth,
            clipHeight,
            request.Seconds,
            request.X264Preset,
            request.Crf,
            request.OutputPath,
            request.Preview);
    }
}
