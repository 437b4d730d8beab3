using System.Diagnostics;

namespace SolidarityFn.Bench.Infrastructure;

/// <summary>
/// One side of a comparison: an operation that workers repeat back to back. It returns null on success or a
/// short, stable error label (for example "HTTP 500"); an exception it throws is counted as an error by type.
/// </summary>
public sealed record LoadSide(string Key, string Label, string Does, Func<CancellationToken, Task<string?>> Operation);

/// <summary>What one side did in one measured stretch.</summary>
public sealed record PhaseResult(
    string SideKey,
    int Round,
    double Seconds,
    long Ok,
    long[] LatencyTicks,
    IReadOnlyDictionary<string, long> Errors,
    long WarmupErrors,
    IReadOnlyDictionary<string, string> FirstErrorMessages)
{
    public double Throughput => Ok / Seconds;

    public long ErrorCount => Errors.Values.Sum();
}

/// <summary>
/// Closed-loop load: N workers, each issuing its next request as soon as the previous one is done. The warm-up and
/// the measured stretch are one continuous run, so the measurement starts with connections and JIT already warm;
/// a request counts (latency, success or error) when it completes inside the measured stretch.
/// </summary>
public static class ClosedLoop
{
    /// <param name="measuring">Told true when the measured stretch starts and false when the workers are done (optional).</param>
    public static async Task<PhaseResult> RunAsync(
        LoadSide side,
        int round,
        int concurrency,
        TimeSpan warmup,
        TimeSpan measured,
        CancellationToken cancellationToken,
        Action<bool>? measuring = null)
    {
        var begin = Stopwatch.GetTimestamp();
        var measureFrom = begin + ToTicks(warmup);
        var measureUntil = measureFrom + ToTicks(measured);

        var workers = Enumerable.Range(0, concurrency)
            .Select(_ => Task.Run(() => WorkerAsync(side, measureFrom, measureUntil, cancellationToken), cancellationToken))
            .ToArray();
        WorkerResult[] results;
        try
        {
            if (measuring is not null)
            {
                await Task.Delay(warmup, cancellationToken);
                measuring(true);
            }

            results = await Task.WhenAll(workers);
        }
        finally
        {
            measuring?.Invoke(false);
        }

        var errors = new Dictionary<string, long>(StringComparer.Ordinal);
        var messages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var worker in results)
        {
            foreach (var (label, count) in worker.Errors)
            {
                errors[label] = errors.GetValueOrDefault(label) + count;
            }

            foreach (var (label, message) in worker.Messages)
            {
                messages.TryAdd(label, message);
            }
        }

        return new PhaseResult(
            side.Key,
            round,
            measured.TotalSeconds,
            results.Sum(r => (long)r.Latencies.Count),
            [.. results.SelectMany(r => r.Latencies)],
            errors,
            results.Sum(r => r.WarmupErrors),
            messages);
    }

    private static async Task<WorkerResult> WorkerAsync(LoadSide side, long measureFrom, long measureUntil, CancellationToken cancellationToken)
    {
        var result = new WorkerResult();
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            if (start >= measureUntil)
            {
                return result;
            }

            string? error;
            string? message = null;
            try
            {
                error = await side.Operation(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                error = e.GetType().Name;
                message = e.Message;
            }

            var stop = Stopwatch.GetTimestamp();
            if (stop < measureFrom)
            {
                result.WarmupErrors += error is null ? 0 : 1;
            }
            else if (stop <= measureUntil)
            {
                if (error is null)
                {
                    result.Latencies.Add(stop - start);
                }
                else
                {
                    result.Errors[error] = result.Errors.GetValueOrDefault(error) + 1;
                    if (message is not null)
                    {
                        result.Messages.TryAdd(error, message);
                    }
                }
            }
        }
    }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private sealed class WorkerResult
    {
        public List<long> Latencies { get; } = new(capacity: 4096);

        public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Messages { get; } = new(StringComparer.Ordinal);

        public long WarmupErrors { get; set; }
    }
}
