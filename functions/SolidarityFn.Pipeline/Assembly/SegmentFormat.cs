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
    public const string TemplateVersion = "assembly-template-3";

    /// <summary>Level 4.0 covers 1920×1080 and 1080×1920 at 30 fps; fixed so every segment's SPS is the same.</summary>
    public const string Level = "4.0";

    /// <summary>Fades at each segment edge: 6 frames (0.2 s), cheap, and they hide the cut between segments.</summary>
    public const int FadeFrames = 6;

    public static double FadeSeconds => FadeFrames / (double)FrameRate;

    /// <summary>The mezzanine's encoder and muxer options, cut to <paramref name="seconds"/>, at the fixed level.</summary>
    public static IReadOnlyList<string> OutputArguments(SegmentEncoding encoding, double seconds)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return ["-t", Invariant.Seconds(seconds), "-level:v", Level, .. MezzanineFormat.OutputArguments(encoding.X264Preset, encoding.Crf)];
    }

    /// <summary>The fades of a segment of <paramref name="seconds"/> (none when it is too short to fade both ways).</summary>
    public static (string Video, string Audio) Fades(double seconds)
    {
        var fade = FadeSeconds;
        if (seconds < fade * 3)
        {
            return (string.Empty, string.Empty);
        }

        var fadeText = Invariant.Seconds(fade);
        var outStart = Invariant.Seconds(seconds - fade);
        return (
            $",fade=t=in:st=0:d={fadeText},fade=t=out:st={outStart}:d={fadeText}",
            $"afade=t=in:st=0:d={fadeText},afade=t=out:st={outStart}:d={fadeText},");
    }
}
