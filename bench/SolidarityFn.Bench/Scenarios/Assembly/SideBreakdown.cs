using SolidarityFn.Bench.Scenarios.Processing;

namespace SolidarityFn.Bench.Scenarios.Assembly;

/// <summary>ffmpeg runs of one step (FfmpegRunner's own "finished in" timings): how many and their summed seconds.</summary>
public sealed record StepTimes(string Step, int Runs, double Seconds, double MaxSeconds);

/// <summary>Storage calls of one kind the DevHost made (timing policy on its clients): how many and their summed seconds.</summary>
public sealed record StorageTimes(string Kind, int Calls, double Seconds, long? Status404);

/// <summary>
/// Where a side's time went: ffmpeg steps, storage calls by kind, CPU by process. Sums, not a critical path: when
/// segments render in parallel the sums can exceed the wall-clock time.
/// </summary>
/// <param name="ConcatRuns">Seconds of each "assembly-concat" run in the order they finished (one per format; the handler joins the formats one after another in the requested order).</param>
public sealed record SideBreakdown(IReadOnlyList<StepTimes> Ffmpeg, IReadOnlyList<StorageTimes> Storage, CpuUse Cpu, IReadOnlyList<double> ConcatRuns)
{
    public static SideBreakdown From(List<StorageCall> calls, List<PipelineEvent> events, CpuUse cpu)
    {
        var steps = events
            .Where(e => e.Name == "Ran" && e.Values.ContainsKey("Step") && e.Values.ContainsKey("ElapsedMs"))
            .Select(e => (Step: e.Values["Step"]!, Seconds: double.Parse(e.Values["ElapsedMs"]!, System.Globalization.CultureInfo.InvariantCulture) / 1000))
            .GroupBy(e => e.Step)
            .Select(g => new StepTimes(g.Key, g.Count(), g.Sum(e => e.Seconds), g.Max(e => e.Seconds)))
            .OrderByDescending(s => s.Seconds)
            .ToList();
        var storage = calls
            .GroupBy(Kind)
            .Select(g => new StorageTimes(g.Key, g.Count(), g.Sum(c => UploadOutcome.Seconds(c.Start, c.End)), g.LongCount(c => c.Status == 404)))
            .OrderByDescending(s => s.Seconds)
            .ToList();
        var concats = events
            .Where(e => e.Name == "Ran" && e.Values.GetValueOrDefault("Step") == "assembly-concat" && e.Values.ContainsKey("ElapsedMs"))
            .OrderBy(e => e.At)
            .Select(e => double.Parse(e.Values["ElapsedMs"]!, System.Globalization.CultureInfo.InvariantCulture) / 1000)
            .ToList();
        return new SideBreakdown(steps, storage, cpu, concats);
    }

    /// <summary>Cached segments fetched (summed over calls; they run several at a time).</summary>
    public double FetchSeconds => Storage.Where(s => s.Kind == "segment cache GET").Sum(s => s.Seconds);

    /// <summary>Outputs uploaded to final/ (videos, captions, credits).</summary>
    public double UploadSeconds => Storage.Where(s => s.Kind == "outputs PUT (final/)").Sum(s => s.Seconds);

    public double FfmpegSeconds(string prefix) => Ffmpeg.Where(s => s.Step.StartsWith(prefix, StringComparison.Ordinal)).Sum(s => s.Seconds);

    public double StorageSeconds => Storage.Sum(s => s.Seconds);

    private static string Kind(StorageCall call)
    {
        var target = call.Target;
        if (target.StartsWith("media/", StringComparison.Ordinal))
        {
            return $"clip {call.Method} (media/)";
        }

        if (target.StartsWith("final/", StringComparison.Ordinal))
        {
            return target.Contains("/segments/", StringComparison.Ordinal)
                ? $"segment cache {call.Method}"
                : $"outputs {call.Method} (final/)";
        }

        var paren = target.IndexOfAny(['(', '?', '/']);
        return $"table {call.Method} {(paren < 0 ? target : target[..paren])}";
    }
}
