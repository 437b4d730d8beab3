namespace SolidarityFn.Pipeline.Media;

/// <summary>What preview.mp4 is: where it goes, its width (16:9), its length and its video bitrate.</summary>
public sealed record PreviewRequest(string OutputPath, int Width, double Seconds, int VideoKbps);

/// <summary>
/// preview.mp4 for the review page, written by the same ffmpeg run as clip.mp4: the finished mezzanine frames and sound
/// ([v], [a]: already upright, framed and stripped) are split, and one copy is scaled down and encoded small, short and
/// ready to stream (+faststart). A separate run from the finished clip cost a second process, decode and encode (about
/// 17 % of the clip's time, BENCHMARKS.md); the branch costs only the small encode.
/// </summary>
public static class PreviewOutput
{
    /// <summary>The clip's labels once the preview is split off.</summary>
    public const string ClipVideo = "[clip_v]";

    public const string ClipAudio = "[clip_a]";

    /// <summary>
    /// Filters that split a graph's final [v] (the clip's frames, <paramref name="clipWidth"/>×<paramref name="clipHeight"/>)
    /// and [a] into the clip's and the preview's. The review page shows 16:9 previews: a clip of another shape is framed
    /// over its own blurred fill, once, from the clip's frames.
    /// </summary>
    public static string SplitFilters(int width, int clipWidth, int clipHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        var height = width * 9 / 16;
        height -= height % 2;
        var plan = Framing.Plan(clipWidth, clipHeight, width, height);
        return $"[v]split=2{ClipVideo}[preview_in];" +
            Framing.Filter("[preview_in]", string.Empty, ",format=yuv420p", "[preview_v]", plan, "preview") + ";" +
            $"[a]asplit=2{ClipAudio}[preview_a]";
    }

    /// <summary>The preview's output options; its -t ends only this output, the clip goes on.</summary>
    public static FfmpegOutput Output(PreviewRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Seconds);
        var kbps = request.VideoKbps;
        return new FfmpegOutput(
            [
                "-map", "[preview_v]",
                "-map", "[preview_a]",
                "-t", Invariant.Seconds(request.Seconds),
                "-c:v", "libx264",
                "-preset", "veryfast",
                "-profile:v", "main",
                "-b:v", Invariant.Int(kbps) + "k",
                "-maxrate", Invariant.Int(kbps * 6 / 5) + "k",
                "-bufsize", Invariant.Int(kbps * 2) + "k",
                "-g", Invariant.Int(MezzanineFormat.GopFrames),
                "-c:a", "aac",
                "-b:a", "64k",
                "-ar", Invariant.Int(MezzanineFormat.SampleRate),
                "-ac", Invariant.Int(MezzanineFormat.Channels),
                "-map_metadata", "-1",
                "-map_chapters", "-1",
                "-movflags", "+faststart",
                "-f", "mp4",
            ],
            request.OutputPath);
    }
}
