using System.Globalization;
using System.Text.Json.Serialization;
using SolidarityFn.Bench.Infrastructure;
using SolidarityFn.Bench.Scenarios.Processing;

namespace SolidarityFn.Bench.Scenarios.Queue;

/// <summary>One side's turn in one round: its requests' latency and the CPU used meanwhile, by whom.</summary>
public sealed record ReviewPageRound(
    int Round, int Turn, string Side, int Requests, LatencySummary Latency, [property: JsonIgnore] IReadOnlyList<long> Ticks, int Errors, string? FirstError, CpuUse Cpu)
{
    /// <summary>Azurite's CPU per request (ms): what the query costs the emulator, whoever else wants the cores.</summary>
    public double AzuriteCpuMsPerRequest => Cpu.Azurite * 1000 / Requests;

    /// <summary>The bench process's CPU per request (ms): the client, and on the HTTP sides the in-process DevHost.</summary>
    public double BenchCpuMsPerRequest => Cpu.Bench * 1000 / Requests;
}

/// <summary>One side over all rounds; CPU per request from the sum over its turns (clock ticks of 10 ms).</summary>
public sealed record ReviewPageSide(
    string Key, string Label, string Does, LatencySummary Latency, int Errors, string? FirstError, double AzuriteCpuMsPerRequest, double BenchCpuMsPerRequest);

/// <summary>What the second half of the queue target measured: the first review page, over HTTP and bare.</summary>
public sealed record ReviewPageResult(
    ReviewSeedResult Seed,
    int PageSize,
    int ItemsOnPage,
    int RequestsPerSide,
    int Rounds,
    int WarmupRequests,
    double CampaignCacheTtlSeconds,
    IReadOnlyList<ReviewPageSide> Sides,
    IReadOnlyList<ReviewPageRound> PerRound)
{
    /// <summary>The Ready list's length: the target's "10,000 submissions".</summary>
    public int Submissions => Seed.Ready;

    public LatencySummary Http => Side("http").Latency;

    public LatencySummary Bare => Side("bare").Latency;

    public double P95Ms => Http.P95Ms;

    /// <summary>HTTP ÷ bare, on the medians and on the p95s over all rounds.</summary>
    public double P50Ratio => Http.P50Ms / Bare.P50Ms;

    public double P95Ratio => Http.P95Ms / Bare.P95Ms;

    /// <summary>HTTP p50 ÷ bare p50 within each round (the sides ran next to each other).</summary>
    public IReadOnlyList<double> RoundP50Ratios =>
        [.. Enumerable.Range(1, Rounds).Select(r => Of(r, "http").Latency.P50Ms / Of(r, "bare").Latency.P50Ms)];

    public bool Met => P95Ms <= ReviewPagePart.P95TargetMs && Side("http").Errors == 0;

    public static ReviewPageResult From(
        ReviewSeedResult seed, int pageSize, int itemsOnPage, ReviewPageSettings settings, double cacheTtlSeconds, IReadOnlyList<LoadSide> sides, IReadOnlyList<ReviewPageRound> rounds)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var summaries = sides.Select(s =>
        {
            var mine = rounds.Where(r => r.Side == s.Key).ToList();
            var requests = mine.Sum(r => r.Requests);
            return new ReviewPageSide(
                s.Key, s.Label, s.Does, LatencySummary.From(mine.SelectMany(r => r.Ticks)), mine.Sum(r => r.Errors), mine.Select(r => r.FirstError).FirstOrDefault(e => e is not null),
                mine.Sum(r => r.Cpu.Azurite) * 1000 / requests, mine.Sum(r => r.Cpu.Bench) * 1000 / requests);
        }).ToList();
        return new ReviewPageResult(seed, pageSize, itemsOnPage, settings.Requests, settings.Rounds, settings.Warmup, cacheTtlSeconds, summaries, rounds);
    }

    public void Print(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine();
        writer.WriteLine(Invariant(
            $"review page: campaign {Seed.CampaignId}, {Seed.Ready} Ready + {Seed.Approved} Approved + {Seed.Rejected} Rejected, seeded in {Seed.Seconds:F1} s ") +
            Invariant($"({Seed.Writes} writes through SubmissionStore, {ReviewSeed.Parallelism} submissions at a time: {Seed.WritesPerSecond:F0} writes/s)"));
        writer.WriteLine(Invariant(
            $"first page ({ItemsOnPage} items, page size {PageSize}); {WarmupRequests} unmeasured requests per side, then {Rounds} round(s), {RequestsPerSide} sequential requests per side in all:"));
        foreach (var side in Sides)
        {
            writer.WriteLine($"  {side.Key,-14} {side.Does}");
        }

        writer.WriteLine();
        var table = new TextTable(
            "round", "turn", "side", "requests", "p50 ms", "p95", "p99", "max", "mean", "errors", "Azurite CPU", "bench CPU", "others' CPU", "Azurite CPU ms/req", "bench CPU ms/req");
        foreach (var r in PerRound)
        {
            table.Add(
                I(r.Round), I(r.Turn), r.Side, I(r.Requests), F(r.Latency.P50Ms), F(r.Latency.P95Ms), F(r.Latency.P99Ms), F(r.Latency.MaxMs), F(r.Latency.MeanMs), I(r.Errors),
                QueueScenario.Percent(r.Cpu.Azurite, r.Cpu.Wall), QueueScenario.Percent(r.Cpu.Bench, r.Cpu.Wall), QueueScenario.Percent(r.Cpu.Others, r.Cpu.Capacity),
                F(r.AzuriteCpuMsPerRequest), F(r.BenchCpuMsPerRequest));
        }

        foreach (var side in Sides)
        {
            table.Add(
                "all", "", side.Key, I((int)side.Latency.Count), F(side.Latency.P50Ms), F(side.Latency.P95Ms), F(side.Latency.P99Ms), F(side.Latency.MaxMs), F(side.Latency.MeanMs), I(side.Errors),
                "", "", "", F(side.AzuriteCpuMsPerRequest), F(side.BenchCpuMsPerRequest));
        }

        writer.Write(table.Render());
        writer.WriteLine("(Azurite and bench CPU: % of one core over the side's turn, the in-process DevHost inside 'bench'; others' CPU: % of the whole machine;");
        writer.WriteLine(" CPU ms/req: CPU time over the turn ÷ its requests, which waiting for a busy core does not inflate.)");
        foreach (var side in Sides.Where(s => s.Errors > 0))
        {
            writer.WriteLine($"{side.Key}: {side.Errors} errors (first: {side.FirstError})");
        }

        writer.WriteLine(Invariant(
            $"HTTP / bare: p50 {P50Ratio:F2}×, p95 {P95Ratio:F2}× over all rounds; p50 per round {string.Join(", ", RoundP50Ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}"));
    }

    /// <summary>The verdict line of the queue report.</summary>
    public string VerdictLine() => Invariant(
        $"first review page ({ItemsOnPage} items) with {Submissions} Ready submissions: HTTP p95 {P95Ms:F1} ms (p50 {Http.P50Ms:F1}, p99 {Http.P99Ms:F1}, max {Http.MaxMs:F1}; {Http.Count} requests, {Side("http").Errors} errors); ") +
        Invariant($"bare query p95 {Bare.P95Ms:F1} ms; HTTP/bare p50 {P50Ratio:F2}×; target ≤ {ReviewPagePart.P95TargetMs:F0} ms: {(Met ? "PASS" : "MISS")}");

    private ReviewPageSide Side(string key) => Sides.Single(s => s.Key == key);

    private ReviewPageRound Of(int round, string side) => PerRound.Single(r => r.Round == round && r.Side == side);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
