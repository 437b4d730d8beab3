namespace SolidarityFn.Pipeline.Media;

/// <summary>What the mezzanine clip of a video is made from.</summary>
/// <param name="Geometry">The picture after rotation (ffmpeg rotates while decoding; the filters see it upright).</param>
/// <param name="Seconds">Output length: the source's, or the campaign maximum when the source is longer.</param>
/// <param name="ColourFilters">The source's conversion to SDR BT.709 (<see cref="ColourConversion.Filters"/>), run on the clip-size picture, after its one scale.</param>
/// <param name="AudioStream">Which audio stream to take, counted among the audio streams (see <see cref="ProbedVideo.AudioStream"/>).</param>
public sealed record VideoClipRequest(
    string InputPath,
    string Demuxer,
    string OutputPath,
    VideoGeometry Geometry,
    bool HasAudio,
    double Seconds,
    string X264Preset,
    int Crf,
    FfmpegLimits Limits,
    PreviewRequest? Preview = null,
    string ColourFilters = "",
    int AudioStream = 0);

/// <summary>
/// clip.mp4 from a video: one video and one audio stream, the upright picture at its own shape (square pixels, scaled
/// down to fit the mezzanine's largest size, never up: <see cref="MezzanineFormat.ClipSize"/>), 30 fps constant, loudness normalised (or a silent track), trimmed, no metadata or chapters (DESIGN.md §6); and the
/// preview from the same frames when the request names one.
/// </summary>
public static class NormalizeVideoCommand
{
    public static FfmpegCommand Build(VideoClipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Seconds);

        var (clipWidth, clipHeight) = ClipSize(request.Geometry);
        // One scale takes the picture to its stored size and makes its pixels square (the size is the display shape);
        // the colour conversion runs after it, on the clip's pixels only (a 4K HDR source is tone-mapped at 1080p).
        var video =
            $"[0:v:0]fps={Invariant.Int(MezzanineFormat.FrameRate)},scale={Framing.Size(clipWidth, clipHeight)},setsar=1,{request.ColourFilters}{MezzanineFormat.VideoPixelFormat}[v]";

        // apad: the audio never ends before the picture; -t cuts both at the same instant. Stereo before loudnorm:
        // on a real phone 3GP (AMR-NB mono) loudnorm alone lands at -32 LUFS instead of -16 (measured with ebur128).
        var audio = request.HasAudio
            ? $"[0:a:{Invariant.Int(request.AudioStream)}]aformat=channel_layouts=stereo,{MezzanineFormat.Loudness},{MezzanineFormat.AudioFormat},apad[a]"
            : $"{MezzanineFormat.SilentAudioSource}[a]";

        return MezzanineFormat.Command(
            SafeArguments.Global(request.Limits.CpuSecondsLimit),
            new FfmpegInput(SafeArguments.Input(request.Demuxer, request.Limits.MaxPixels), request.InputPath),
            video + ";" + audio,
            clipWidth,
            clipHeight,
            request.Seconds,
            request.X264Preset,
            request.Crf,
            request.OutputPath,
            request.Preview);
    }

    /// <summary>The size clip.mp4 of this picture is stored at: its display shape, fitted to the mezzanine's largest size.</summary>
    public static (int Width, int Height) ClipSize(VideoGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return MezzanineFormat.ClipSize(Math.Max(1, geometry.DisplayWidth), geometry.Height);
    }
}
