using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Bench.Scenarios.Assembly;

/// <summary>
/// The comparison of the issue: ONE ffmpeg process making the same video from the same clips. Its pieces are the
/// product's own: each timeline entry is built by <see cref="ClipSegmentCommand"/> or <see cref="CardCommand"/> exactly as
/// the SegmentRenderer builds it, and this takes each one's input (seek, cut, demuxer, limits) and filter graph, gives the
/// graph's pads a per-segment name, ends each segment at its planned length (trim/atrim: the segment commands end at
/// their output -t instead), joins them with the concat filter and encodes once into the finished video's format (<see cref="FinishedVideoArguments"/>).
/// Pure: it builds arguments, runs nothing.
/// </summary>
public static partial class SinglePassCommand
{
    /// <summary>One entry's product command and its planned length.</summary>
    public sealed record Piece(FfmpegCommand Command, double Seconds);

    public static FfmpegCommand Build(IReadOnlyList<Piece> pieces, IReadOnlyList<string> global, SegmentEncoding encoding, double totalSeconds, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        ArgumentOutOfRangeException.ThrowIfZero(pieces.Count);
        var inputs = new List<FfmpegInput>(pieces.Count);
        var graph = new StringBuilder();
        var joined = new StringBuilder();
        for (var i = 0; i < pieces.Count; i++)
        {
            var (command, seconds) = (pieces[i].Command, pieces[i].Seconds);
            if (command.Inputs.Count == 0 || command.MoreOutputs.Count != 0)
            {
                throw new ArgumentException($"Segment {i} has {command.Inputs.Count} inputs and {command.MoreOutputs.Count} more outputs.", nameof(pieces));
            }

            // A segment's own inputs (its clip or card background, and its text picture) follow the ones before it.
            var firstInput = inputs.Count;
            inputs.AddRange(command.Inputs);
            var index = i.ToString(CultureInfo.InvariantCulture);
            var own = Relabel(FilterGraphOf(command), index, firstInput, command.Inputs.Count);
            // As the product writes seconds for ffmpeg (Invariant.Seconds, internal to the Pipeline).
            var length = seconds.ToString("0.###", CultureInfo.InvariantCulture);
            graph.Append(own).Append(';')
                .Append(CultureInfo.InvariantCulture, $"[s{index}_v]trim=duration={length},setpts=PTS-STARTPTS[cv{index}];")
                .Append(CultureInfo.InvariantCulture, $"[s{index}_a]atrim=duration={length},asetpts=PTS-STARTPTS[ca{index}];");
            joined.Append(CultureInfo.InvariantCulture, $"[cv{index}][ca{index}]");
        }

        graph.Append(joined).Append(CultureInfo.InvariantCulture, $"concat=n={pieces.Count.ToString(CultureInfo.InvariantCulture)}:v=1:a=1[v][a]");
        return new FfmpegCommand(
            global,
            inputs,
            ["-filter_complex", graph.ToString(), "-map", "[v]", "-map", "[a]", .. FinishedVideoArguments(encoding, totalSeconds)],
            outputPath);
    }

    /// <summary>
    /// What the product's finished video is: the segments' picture settings (<see cref="SegmentFormat.VideoArguments"/>),
    /// the join's sound (<see cref="ConcatCommand.AudioArguments"/>), MP4 with +faststart. Not the segments' own container
    /// (PCM in QuickTime): the single pass makes the deliverable in one go, so it pays the one AAC encode the join pays.
    /// </summary>
    public static IReadOnlyList<string> FinishedVideoArguments(SegmentEncoding encoding, double totalSeconds)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return
        [
            .. SegmentFormat.VideoArguments(encoding, totalSeconds),
            .. ConcatCommand.AudioArguments,
            "-video_track_timescale", MezzanineFormat.VideoTrackTimescale,
            "-max_muxing_queue_size", "1024",
            "-map_metadata", "-1",
            "-map_chapters", "-1",
            "-movflags", "+faststart",
            "-f", "mp4",
        ];
    }

    /// <summary>The value of the segment command's -filter_complex; it must map exactly [v] and [a].</summary>
    private static string FilterGraphOf(FfmpegCommand command)
    {
        var output = command.Output;
        var at = -1;
        for (var i = 0; i < output.Count - 1; i++)
        {
            if (output[i] == "-filter_complex")
            {
                at = i;
            }
        }

        var maps = output.Select((o, i) => (o, i)).Where(p => p.o == "-map" && p.i + 1 < output.Count).Select(p => output[p.i + 1]).ToList();
        if (at < 0 || maps.Count != 2 || maps[0] != "[v]" || maps[1] != "[a]")
        {
            throw new ArgumentException("A segment command must have one -filter_complex mapping [v] and [a].", nameof(command));
        }

        return output[at + 1];
    }

    /// <summary>
    /// [k:v:0] → [firstInput+k:v:0]; every named pad [x] → [s{i}_x]. Escaped brackets inside option values (\[) are left alone.
    /// </summary>
    internal static string Relabel(string graph, string index, int firstInput, int inputCount)
    {
        var inputs = InputPad().Replace(graph, m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) is var k && k < inputCount
            ? $"[{(firstInput + k).ToString(CultureInfo.InvariantCulture)}:{m.Groups[2].Value}]"
            : throw new ArgumentException("A segment graph may only read its own inputs.", nameof(graph)));
        return NamedPad().Replace(inputs, m => $"[s{index}_{m.Groups[1].Value}]");
    }

    [GeneratedRegex(@"(?<!\\)\[(\d+):([va](?::\d+)?)\]")]
    private static partial Regex InputPad();

    [GeneratedRegex(@"(?<!\\)\[([A-Za-z_][A-Za-z0-9_]*)\]")]
    private static partial Regex NamedPad();
}
