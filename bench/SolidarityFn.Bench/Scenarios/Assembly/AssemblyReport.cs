using System.Globalization;
using SolidarityFn.Bench.Infrastructure;
using SolidarityFn.Bench.Scenarios.Processing;

namespace SolidarityFn.Bench.Scenarios.Assembly;

/// <summary>One measured side of one round.</summary>
/// <param name="Side">"first", "reassembly", "single" or "prerendered".</param>
/// <param name="Parallelism">Assembly:Parallelism of the DevHost that ran it ("default" when not set; null for the single pass).</param>
public sealed record SideResult(
    int Round,
    string Side,
    string? Parallelism,
    double Seconds,
    double OutputSeconds,
    int? SegmentsRendered,
    int? SegmentsReused,
    string LoadAverage,
    SideBreakdown Breakdown,
    string? Problem,
    PrerenderPhase? Prerender = null)
{
    /// <summary>Wall-clock seconds of rendering per minute of output.</summary>
    public double SecondsPerOutputMinute => Seconds / (OutputSeconds / 60);
}

/// <summary>
/// The ratios of one round against its single pass: first and re-assembly (null when <paramref name="Invalid"/>), and
/// the prerendered side (null when it did not run or <paramref name="PrerenderedInvalid"/>; it depends on F and R for nothing).
/// </summary>
public sealed record RoundRatios(
    int Round, string Order, string Parallelism, double? FirstOverSingle, double? ReassemblyOverSingle, string? Invalid,
    double? PrerenderedOverSingle = null, string? PrerenderedInvalid = null);

public sealed record AssemblyReport(
    string Scenario,
    string Command,
    DateTimeOffset At,
    MachineInfo Machine,
    string Ffmpeg,
    string Azurite,
    string X264Preset,
    int Crf,
    int Grain,
    int Clips,
    double ClipMegabitsPerSecond,
    double TargetSeconds,
    double TimelineSeconds,
    string SinglePassCommand,
    IReadOnlyList<SideResult> Sides,
    IReadOnlyList<RoundRatios> Ratios,
    string LoadAverageAtEnd,
    double TotalSeconds,
    IReadOnlyList<string>? PrerenderedFormats,
    string? PrerenderSettings)
{
    public const double FirstTarget = 1.0;
    public const double ReassemblyTarget = 0.10;

    /// <summary>Issue 13: Make the video → every default format downloadable, 24 clips pre-rendered on approval.</summary>
    public const double PrerenderedTarget = 0.10;

    public void Print(TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine("per round (ratios against the same round's single pass; load = /proc/loadavg 1 min at the side's start):");
        var table = new TextTable(
            "round", "order", "parallelism", "first s", "seg r/u", "re-asm s", "seg r/u", "single s", "pre s", "seg r/u",
            "first/single", "re/single", "pre/single", "load f/r/s/p", "valid", "pre valid");
        foreach (var ratio in Ratios)
        {
            var first = Find(ratio.Round, "first", ratio.Parallelism);
            var re = Find(ratio.Round, "reassembly", ratio.Parallelism);
            var single = Find(ratio.Round, "single", null);
            var pre = Find(ratio.Round, "prerendered", ratio.Parallelism);
            table.Add(
                I($"{ratio.Round}"), ratio.Order, ratio.Parallelism,
                F(first?.Seconds), Segs(first), F(re?.Seconds), Segs(re), F(single?.Seconds), F(pre?.Seconds), Segs(pre),
                F(ratio.FirstOverSingle, 3), F(ratio.ReassemblyOverSingle, 3), F(ratio.PrerenderedOverSingle, 3),
                $"{Load(first)}/{Load(re)}/{Load(single)}/{Load(pre)}",
                ratio.Invalid ?? "yes",
                pre is null ? "-" : ratio.PrerenderedInvalid ?? "yes");
        }

        writer.Write(table.Render());
        writer.WriteLine();
        writer.WriteLine("where the time went (sums over the round's side; ffmpeg steps as FfmpegRunner timed them; CPU core-seconds by process):");
        var detail = new TextTable(
            "round", "side", "wall s", "one pass s", "ffmpeg segs s", "max seg s", "concat s (per format)", "fetch s", "upload s", "storage s",
            "cpu ffmpeg", "cpu bench", "cpu azurite", "cpu others", "cpu capacity");
        foreach (var side in Sides)
        {
            var b = side.Breakdown;
            var maxSegment = b.Ffmpeg.Where(s => s.Step.StartsWith("assembly-", StringComparison.Ordinal) && s.Step != "assembly-concat").Select(s => s.MaxSeconds).DefaultIfEmpty(0).Max();
            detail.Add(
                I($"{side.Round}"), side.Side + (side.Parallelism is null ? "" : " p=" + side.Parallelism), F(side.Seconds),
                F(b.FfmpegSeconds("bench-single-pass")), F(b.FfmpegSeconds("assembly-") - b.FfmpegSeconds("assembly-concat")), F(maxSegment), Concats(b),
                F(b.FetchSeconds), F(b.UploadSeconds), F(b.StorageSeconds), F(b.Cpu.Ffmpeg), F(b.Cpu.Bench), F(b.Cpu.Azurite), F(b.Cpu.Others), F(b.Cpu.Capacity));
        }

        writer.Write(detail.Render());
        writer.WriteLine();
        var prerendered = Sides.Where(s => s.Prerender is not null).ToList();
        if (prerendered.Count > 0)
        {
            writer.WriteLine(I($"before each prerendered side (not timed): {PrerenderSettings}; the campaign's prerender items run by the pump, then the rest of the minute waited out:"));
            var phases = new TextTable("round", "side", "items", "pump s", "seg rendered/cached", "dead-lettered", "timed start after last approval s");
            foreach (var side in prerendered)
            {
                var p = side.Prerender!;
                phases.Add(
                    I($"{side.Round}"), side.Side + (side.Parallelism is null ? "" : " p=" + side.Parallelism), I($"{p.Items}"), F(p.PumpSeconds),
                    I($"{p.Rendered}/{p.Reused}"), I($"{p.DeadLettered}"), F(p.SecondsSinceLastApproval));
            }

            writer.Write(phases.Render());
            writer.WriteLine();
        }

        foreach (var parallelism in Ratios.Select(r => r.Parallelism).Distinct())
        {
            var valid = Ratios.Where(r => r.Parallelism == parallelism && r.Invalid is null).ToList();
            var first = Statistics.Median(valid.Select(r => r.FirstOverSingle!.Value));
            var re = Statistics.Median(valid.Select(r => r.ReassemblyOverSingle!.Value));
            writer.WriteLine(I($"parallelism {parallelism}: {valid.Count}/{Ratios.Count(r => r.Parallelism == parallelism)} valid rounds"));
            writer.WriteLine(I($"  first assembly / single pass: median {F(first, 3)}  (per round {string.Join(", ", valid.Select(r => F(r.FirstOverSingle, 3)))})  target ≤ {FirstTarget:F2}: {Verdict(first, FirstTarget)}"));
            writer.WriteLine(I($"  re-assembly / single pass:    median {F(re, 3)}  (per round {string.Join(", ", valid.Select(r => F(r.ReassemblyOverSingle, 3)))})  target ≤ {ReassemblyTarget:F2}: {Verdict(re, ReassemblyTarget)}"));
            if (prerendered.Any(s => s.Parallelism == parallelism))
            {
                var validPre = Ratios.Where(r => r.Parallelism == parallelism && r.PrerenderedOverSingle is not null).ToList();
                var pre = Statistics.Median(validPre.Select(r => r.PrerenderedOverSingle!.Value));
                writer.WriteLine(I(
                    $"  prerendered ({string.Join(", ", PrerenderedFormats ?? [])}) / single pass: median {F(pre, 3)}  ({validPre.Count}/{prerendered.Count(s => s.Parallelism == parallelism)} valid; per round {string.Join(", ", validPre.Select(r => F(r.PrerenderedOverSingle, 3)))})  target ≤ {PrerenderedTarget:F2}: {Verdict(pre, PrerenderedTarget)}"));
            }
        }

        writer.WriteLine();
        writer.WriteLine("throughput, seconds of rendering per minute of output (median over rounds; a commercial montage service publishes about 180 s/min):");
        foreach (var group in Sides.GroupBy(s => s.Side + (s.Side == "prerendered" ? I($" ({PrerenderedFormats?.Count} formats)") : "") + (s.Parallelism is null ? "" : " p=" + s.Parallelism)))
        {
            writer.WriteLine(I($"  {group.Key,-20} {Statistics.Median(group.Select(s => s.SecondsPerOutputMinute)),7:F1} s/min  (per round {string.Join(", ", group.Select(s => s.SecondsPerOutputMinute.ToString("F1", CultureInfo.InvariantCulture)))})"));
        }

        writer.WriteLine(I($"load average at end: {LoadAverageAtEnd}; whole run {TotalSeconds:F0} s"));
    }

    private SideResult? Find(int round, string side, string? parallelism) =>
        Sides.FirstOrDefault(s => s.Round == round && s.Side == side && s.Parallelism == parallelism);

    private static string Concats(SideBreakdown b) =>
        b.ConcatRuns.Count <= 1 ? F(b.FfmpegSeconds("assembly-concat")) : string.Join("+", b.ConcatRuns.Select(c => F(c)));

    private static string Segs(SideResult? side) => side?.SegmentsRendered is { } r ? I($"{r}/{side.SegmentsReused}") : "-";

    private static string Load(SideResult? side) => side?.LoadAverage.Split(' ')[0] ?? "-";

    private static string Verdict(double value, double target) => double.IsNaN(value) ? "no valid round" : value <= target ? "PASS" : "FAIL";

    internal static string F(double? value, int digits = 1) => value is { } v && !double.IsNaN(v) ? v.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "-";

    internal static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
