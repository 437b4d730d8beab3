using System.Globalization;
using SolidarityFn.Bench.Infrastructure;
using SolidarityFn.Bench.Scenarios.Processing;

namespace SolidarityFn.Bench.Scenarios.Assembly;

/// <summary>One measured side of one round.</summary>
/// <param name="Side">"first", "reassembly" or "single".</param>
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
    string? Problem)
{
    /// <summary>Wall-clock seconds of rendering per minute of output.</summary>
    public double SecondsPerOutputMinute => Seconds / (OutputSeconds / 60);
}

/// <summary>The ratios of one round against its single pass (null when the round is invalid).</summary>
public sealed record RoundRatios(int Round, string Order, string Parallelism, double? FirstOverSingle, double? ReassemblyOverSingle, string? Invalid);

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
    double TotalSeconds)
{
    public const double FirstTarget = 1.0;
    public const double ReassemblyTarget = 0.10;

    public void Print(TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine("per round (ratios against the same round's single pass; load = /proc/loadavg 1 min at the side's start):");
        var table = new TextTable("round", "order", "parallelism", "first s", "seg r/u", "re-asm s", "seg r/u", "single s", "first/single", "re/single", "load f/r/s", "valid");
        foreach (var ratio in Ratios)
        {
            var first = Find(ratio.Round, "first", ratio.Parallelism);
            var re = Find(ratio.Round, "reassembly", ratio.Parallelism);
            var single = Find(ratio.Round, "single", null);
            table.Add(
                I($"{ratio.Round}"), ratio.Order, ratio.Parallelism,
                F(first?.Seconds), Segs(first), F(re?.Seconds), Segs(re), F(single?.Seconds),
                F(ratio.FirstOverSingle, 3), F(ratio.ReassemblyOverSingle, 3),
                $"{Load(first)}/{Load(re)}/{Load(single)}",
                ratio.Invalid ?? "yes");
        }

        writer.Write(table.Render());
        writer.WriteLine();
        writer.WriteLine("where the time went (sums over the round's side; ffmpeg steps as FfmpegRunner timed them; CPU core-seconds by process):");
        var detail = new TextTable("round", "side", "wall s", "one pass s", "ffmpeg segs s", "max seg s", "concat s", "storage s", "cpu ffmpeg", "cpu bench", "cpu azurite", "cpu others", "cpu capacity");
        foreach (var side in Sides)
        {
            var b = side.Breakdown;
            var maxSegment = b.Ffmpeg.Where(s => s.Step.StartsWith("assembly-", StringComparison.Ordinal) && s.Step != "assembly-concat").Select(s => s.MaxSeconds).DefaultIfEmpty(0).Max();
            detail.Add(
                I($"{side.Round}"), side.Side + (side.Parallelism is null ? "" : " p=" + side.Parallelism), F(side.Seconds),
                F(b.FfmpegSeconds("bench-single-pass")), F(b.FfmpegSeconds("assembly-") - b.FfmpegSeconds("assembly-concat")), F(maxSegment), F(b.FfmpegSeconds("assembly-concat")),
                F(b.StorageSeconds), F(b.Cpu.Ffmpeg), F(b.Cpu.Bench), F(b.Cpu.Azurite), F(b.Cpu.Others), F(b.Cpu.Capacity));
        }

        writer.Write(detail.Render());
        writer.WriteLine();
        foreach (var parallelism in Ratios.Select(r => r.Parallelism).Distinct())
        {
            var valid = Ratios.Where(r => r.Parallelism == parallelism && r.Invalid is null).ToList();
            var first = Statistics.Median(valid.Select(r => r.FirstOverSingle!.Value));
            var re = Statistics.Median(valid.Select(r => r.ReassemblyOverSingle!.Value));
            writer.WriteLine(I($"parallelism {parallelism}: {valid.Count}/{Ratios.Count(r => r.Parallelism == parallelism)} valid rounds"));
            writer.WriteLine(I($"  first assembly / single pass: median {F(first, 3)}  (per round {string.Join(", ", valid.Select(r => F(r.FirstOverSingle, 3)))})  target ≤ {FirstTarget:F2}: {Verdict(first, FirstTarget)}"));
            writer.WriteLine(I($"  re-assembly / single pass:    median {F(re, 3)}  (per round {string.Join(", ", valid.Select(r => F(r.ReassemblyOverSingle, 3)))})  target ≤ {ReassemblyTarget:F2}: {Verdict(re, ReassemblyTarget)}"));
        }

        writer.WriteLine();
        writer.WriteLine("throughput, seconds of rendering per minute of output (median over rounds; a commercial montage service publishes about 180 s/min):");
        foreach (var group in Sides.GroupBy(s => s.Side + (s.Parallelism is null ? "" : " p=" + s.Parallelism)))
        {
            writer.WriteLine(I($"  {group.Key,-20} {Statistics.Median(group.Select(s => s.SecondsPerOutputMinute)),7:F1} s/min  (per round {string.Join(", ", group.Select(s => s.SecondsPerOutputMinute.ToString("F1", CultureInfo.InvariantCulture)))})"));
        }

        writer.WriteLine(I($"load average at end: {LoadAverageAtEnd}; whole run {TotalSeconds:F0} s"));
    }

    private SideResult? Find(int round, string side, string? parallelism) =>
        Sides.FirstOrDefault(s => s.Round == round && s.Side == side && s.Parallelism == parallelism);

    private static string Segs(SideResult? side) => side?.SegmentsRendered is { } r ? I($"{r}/{side.SegmentsReused}") : "-";

    private static string Load(SideResult? side) => side?.LoadAverage.Split(' ')[0] ?? "-";

    private static string Verdict(double value, double target) => double.IsNaN(value) ? "no valid round" : value <= target ? "PASS" : "FAIL";

    internal static string F(double? value, int digits = 1) => value is { } v && !double.IsNaN(v) ? v.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "-";

    internal static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
