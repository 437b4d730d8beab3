using System.Globalization;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>The x264 choices of one assembly; every segment of it must use the same ones.</summary>
public sealed record SegmentEncoding(string X264Preset, int Crf);

/// <summary>
/// The encoder and muxer settings every assembly segment shares — title card, clip segments, end card, in every format —
/// so the final file is a stream-copy concat of them: same codec, profile and level, same GOP, same frame rate and
/// track timescale, same audio layout (the mezzanine's, see <see cref="MezzanineFormat"/>).
/// </summary>
public static class SegmentFormat
{
    public const int FrameRate = MezzanineFormat.FrameRate;

    /// <summary>Bumped whenever the look of the segments (layout, fonts, colours, fades, line wrapping) changes: part of every cache key.</summary>
    public const string TemplateVersion = "assembly-template-5";

    /// <summary>Level 4.0 covers 1920×1080 and 1080×1920 at 30 fps; fixed so every segment's SPS is the same.</summary>
    public const string Level = "4.0";

    /// <summary>Sound fades at each segment edge: 6 frames (0.2 s), so no join clicks.</summary>
    public const int FadeFrames = 6;

    public static double FadeSeconds => FadeFrames / (double)FrameRate;

    /// <summary>
    /// Picture fades at each segment edge (issue 16: 0.3–0.5 s): 9 frames (0.3 s) out of one segment, then 9 into the
    /// next, through black or the card colour. Inside each segment's own head and tail, so segments stay independent.
    /// </summary>
    public const int VideoFadeFrames = 9;

    public static double VideoFadeSeconds => VideoFadeFrames / (double)FrameRate;

    /// <summary>
    /// Sound inside a segment: 16-bit PCM. Segments are intermediates, and the join encodes the sound once anyway (AAC
    /// segments cannot be stream-copied: each carries encoder priming). So a segment pays no AAC encode, the join no
    /// AAC decode, and the sound goes through one lossy generation after the mezzanine instead of two.
    /// </summary>
    public const string AudioCodec = "pcm_s16le";

    /// <summary>Segments are QuickTime files (MP4 has no PCM in ffmpeg 5.1); the cache still names them .mp4.</summary>
    public const string Container = "mov";

    /// <summary>
    /// The mezzanine's video encoder options at the fixed level, PCM sound, cut to <paramref name="seconds"/>. No
    /// +faststart: only the join reads a segment, from local disk.
    /// </summary>
    public static IReadOnlyList<string> OutputArguments(SegmentEncoding encoding, double seconds)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return
        [
            .. VideoArguments(encoding, seconds),
            "-c:a", AudioCodec,
            "-ar", Invariant.Int(MezzanineFormat.SampleRate),
            "-ac", Invariant.Int(MezzanineFormat.Channels),
            "-video_track_timescale", MezzanineFormat.VideoTrackTimescale,
            "-max_muxing_queue_size", "1024",
            "-map_metadata", "-1",
            "-map_chapters", "-1",
            "-f", Container,
        ];
    }

    /// <summary>The picture's part of <see cref="OutputArguments"/>: what a stream-copied join keeps of every segment.</summary>
    public static IReadOnlyList<string> VideoArguments(SegmentEncoding encoding, double seconds)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return ["-t", Invariant.Seconds(seconds), "-level:v", Level, .. MezzanineFormat.VideoArguments(encoding.X264Preset, encoding.Crf)];
    }

    /// <summary>
    /// The fades of a segment of <paramref name="seconds"/>: the picture through the look's colour (none for a plain cut,
    /// or when it is too short to fade both ways), the sound always (a short declick).
    /// </summary>
    public static (string Video, string Audio) Fades(double seconds, SegmentLook? look = null)
    {
        var fade = FadeSeconds;
        if (seconds < fade * 3)
        {
            return (string.Empty, string.Empty);
        }

        var fadeText = Invariant.Seconds(fade);
        var outStart = Invariant.Seconds(seconds - fade);
        var audio = $"afade=t=in:st=0:d={fadeText},afade=t=out:st={outStart}:d={fadeText},";
        var colour = (look ?? SegmentLook.Default).FadeColour;
        var videoFade = VideoFadeSeconds;
        if (colour is null || seconds < videoFade * 3)
        {
            return (string.Empty, audio);
        }

        var videoText = Invariant.Seconds(videoFade);
        return ($",fade=t=in:st=0:d={videoText}:c={colour},fade=t=out:st={Invariant.Seconds(seconds - videoFade)}:d={videoText}:c={colour}", audio);
    }
}
