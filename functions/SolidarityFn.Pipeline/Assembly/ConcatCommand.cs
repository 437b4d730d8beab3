using System.Text;
using System.Text.RegularExpressions;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// The finished video: the segments joined by the concat demuxer, the picture by stream copy (no re-encode), +faststart.
/// The sound is encoded here, once (about a CPU-second for two minutes): segments carry PCM (<see cref="SegmentFormat.AudioCodec"/>),
/// because AAC segments cannot be copied (each carries encoder priming and a padded last frame, so copied audio overlaps
/// at every join). aresample keeps the sound on the timestamps; -t cuts both at the planned length.
/// The list names segments beside it by plain file names, so the demuxer's safe mode stays on and nothing needs quoting.
/// With <c>mixedAudioPath</c> (the assembly's finished sound, <see cref="AudioMixCommand"/>: music bed, ducking, −14 LUFS)
/// the sound is copied from that file instead, so every format carries the same mix and nothing is encoded here.
/// </summary>
public static partial class ConcatCommand
{
    public const string Demuxer = "concat";

    /// <summary>
    /// ffmpeg's fast AAC coder: the join is on the path from "Make the video" to a video, and the default two-loop
    /// search takes 2.4 CPU-s for two minutes of sound against 0.95 s, for no difference audible at 160 kb/s.
    /// </summary>
    public const string AacCoder = "fast";

    /// <summary>The sound of the finished video: AAC-LC at the mezzanine's rate, layout and bitrate.</summary>
    public static IReadOnlyList<string> AudioArguments { get; } =
    [
        "-c:a", "aac",
        "-aac_coder", AacCoder,
        "-profile:a", "aac_low",
        "-b:a", Invariant.Int(MezzanineFormat.AudioKbps) + "k",
        "-ar", Invariant.Int(MezzanineFormat.SampleRate),
        "-ac", Invariant.Int(MezzanineFormat.Channels),
    ];

    public static FfmpegCommand Build(string listPath, string outputPath, double totalSeconds, FfmpegLimits limits, string? mixedAudioPath = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listPath);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSeconds);
        if (mixedAudioPath is not null)
        {
            return WithMixedAudio(listPath, outputPath, totalSeconds, limits, mixedAudioPath);
        }

        return new FfmpegCommand(
            SafeArguments.Global(limits.CpuSecondsLimit),
            [new FfmpegInput(["-protocol_whitelist", "file", "-f", Demuxer, "-safe", "1"], listPath)],
            [
                "-map", "0:v:0",
                "-map", "0:a:0",
                "-c:v", "copy",
                "-af", "aresample=async=1:first_pts=0",
                .. AudioArguments,
                "-t", Invariant.Seconds(totalSeconds),
                "-map_metadata", "-1",
                "-map_chapters", "-1",
                "-movflags", "+faststart",
                "-f", "mp4",
            ],
            outputPath);
    }

    private static FfmpegCommand WithMixedAudio(string listPath, string outputPath, double totalSeconds, FfmpegLimits limits, string mixedAudioPath) => new(
        SafeArguments.Global(limits.CpuSecondsLimit),
        [
            new FfmpegInput(["-protocol_whitelist", "file", "-f", Demuxer, "-safe", "1"], listPath),
            new FfmpegInput(SafeArguments.Input(MediaSniffer.MovDemuxer, limits.MaxPixels), mixedAudioPath),
        ],
        [
            "-map", "0:v:0",
            "-map", "1:a:0",
            "-c:v", "copy",
            "-c:a", "copy",
            "-t", Invariant.Seconds(totalSeconds),
            "-map_metadata", "-1",
            "-map_chapters", "-1",
            "-movflags", "+faststart",
            "-f", "mp4",
        ],
        outputPath);

    /// <summary>The concat list text for segment files that lie in the list's folder.</summary>
    public static string ListText(IEnumerable<string> segmentFileNames)
    {
        ArgumentNullException.ThrowIfNull(segmentFileNames);
        var builder = new StringBuilder("ffconcat version 1.0\n");
        var any = false;
        foreach (var name in segmentFileNames)
        {
            if (!SafeName().IsMatch(name))
            {
                throw new ArgumentException("Segment file names must be plain names of letters, digits, '-', '_' and '.'.", nameof(segmentFileNames));
            }

            builder.Append("file '").Append(name).Append("'\n");
            any = true;
        }

        return any ? builder.ToString() : throw new ArgumentException("A concat list needs at least one segment.", nameof(segmentFileNames));
    }

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}$")]
    private static partial Regex SafeName();
}
