using System.Text;
using System.Text.RegularExpressions;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// The finished video: the segments joined by the concat demuxer, the picture by stream copy (no re-encode), +faststart.
/// The sound is re-encoded (about a second for two minutes): each AAC segment carries encoder priming and a padded last
/// frame, so copied audio overlaps at every join (non-monotonic timestamps, and drift once the muxer "fixes" them).
/// Decoded, the priming is dropped and aresample keeps the sound on the timestamps; -t cuts both at the planned length.
/// The list names segments beside it by plain file names, so the demuxer's safe mode stays on and nothing needs quoting.
/// </summary>
public static partial class ConcatCommand
{
    public const string Demuxer = "concat";

    public static FfmpegCommand Build(string listPath, string outputPath, double totalSeconds, FfmpegLimits limits)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listPath);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSeconds);
        return new FfmpegCommand(
            SafeArguments.Global(limits.CpuSecondsLimit),
            [new FfmpegInput(["-protocol_whitelist", "file", "-f", Demuxer, "-safe", "1"], listPath)],
            [
                "-map", "0:v:0",
                "-map", "0:a:0",
                "-c:v", "copy",
                "-af", "aresample=async=1:first_pts=0",
                "-c:a", "aac",
                "-profile:a", "aac_low",
                "-b:a", Invariant.Int(MezzanineFormat.AudioKbps) + "k",
                "-ar", Invariant.Int(MezzanineFormat.SampleRate),
                "-ac", Invariant.Int(MezzanineFormat.Channels),
                "-t", Invariant.Seconds(totalSeconds),
                "-map_metadata", "-1",
                "-map_chapters", "-1",
                "-movflags", "+faststart",
                "-f", "mp4",
            ],
            outputPath);
    }

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
