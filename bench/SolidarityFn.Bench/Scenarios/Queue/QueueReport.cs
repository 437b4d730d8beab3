using System.Globalization;
using SolidarityFn.Bench.Infrastructure;

namespace SolidarityFn.Bench.Scenarios.Queue;

/// <summary>The queue scenario's figures, as printed and as written with --json.</summary>
public sealed record QueueReport(
    string Scenario,
    string Command,
    DateTimeOffset FinishedAt,
    MachineInfo Machine,
    string AzuriteVersion,
    int Workers,
    int ItemsPerRound,
    int PrimeItems,
    IReadOnlyList<QueueRoundResult> Rounds,
    IReadOnlyList<double> PurgeRowsPerSecond,
    double MedianClaimsPerSecond,
    double MinClaimsPerSecond,
    double MaxClaimsPerSecond,
    double ClaimsTarget,
    bool ClaimsMet,
    int DoubleClaims,
    bool Exact,
    ReviewPageResult? ReviewPage,
    string LoadAverageAtEnd)
{
    public static QueueReport From(
        BenchContext context,
        MachineInfo machine,
        string azuriteVersion,
        int workers,
        int items,
        int prime,
        IReadOnlyList<QueueRoundResult> rounds,
        IReadOnlyList<(int Rows, double Seconds)> purges,
        ReviewPageResult? reviewPage)
    {
        // No rounds with --review-only: the claim figures are NaN and not printed.
        var rates = rounds.Select(r => r.ClaimsPerSecond).DefaultIfEmpty(double.NaN).ToArray();
        var median = Statistics.Median(rates);
        return new QueueReport(
            "queue",
            context.Command,
            DateTimeOffset.UtcNow,
            machine,
            azuriteVersion,
            workers,
            items,
            prime,
            rounds,
            [.. purges.Where(p => p.Seconds > 0).Select(p => p.Rows / p.Seconds)],
            median,
            rates.Min(),
            rates.Max(),
            QueueScenario.ClaimsTarget,
            median >= QueueScenario.ClaimsTarget,
            rounds.Sum(r => r.DoubleClaimedItems),
            rounds.All(r => r.Exact),
            reviewPage,
            MachineInfo.CurrentLoadAverage());
    }

    /// <summary>Whether the 1-minute load average, at start or at end, was above the core count.</summary>
    public bool Busy => new[] { Machine.LoadAverage, LoadAverageAtEnd }
        .Select(l => double.TryParse(l.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0)
        .Any(v => v > Machine.LogicalCores);

    public void Print(TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine($"load average at end: {LoadAverageAtEnd}");
        if (Busy)
        {
            writer.WriteLine($"note: the 1-minute load average exceeded the {Machine.LogicalCores} cores during the run: other work shared the CPUs, so these figures are noisy; see 'others' CPU' per round.");
        }

        if (Rounds.Count > 0)
        {
            PrintClaims(writer);
        }

        ReviewPage?.Print(writer);
        writer.WriteLine();
        if (Rounds.Count > 0)
        {
            writer.WriteLine(QueueScenario.Invariant(
                $"claims/s with {Workers} workers: median {MedianClaimsPerSecond:F0} (rounds {MinClaimsPerSecond:F0}–{MaxClaimsPerSecond:F0}); target ≥ {ClaimsTarget:F0}: {(ClaimsMet ? "PASS" : "MISS")}"));
            writer.WriteLine($"double claims: {DoubleClaims} over {Rounds.Count} rounds of {ItemsPerRound} items; every item completed exactly once and Done in the table: {(Exact ? "PASS" : "FAIL")}");
        }

        writer.WriteLine(ReviewPage?.VerdictLine() ?? "first review page: not measured");
    }

    private void PrintClaims(TextWriter writer)
    {
        writer.WriteLine();
        var table = new TextTable(
            "round", "claims/s", "claim p50 ms", "p95", "p99", "max", "complete p50 ms", "empty claims", "double claims",
            "not completed once", "Done rows", "enqueue/s", "Azurite CPU", "bench CPU", "others' CPU");
        foreach (var r in Rounds)
        {
            table.Add(
                r.Round.ToString(CultureInfo.InvariantCulture),
                F(r.ClaimsPerSecond, "F0"),
                F(r.ClaimLatency.P50Ms, "F1"),
                F(r.ClaimLatency.P95Ms, "F1"),
                F(r.ClaimLatency.P99Ms, "F1"),
                F(r.ClaimLatency.MaxMs, "F0"),
                F(r.CompleteLatency.P50Ms, "F1"),
                r.EmptyClaims.ToString(CultureInfo.InvariantCulture),
                r.DoubleClaimedItems.ToString(CultureInfo.InvariantCulture),
                r.ItemsNotCompletedOnce.ToString(CultureInfo.InvariantCulture),
                $"{r.RowsDoneInTable}/{r.Items}",
                F(r.EnqueuePerSecond, "F0"),
                QueueScenario.Percent(r.Cpu.Azurite, r.Cpu.Wall),
                QueueScenario.Percent(r.Cpu.Bench, r.Cpu.Wall),
                QueueScenario.Percent(r.Cpu.Others, r.Cpu.Capacity));
        }

        writer.Write(table.Render());
        writer.WriteLine("(Azurite and bench CPU: % of one core over the drain; others' CPU: % of the whole machine.)");
        if (PurgeRowsPerSecond.Count > 0)
        {
            writer.WriteLine(QueueScenario.Invariant($"purge between rounds (TableQueue.PurgeAsync, one delete per row): {Statistics.Median(PurgeRowsPerSecond):F0} rows/s, median"));
        }

        foreach (var r in Rounds.Where(r => r.WorkerErrors > 0 || r.LeaseLostOnComplete > 0))
        {
            writer.WriteLine($"round {r.Round}: {r.WorkerErrors} worker errors (first: {r.FirstWorkerError}), {r.LeaseLostOnComplete} leases lost before completion");
        }
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
