using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SolidarityFn.Bench.Infrastructure;
using SolidarityFn.Bench.Scenarios.Processing;
using SolidarityFn.Pipeline.Intake;
using SolidarityFn.Pipeline.Review;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Bench.Scenarios.Queue;

/// <summary>How much the review-page half seeds and measures.</summary>
/// <param name="Ready">Ready submissions in the campaign (the target's 10,000).</param>
/// <param name="Approved">Approved besides them, so the partition also holds other lists.</param>
/// <param name="Rejected">Rejected besides them.</param>
/// <param name="Requests">Measured first-page requests per side, over all rounds.</param>
/// <param name="Rounds">Rounds; the sides take turns within each, the order rotating from round to round.</param>
/// <param name="Warmup">Unmeasured requests per side before round 1 (past 30 calls, so tiered JIT has promoted the request path).</param>
public sealed record ReviewPageSettings(int Ready, int Approved, int Rejected, int Requests, int Rounds, int Warmup);

/// <summary>
/// DESIGN.md §10, second half of the queue target: the first page of the review list ≤ 100 ms p95 with 10,000
/// submissions in the campaign. Seeds a fresh campaign in the queue half's Azurite through the pipeline's own
/// SubmissionStore (<see cref="ReviewSeed"/>), starts the DevHost in-process, and times sequential
/// GET /api/campaigns/{id}/submissions?status=Ready (default page size, organizer key) beside the bare equivalent: the
/// same range query straight against the table, first page only. The Approved list's first page is timed as well.
/// </summary>
public static class ReviewPagePart
{
    public const double P95TargetMs = 100;

    public static ReviewPageSettings Defaults { get; } = new(Ready: 10_000, Approved: 300, Rejected: 200, Requests: 300, Rounds: 6, Warmup: 50);

    public static async Task<ReviewPageResult> MeasureAsync(
        ReviewPageSettings settings, AzuriteProcess azurite, CpuMeter cpu, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(azurite);
        ArgumentNullException.ThrowIfNull(cpu);

        // The bench's own clients (not the app's): seeding and the bare side.
        var storage = StorageClients.Create(new StorageOptions { ConnectionString = azurite.ConnectionString });
        var campaignId = "bench-review-" + Guid.NewGuid().ToString("N")[..8];
        Console.WriteLine();
        Console.WriteLine(QueueScenario.Invariant(
            $"review page: seeding campaign {campaignId}: {settings.Ready} Ready + {settings.Approved} Approved + {settings.Rejected} Rejected through SubmissionStore, {ReviewSeed.Parallelism} at a time..."));
        var seed = await ReviewSeed.RunAsync(storage, campaignId, settings.Ready, settings.Approved, settings.Rejected, cancellationToken);
        Console.WriteLine(QueueScenario.Invariant(
            $"  seeded {seed.Total} submissions in {seed.Seconds:F1} s ({seed.Writes} writes, {seed.WritesPerSecond:F0} writes/s)"));

        await using var host = await InProcessDevHost.StartAsync(azurite.ConnectionString, settings: null, configure: null, cancellationToken);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, host.App.Lifetime.ApplicationStopping);
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false, AllowAutoRedirect = false };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.OrganizerKey);
        var cacheTtl = host.App.Services.GetRequiredService<IOptions<IntakeOptions>>().Value.CampaignCacheTtl;

        var table = storage.Table(StorageNames.SubmissionsTable);
        var pageSize = ReviewListing.DefaultPageSize;
        var paths = (Ready: $"/api/campaigns/{campaignId}/submissions?status=Ready", Approved: $"/api/campaigns/{campaignId}/submissions?status=Approved");
        var check = await ReviewPageRequests.SmokeAsync(http, table, campaignId, paths, pageSize, settings, stopping.Token);

        List<LoadSide> sides =
        [
            new("bare", "bare range query",
                $"TableClient.QueryAsync<TableEntity>(\"{ReviewPageRequests.ReadyFilter(campaignId)}\", maxPerPage {pageSize}), first page only (the bench's own client)",
                ct => ReviewPageRequests.BareAsync(table, campaignId, pageSize, check.Items, ct)),
            new("http", "HTTP Ready page",
                $"GET {paths.Ready} with the organizer key (default page size {pageSize}; loopback HTTP/1.1, in-process DevHost on Kestrel) -> key check, " +
                $"campaign from a {cacheTtl.TotalSeconds:0.#} s in-process cache, the same range query (typed rows), 3 read SAS links per item (account key, HMAC, no I/O), " +
                "JSON; the client reads the whole body",
                ct => ReviewPageRequests.HttpAsync(http, paths.Ready, check.ReadyBytes, ct)),
        ];
        if (check.ApprovedBytes > 0)
        {
            sides.Add(new("http-approved", "HTTP Approved page", $"GET {paths.Approved}: the same on the Approved list (organizer order)",
                ct => ReviewPageRequests.HttpAsync(http, paths.Approved, check.ApprovedBytes, ct)));
        }

        Console.WriteLine(QueueScenario.Invariant(
            $"  first page: {check.Items} items with 3 SAS links each, {check.ReadyBytes} bytes of JSON; {settings.Warmup} unmeasured requests per side, ") +
            QueueScenario.Invariant($"then {settings.Rounds} round(s) of [{string.Join(", ", sides.Select(s => s.Key))}] (order rotating), {settings.Requests} sequential requests per side in all"));
        foreach (var side in sides)
        {
            await SequentialRequests.RunAsync(side, settings.Warmup, stopping.Token);
        }

        var rounds = new List<ReviewPageRound>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            var count = (settings.Requests / settings.Rounds) + (round <= settings.Requests % settings.Rounds ? 1 : 0);
            for (var turn = 0; turn < sides.Count; turn++)
            {
                var side = sides[(turn + round - 1) % sides.Count];
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var before = cpu.Take();
                var run = await SequentialRequests.RunAsync(side, count, stopping.Token);
                var used = CpuMeter.Between(before, cpu.Take());
                var result = new ReviewPageRound(round, turn + 1, side.Key, count, LatencySummary.From(run.Ticks), run.Ticks, run.Errors, run.FirstError, used);
                rounds.Add(result);
                Console.WriteLine(QueueScenario.Invariant(
                    $"  round {round}/{settings.Rounds}  {side.Label,-20} p50 {result.Latency.P50Ms,6:F1}  p95 {result.Latency.P95Ms,6:F1}  max {result.Latency.MaxMs,6:F1} ms   errors {run.Errors}   ") +
                    QueueScenario.Invariant($"CPU per request: Azurite {result.AzuriteCpuMsPerRequest,5:F1} ms, bench {result.BenchCpuMsPerRequest,4:F1} ms   others' CPU {QueueScenario.Percent(used.Others, used.Capacity)}"));
            }
        }

        return ReviewPageResult.From(seed, pageSize, check.Items, settings, cacheTtl.TotalSeconds, sides, rounds);
    }
}
