using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using SolidarityFn.Bench.Infrastructure;
using SolidarityFn.Bench.Scenarios.Processing;
using SolidarityFn.Bench.Scenarios.Queue;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Bench.Scenarios;

/// <summary>
/// DESIGN.md §10, queue: ≥ 200 claims/s with 8 concurrent workers and zero double claims, and the first review page
/// ≤ 100 ms p95 with 10,000 submissions (<see cref="ReviewPagePart"/>, after the claim rounds, in the same Azurite).
/// A private in-memory Azurite; each round drains a fresh queue partition, and the previous round's rows are purged
/// before the next, so every round starts from the same table size.
/// </summary>
public sealed class QueueScenario : IScenario
{
    public const double ClaimsTarget = 200;
    public const int DefaultWorkers = 8;

    private const string Items = "items";
    private const string Prime = "prime";
    private const string PageRequests = "page-requests";
    private const string PageRounds = "page-rounds";
    private const string Submissions = "submissions";
    private const string ReviewOnly = "review-only";

    private static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string Name => "queue";

    public string Summary => "table queue: 8 workers claim + complete until empty (claims/s, double claims); first review page with 10,000 Ready, HTTP vs bare (§10)";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(Items, "n", "items enqueued and drained per round (default 5000)"),
        new(Prime, "n", "items of one unmeasured round first, for JIT and connections (default 500; 0 skips it)"),
        new(Submissions, "n", "Ready submissions seeded for the review page (default 10000; plus 300 Approved and 200 Rejected)"),
        new(PageRequests, "n", "measured first-page requests per side over all page rounds (default 300)"),
        new(PageRounds, "n", "rounds of the review page's sides, HTTP and bare taking turns, the order rotating (default 6)"),
        new(ReviewOnly, null, "skip the claim rounds: only seed and time the review page"),
    ];

    public async Task<int> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var items = options.WholeNumber(Items, 5000, 1, 1_000_000);
        var prime = options.WholeNumber(Prime, 500, 0, 1_000_000);
        var rounds = options.WholeNumber(BenchOptions.Rounds, 5, 1, 50);
        var workers = options.WholeNumber(BenchOptions.Concurrency, DefaultWorkers, 1, 256);
        var defaults = ReviewPagePart.Defaults;
        var page = defaults with
        {
            Ready = options.WholeNumber(Submissions, defaults.Ready, 1, 1_000_000),
            Requests = options.WholeNumber(PageRequests, defaults.Requests, 1, 100_000),
            Rounds = options.WholeNumber(PageRounds, defaults.Rounds, 1, 50),
        };
        if (page.Requests < page.Rounds)
        {
            throw new BenchUsageException("--page-requests must be at least --page-rounds.");
        }

        var reviewOnly = options.Flag(ReviewOnly);
        var jsonPath = options.Text(BenchOptions.Json);
        if (options.Text(BenchOptions.Seconds) is not null || options.Text(BenchOptions.Warmup) is not null)
        {
            throw new BenchUsageException("queue runs a fixed amount of work per round: use --items and --prime, not --seconds or --warmup.");
        }

        var machine = MachineInfo.Collect();
        await using var azurite = await AzuriteProcess.StartAsync(context.RepoRoot, cancellationToken);
        await new TableServiceClient(azurite.ConnectionString).CreateTableIfNotExistsAsync(StorageNames.QueueTable, cancellationToken);
        var cpu = new CpuMeter(azurite.ProcessId);

        Console.WriteLine("== bench queue (DESIGN.md §10: ≥ 200 claims/s with 8 concurrent workers, zero double claims; first review page ≤ 100 ms p95 with 10,000 submissions)");
        Console.WriteLine($"command: {context.Command}");
        machine.Print(Console.Out, $"Azurite {azurite.Version} (in memory, pid {azurite.ProcessId}, table port {azurite.TablePort})");
        Console.WriteLine(reviewOnly ? "claim rounds: skipped (--review-only)" : Invariant(
            $"load: {rounds} round(s) of {items} items, {workers} workers (each its own TableClient and TableQueue, as on separate instances); claim page {new QueueOptions().ClaimPageSize}, lease 1 min; {(prime > 0 ? $"{prime} items unmeasured first" : "no priming")}"));
        Console.WriteLine();

        var salt = Guid.NewGuid().ToString("N")[..8];
        string? previous = null;
        var purges = new List<(int Rows, double Seconds)>();
        if (prime > 0 && !reviewOnly)
        {
            previous = $"bench-prime-{salt}";
            var primed = await QueueRound.RunAsync(azurite.ConnectionString, 0, previous, prime, workers, cpu, cancellationToken);
            Console.WriteLine(Invariant($"  priming   {primed.ClaimsPerSecond,7:F0} claims/s  (not counted)"));
        }

        var results = new List<QueueRoundResult>();
        for (var round = 1; round <= rounds && !reviewOnly; round++)
        {
            if (previous is not null)
            {
                purges.Add(await PurgeAsync(azurite.ConnectionString, previous, cancellationToken));
            }

            previous = $"bench-r{round}-{salt}";
            var result = await QueueRound.RunAsync(azurite.ConnectionString, round, previous, items, workers, cpu, cancellationToken);
            results.Add(result);
            Console.WriteLine(Invariant(
                $"  round {round}/{rounds}  {result.ClaimsPerSecond,7:F0} claims/s   claim p50 {result.ClaimLatency.P50Ms,5:F1} p95 {result.ClaimLatency.P95Ms,5:F1} p99 {result.ClaimLatency.P99Ms,6:F1} ms   double claims {result.DoubleClaimedItems}   not completed once {result.ItemsNotCompletedOnce}   others' CPU {Percent(result.Cpu.Others, result.Cpu.Capacity)}"));
        }

        var reviewPage = await ReviewPagePart.MeasureAsync(page, azurite, cpu, cancellationToken);
        var report = QueueReport.From(context, machine, azurite.Version, workers, items, prime, results, purges, reviewPage);
        report.Print(Console.Out);
        if (jsonPath is not null)
        {
            var path = Path.GetFullPath(jsonPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, JsonOutput), cancellationToken);
            Console.WriteLine($"figures written to {path}");
        }

        return 0;
    }

    /// <summary>Deletes a drained round's rows (all Done), the way the purge timer would, and times it.</summary>
    private static async Task<(int Rows, double Seconds)> PurgeAsync(string connectionString, string queue, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var rows = await QueueRound.NewQueue(connectionString).PurgeAsync(queue, QueueItemState.Done, DateTimeOffset.UtcNow.AddMinutes(1), cancellationToken);
        return (rows, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    internal static string Percent(double part, double whole) => whole > 0 ? (part / whole * 100).ToString("F0", CultureInfo.InvariantCulture) + " %" : "?";

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
