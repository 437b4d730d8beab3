using System.Collections.Concurrent;
using System.Diagnostics;

namespace SolidarityFn.Bench.Infrastructure;

/// <summary>Latency percentiles (nearest rank) in milliseconds, from Stopwatch ticks.</summary>
public sealed record LatencySummary(long Count, double MeanMs, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public static LatencySummary From(IEnumerable<long> ticks)
    {
        var sorted = ticks.ToArray();
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        Array.Sort(sorted);
        return new LatencySummary(
            sorted.Length,
            Statistics.Ms(sorted.Average(t => (double)t)),
            Statistics.Ms(Statistics.Percentile(sorted, 50)),
            Statistics.Ms(Statistics.Percentile(sorted, 95)),
            Statistics.Ms(Statistics.Percentile(sorted, 99)),
            Statistics.Ms(sorted[^1]));
    }
}

/// <summary>One side over all rounds: throughput per round, its median, the overall rate and merged latencies.</summary>
public sealed record SideSummary(
    string Key,
    string Label,
    string Does,
    double[] RoundThroughputs,
    double MedianThroughput,
    double OverallThroughput,
    LatencySummary Latency,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    long WarmupErrors,
    IReadOnlyDictionary<string, string> FirstErrorMessages)
{
    public static SideSummary From(LoadSide side, IReadOnlyList<PhaseResult> phases)
    {
        var mine = phases.Where(p => p.SideKey == side.Key).OrderBy(p => p.Round).ToList();
        var errors = new Dictionary<string, long>(StringComparer.Ordinal);
        var messages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var phase in mine)
        {
            foreach (var (label, count) in phase.Errors)
            {
                errors[label] = errors.GetValueOrDefault(label) + count;
            }

            foreach (var (label, message) in phase.FirstErrorMessages)
            {
                messages.TryAdd(label, message);
            }
        }

        var seconds = mine.Sum(p => p.Seconds);
        return new SideSummary(
            side.Key,
            side.Label,
            side.Does,
            [.. mine.Select(p => p.Throughput)],
            Statistics.Median(mine.Select(p => p.Throughput)),
            seconds > 0 ? mine.Sum(p => p.Ok) / seconds : double.NaN,
            LatencySummary.From(mine.SelectMany(p => p.LatencyTicks)),
            errors.Values.Sum(),
            errors,
            mine.Sum(p => p.WarmupErrors),
            messages);
    }
}

public static class Statistics
{
    public static double Ms(double ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    /// <summary>Nearest-rank percentile of an ascending array.</summary>
    public static long Percentile(long[] sorted, double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>Thread-safe latency samples under labels (for example one label per storage call), switched on and off.</summary>
public sealed class LabelledTimings
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<long>> _samples = new(StringComparer.Ordinal);

    /// <summary>Samples are kept only while this is true (set it around the measured stretches).</summary>
    public bool Recording { get; set; }

    public void Add(string label, long ticks)
    {
        if (Recording)
        {
            _samples.GetOrAdd(label, _ => new ConcurrentQueue<long>()).Enqueue(ticks);
        }
    }

    public IReadOnlyDictionary<string, LatencySummary> Summarise() =>
        _samples.ToDictionary(kv => kv.Key, kv => LatencySummary.From(kv.Value), StringComparer.Ordinal);
}
