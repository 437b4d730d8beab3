using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Bench.Scenarios.Assembly;

/// <summary>
/// The inputs of the single pass, taken the way the AssemblyHandler takes them: the same clips in approval order with
/// their typed texts, the campaign's cards, <see cref="AssemblyPlanner.Plan"/> at the same target, the text files
/// wrapped as <see cref="SegmentRenderer"/> wraps them (<see cref="CaptionTextFiles"/>), and the renderer's fonts and encoding.
/// </summary>
public static class SinglePassPlan
{
    public const string DefaultEndCard = "Thank you. In solidarity.";

    public static AssemblyTimeline Timeline(IReadOnlyList<BenchClip> clips, Campaign campaign, double targetSeconds)
    {
        var planned = clips.Select(c => new AssemblyClip($"clip-{c.Index}", AssemblyMedia.ClipSeconds, 0, null, c.Caption, c.Union, c.Sector, c.City)).ToList();
        var cards = new AssemblyCards(
            campaign.Title,
            campaign.Subtitle ?? string.Empty,
            string.Join(' ', campaign.Hashtags.Select(h => h.StartsWith('#') ? h : "#" + h)),
            DefaultEndCard);
        return AssemblyPlanner.Plan(planned, cards, new AssemblySettings(TargetSeconds: targetSeconds));
    }

    /// <summary>Writes the text files into <paramref name="workDir"/> and builds the one command.</summary>
    public static async Task<FfmpegCommand> CommandAsync(
        AssemblyTimeline timeline,
        IReadOnlyList<BenchClip> clips,
        AssemblyFormat format,
        SegmentRenderer renderer,
        FfmpegLimits limits,
        string workDir,
        string outputPath,
        CancellationToken cancellationToken)
    {
        var paths = clips.ToDictionary(c => $"clip-{c.Index}", c => c.Path, StringComparer.Ordinal);
        var pieces = new List<SinglePassCommand.Piece>(timeline.Entries.Count);
        var n = 0;
        foreach (var entry in timeline.Entries)
        {
            var stem = Path.Combine(workDir, "text-" + (n++).ToString(System.Globalization.CultureInfo.InvariantCulture));
            // The per-segment output path is never written: only the inputs and the graph are taken.
            var unused = stem + ".mp4";
            var clip = entry.Clip is null ? null : paths[entry.Clip.SubmissionId];
            var command = await renderer.CommandAsync(entry, format, clip, clip is null ? null : BenchClip.Shape, workDir, unused, cancellationToken);
            pieces.Add(new SinglePassCommand.Piece(command, entry.Seconds));
        }

        return SinglePassCommand.Build(pieces, SafeArguments.Global(limits.CpuSecondsLimit), renderer.Encoding, timeline.TotalSeconds, outputPath);
    }
}
