using System.Globalization;

namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// The one format every normalised clip has (DESIGN.md §6, departing in its size): the upright source at its own shape,
/// scaled down to fit <see cref="MaxEdge"/>×<see cref="MaxEdge"/> (never up), 30 fps constant, H.264 High yuv420p
/// BT.709, AAC-LC 48 kHz stereo, EBU R128 loudness. Each assembly format frames the clip itself, once, so a vertical
/// clip fills a vertical video. The video and still-clip builders both take their encoder settings from here, so all
/// segments share identical parameters and the assembly can concatenate them by stream copy.
/// </summary>
public static class MezzanineFormat
{
    /// <summary>The longest edge a clip is stored at: enough for a 1080×1920 or 1920×1080 output without upscaling.</summary>
    public const int MaxEdge = 1920;

    public const int FrameRate = 30;
    public const int SampleRate = 48000;
    public const int Channels = 2;
    public const int GopSeconds = 2;
    public const int GopFrames = FrameRate * GopSeconds;
    public const int AudioKbps = 160;

    /// <summary>Single-pass EBU R128 loudness normalisation (resampled back to 48 kHz: loudnorm works at 192 kHz).</summary>
    public const string Loudness = "loudnorm=I=-16:TP=-1.5:LRA=11";

    /// <summary>The audio of the mezzanine: 48 kHz float stereo, whatever came in.</summary>
    public const string AudioFormat = "aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo";

    /// <summary>A silent track for sources without sound (a filter source: no extra input to open).</summary>
    public const string SilentAudioSource = "anullsrc=channel_layout=stereo:sample_rate=48000";

    /// <summary>The last video filter: planar 4:2:0.</summary>
    public const string VideoPixelFormat = "format=yuv420p";

    /// <summary>The size a clip of a <paramref name="width"/>×<paramref name="height"/> picture (square pixels) is stored at.</summary>
    public static (int Width, int Height) ClipSize(int width, int height) => Framing.FitWithin(width, height, MaxEdge, MaxEdge);

    /// <summary>Encoder and muxer options shared by every mezzanine clip (they follow the -map options).</summary>
    public static IReadOnlyList<string> OutputArguments(string x264Preset, int crf) =>
    [
        .. VideoArguments(x264Preset, crf),
        "-c:a", "aac",
        "-profile:a", "aac_low",
        "-b:a", AudioKbps.ToString(CultureInfo.InvariantCulture) + "k",
        "-ar", SampleRate.ToString(CultureInfo.InvariantCulture),
        "-ac", Channels.ToString(CultureInfo.InvariantCulture),
        "-video_track_timescale", VideoTrackTimescale,
        "-max_muxing_queue_size", "1024",
        "-map_metadata", "-1",
        "-map_chapters", "-1",
        "-movflags", "+faststart",
        "-f", "mp4",
    ];

    /// <summary>Every segment's track timescale (a multiple of the frame rate), so stream-copied joins keep exact times.</summary>
    public static string VideoTrackTimescale => (FrameRate * 512).ToString(CultureInfo.InvariantCulture);

    /// <summary>The video encoder options of the mezzanine, which assembly segments share too.</summary>
    public static IReadOnlyList<string> VideoArguments(string x264Preset, int crf) =>
    [
        "-c:v", "libx264",
        "-preset", x264Preset,
        "-profile:v", "high",
        "-pix_fmt", "yuv420p",
        "-crf", crf.ToString(CultureInfo.InvariantCulture),
        "-g", GopFrames.ToString(CultureInfo.InvariantCulture),
        "-keyint_min", GopFrames.ToString(CultureInfo.InvariantCulture),
        "-sc_threshold", "0",
        "-r", FrameRate.ToString(CultureInfo.InvariantCulture),
        "-fps_mode", "cfr",
        "-colorspace", "bt709",
        "-color_primaries", "bt709",
        "-color_trc", "bt709",
        "-color_range", "tv",
    ];

    /// <summary>
    /// The whole command of a mezzanine run from one input and a graph ending in [v] (at <paramref name="clipWidth"/>×
    /// <paramref name="clipHeight"/>) and [a]: clip.mp4, cut to <paramref name="seconds"/>, and, when asked, preview.mp4
    /// split off the same frames.
    /// </summary>
    public static FfmpegCommand Command(
        IReadOnlyList<string> global,
        FfmpegInput input,
        string graph,
        int clipWidth,
        int clipHeight,
        double seconds,
        string x264Preset,
        int crf,
        string clipPath,
        PreviewRequest? preview)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        var video = preview is null ? "[v]" : PreviewOutput.ClipVideo;
        var audio = preview is null ? "[a]" : PreviewOutput.ClipAudio;
        var filters = preview is null ? graph : graph + ";" + PreviewOutput.SplitFilters(preview.Width, clipWidth, clipHeight);
        return new FfmpegCommand(
            global,
            [input],
            ["-filter_complex", filters, "-map", video, "-map", audio, "-t", Invariant.Seconds(seconds), .. OutputArguments(x264Preset, crf)],
            clipPath)
        {
            MoreOutputs = preview is null ? [] : [PreviewOutput.Output(preview)],
        };
    }
}
