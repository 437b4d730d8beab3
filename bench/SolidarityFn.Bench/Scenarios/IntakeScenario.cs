using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SolidarityFn.Bench.Infrastructure;
using SolidarityFn.Bench.Scenarios.Intake;
using SolidarityFn.Pipeline.Intake;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Bench.Scenarios;

/// <summary>
/// DESIGN.md §10, intake: HTTP intake throughput ≥ 0.7 × a bare loop doing the same single table insert against the
/// same Azurite, and HTTP p99 ≤ 50 ms, at 32 concurrent clients. Both sides run in one process against one private
/// Azurite, alternating in rounds, so that machine noise hits both alike.
/// </summary>
public sealed class IntakeScenario : IScenario
{
    public const double RatioTarget = 0.7;
    public const double P99TargetMs = 50;

    private const string Breakdown = "breakdown";
    private const string Prime = "prime";

    private static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a local file for people, not HTML
    };

    public string Name => "intake";

    public string Summary => "HTTP intake (POST uploads) vs a bare table-insert loop, same Azurite, 32 concurrent (§10)";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(Prime, "s", "unmeasured seconds of each side before round 1, so first-load costs (JIT, Azurite's V8) don't fall on round 1's bare side"),
        new(Breakdown, null, "also time the server and each storage call inside the DevHost, and run an 'HTTP + one insert' side"),
    ];

    public async Task<int> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var breakdown = options.Flag(Breakdown);
        var seconds = options.Number(BenchOptions.Seconds, 10, 0.5, 600);
        var warmup = options.Number(BenchOptions.Warmup, 2, 0, 60);
        var rounds = options.WholeNumber(BenchOptions.Rounds, 3, 1, 50);
        var prime = options.Number(Prime, 5, 0, 600);
        var concurrency = options.WholeNumber(BenchOptions.Concurrency, 32, 1, 1024);
        var jsonPath = options.Text(BenchOptions.Json);

        var machine = MachineInfo.Collect();
        var timings = new LabelledTimings();

        await using var azurite = await AzuriteProcess.StartAsync(context.RepoRoot, cancellationToken);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var host = await InProcessDevHost.StartAsync(azurite.ConnectionString, settings: null, builder =>
        {
            if (breakdown)
            {
                // Same clients as the pipeline builds from the connection string, with a timing policy on tables.
                builder.Services.AddSingleton(IntakeProbes.TimedStorageClients(azurite.ConnectionString, timings));
                builder.Services.AddSingleton<IStartupFilter>(new IntakeProbes.StartupFilter(timings, azurite.ConnectionString));
            }
        }, cancellationToken);

        // A Ctrl-C seen by the host's console lifetime stops the app; stop the load with it.
        using var onStopping = host.App.Lifetime.ApplicationStopping.Register(stopping.Cancel);
        try
        {
            return await MeasureAsync(new Run(
                context, machine, azurite, host.BaseAddress, breakdown, prime, seconds, warmup, rounds, concurrency, jsonPath, timings,
                host.App.Services.GetRequiredService<IOptions<IntakeOptions>>().Value.CampaignCacheTtl), stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine("bench intake: the DevHost was stopped (signal); no figures.");
            return 130;
        }
    }

    private static async Task<int> MeasureAsync(Run run, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(32, run.Concurrency),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            AllowAutoRedirect = false,
        };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = run.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        // The bench's own table client: not the app's, and never instrumented.
        var submissions = new TableServiceClient(run.Azurite.ConnectionString).GetTableClient(StorageNames.SubmissionsTable);
        var cacheSeconds = run.CampaignCacheTtl.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

        await SmokeAsync(http, cancellationToken);

        var bare = new LoadSide(
            "bare",
            "bare insert",
            "TableClient.AddEntityAsync of one SubmissionEntity (the intake's row: same columns and sizes) into Submissions",
            async ct =>
            {
                try
                {
                    await submissions.AddEntityAsync(IntakeWorkload.NewSubmission(), ct);
                    return null;
                }
                catch (RequestFailedException e)
                {
                    return $"table {e.Status} {e.ErrorCode}";
                }
            });
        var intake = new LoadSide(
            "http",
            "HTTP intake",
            "POST /api/campaigns/minnesota-solidarity/uploads (JSON, loopback HTTP/1.1, in-process DevHost on Kestrel) -> " +
            $"rate limiter, campaign read from a {cacheSeconds} s in-process cache (a table point read only when the entry expires, every {cacheSeconds} s, " +
            "by each request that arrives during that read: concurrent misses are not merged), " +
            "body read + validation, SAS signing (account key, HMAC, no I/O), one submission insert (POST Submissions), 201 JSON read by the client",
            async ct =>
            {
                var start = Stopwatch.GetTimestamp();
                var error = await PostAsync(http, IntakeWorkload.UploadsPath, ct);
                run.Timings.Add(IntakeProbes.ClientLabel, Stopwatch.GetTimestamp() - start); // kept only while recording (--breakdown)
                return error;
            });

        List<LoadSide> sides = [bare, intake];
        if (run.Breakdown)
        {
            sides.Add(new LoadSide(
                "http-insert",
                "HTTP + one insert",
                $"POST {IntakeProbes.InsertPath} to the same Kestrel: a first middleware drains the body and does the bare side's single insert (HTTP around one insert, none of the intake's own work)",
                ct => PostAsync(http, IntakeProbes.InsertPath, ct)));
        }

        PrintHeader(run, sides);

        // Unmeasured priming of every side: without it, the first load of all (JIT here, V8 in Azurite, Azurite's
        // first table growth) lands on round 1's bare side alone, and round 1's ratio came out well above the others.
        foreach (var side in sides)
        {
            await ClosedLoop.RunAsync(side, 0, run.Concurrency, TimeSpan.Zero, TimeSpan.FromSeconds(run.Prime), cancellationToken);
        }

        var phases = new List<PhaseResult>();
        for (var round = 1; round <= run.Rounds; round++)
        {
            foreach (var side in sides)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var phase = await ClosedLoop.RunAsync(
                    side,
                    round,
                    run.Concurrency,
                    TimeSpan.FromSeconds(run.Warmup),
                    TimeSpan.FromSeconds(run.Seconds),
                    cancellationToken,
                    side == intake && run.Breakdown ? on => run.Timings.Recording = on : null);
                phases.Add(phase);
                var latency = LatencySummary.From(phase.LatencyTicks);
                Console.WriteLine(Invariant(
                    $"  round {round}/{run.Rounds}  {side.Label,-32} {phase.Throughput,8:F1} req/s   p50 {latency.P50Ms,6:F1} ms   p99 {latency.P99Ms,6:F1} ms   errors {phase.ErrorCount,3}"));
            }
        }

        var summaries = sides.Select(s => SideSummary.From(s, phases)).ToList();
        var report = Report.From(run, summaries, phases);
        Print(report);

        if (run.JsonPath is not null)
        {
            var path = Path.GetFullPath(run.JsonPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, JsonOutput), cancellationToken);
            Console.WriteLine($"figures written to {path}");
        }

        return 0;
    }

    /// <summary>One request before any load: the endpoint must answer 201 with an upload URL, or the figures mean nothing.</summary>
    private static async Task SmokeAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var content = JsonContent();
        using var response = await http.PostAsync(IntakeWorkload.UploadsPath, content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"The intake answered {(int)response.StatusCode} to a valid request: {body}");
        }

        using var json = JsonDocument.Parse(body);
        if (!json.RootElement.TryGetProperty("uploadUrl", out _) || !json.RootElement.TryGetProperty("submissionId", out _))
        {
            throw new InvalidOperationException("The intake's 201 has no submissionId/uploadUrl: " + body);
        }
    }

    private static async Task<string?> PostAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var content = JsonContent();
        using var response = await http.PostAsync(path, content, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.Created ? null : $"HTTP {(int)response.StatusCode}";
    }

    private static ByteArrayContent JsonContent()
    {
        var content = new ByteArrayContent(IntakeWorkload.RequestBody);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static void PrintHeader(Run run, List<LoadSide> sides)
    {
        var perPhase = run.Warmup + run.Seconds;
        Console.WriteLine("== bench intake (DESIGN.md §10: HTTP ≥ 0.7 × bare insert throughput, HTTP p99 ≤ 50 ms, 32 concurrent clients)");
        Console.WriteLine($"command: {run.Context.Command}");
        run.Machine.Print(Console.Out, $"Azurite {run.Azurite.Version} (in memory, pid {run.Azurite.ProcessId}, table port {run.Azurite.TablePort})");
        var order = string.Join(" -> ", sides.Select(s => s.Key));
        Console.WriteLine(Invariant(
            $"load: {run.Concurrency} concurrent per side; {run.Prime:0.#} s unmeasured priming per side, then {run.Rounds} round(s) of [{order}], each {run.Warmup:0.#} s warm-up + {run.Seconds:0.#} s measured; about {sides.Count * (run.Prime + run.Rounds * perPhase):0} s"));
        Console.WriteLine();
    }

    private static void Print(Report report)
    {
        Console.WriteLine();
        Console.WriteLine($"load average at end: {report.LoadAverageAtEnd}");
        if (report.Busy)
        {
            Console.WriteLine($"note: the 1-minute load average exceeded the {report.Machine.LogicalCores} cores during the run: other work shared the CPUs, so these figures are noisy; run again on a quiet machine.");
        }

        Console.WriteLine();
        var table = report.MainTable();
        Console.Write(table.Render());
        Console.WriteLine();
        foreach (var line in report.VerdictLines())
        {
            Console.WriteLine(line);
        }

        foreach (var side in report.Sides.Where(s => s.Errors > 0 || s.WarmupErrors > 0))
        {
            Console.WriteLine($"errors, {side.Label}: {string.Join(", ", side.ErrorsByKind.Select(kv => $"{kv.Key} × {kv.Value}"))}" +
                              (side.WarmupErrors > 0 ? $" (+{side.WarmupErrors} during warm-up)" : ""));
            foreach (var (label, message) in side.FirstErrorMessages)
            {
                Console.WriteLine($"  first {label}: {message}");
            }
        }

        Console.WriteLine();
        Console.WriteLine("what each side does, per request:");
        foreach (var side in report.Sides)
        {
            Console.WriteLine($"  {side.Key.PadRight(report.Sides.Max(s => s.Key.Length))}  {side.Does}");
        }

        if (report.StorageCalls is not null)
        {
            Console.WriteLine();
            Console.WriteLine("where an HTTP intake request's time goes (measured HTTP stretches; timed inside the DevHost):");
            Console.Write(report.BreakdownTable().Render());
            Console.WriteLine(Invariant(
                $"server time outside storage calls (mean server time − storage call time per request): {report.ServerOutsideStorageMs:F1} ms (rate limiter, body read, JSON, validation, SAS signing, response, and waiting for a CPU)"));
            Console.WriteLine(Invariant(
                $"client time outside the server (mean round trip − mean server time): {report.ClientOutsideServerMs:F1} ms (HttpClient, loopback, Kestrel before the first middleware)"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Run(
        BenchContext Context,
        MachineInfo Machine,
        AzuriteProcess Azurite,
        Uri BaseAddress,
        bool Breakdown,
        double Prime,
        double Seconds,
        double Warmup,
        int Rounds,
        int Concurrency,
        string? JsonPath,
        LabelledTimings Timings,
        TimeSpan CampaignCacheTtl);

    /// <summary>The figures, as printed and as written with --json.</summary>
    private sealed record Report(
        string Scenario,
        string Command,
        DateTimeOffset FinishedAt,
        MachineInfo Machine,
        string AzuriteVersion,
        int Concurrency,
        int Rounds,
        double PrimeSeconds,
        double WarmupSeconds,
        double MeasuredSeconds,
        IReadOnlyList<SideSummary> Sides,
        double Ratio,
        double[] RoundRatios,
        double RatioTarget,
        bool RatioMet,
        double HttpP99Ms,
        double BareP99Ms,
        double P99TargetMs,
        bool P99Met,
        bool BareP99Met,
        IReadOnlyDictionary<string, LatencySummary>? StorageCalls,
        double ServerOutsideStorageMs,
        double ClientOutsideServerMs,
        string LoadAverageAtEnd)
    {
        /// <summary>Whether the 1-minute load average, at start or at end, was above the core count.</summary>
        public bool Busy => new[] { Machine.LoadAverage, LoadAverageAtEnd }
            .Select(l => double.TryParse(l.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .Any(v => v > Machine.LogicalCores);

        private SideSummary Bare => Sides.Single(s => s.Key == "bare");

        private SideSummary Http => Sides.Single(s => s.Key == "http");

        public static Report From(Run run, IReadOnlyList<SideSummary> sides, IReadOnlyList<PhaseResult> phases)
        {
            var bare = sides.Single(s => s.Key == "bare");
            var http = sides.Single(s => s.Key == "http");
            var ratio = http.OverallThroughput / bare.OverallThroughput;
            var roundRatios = Enumerable.Range(1, run.Rounds)
                .Select(r => phases.Single(p => p.SideKey == "http" && p.Round == r).Throughput /
                             phases.Single(p => p.SideKey == "bare" && p.Round == r).Throughput)
                .ToArray();

            IReadOnlyDictionary<string, LatencySummary>? calls = null;
            double outsideStorage = double.NaN, outsideServer = double.NaN;
            if (run.Breakdown)
            {
                calls = run.Timings.Summarise();
                if (calls.TryGetValue(IntakeProbes.ServerLabel, out var server) && server.Count > 0)
                {
                    // All storage time in the measured stretches, per server request (the cached campaign read counts its share).
                    var storageMs = calls.Where(kv => kv.Key is not IntakeProbes.ServerLabel and not IntakeProbes.ClientLabel)
                        .Sum(kv => kv.Value.MeanMs * kv.Value.Count) / server.Count;
                    outsideStorage = server.MeanMs - storageMs;
                    if (calls.TryGetValue(IntakeProbes.ClientLabel, out var client))
                    {
                        outsideServer = client.MeanMs - server.MeanMs;
                    }
                }
            }

            return new Report(
                "intake",
                run.Context.Command,
                DateTimeOffset.UtcNow,
                run.Machine,
                run.Azurite.Version,
                run.Concurrency,
                run.Rounds,
                run.Prime,
                run.Warmup,
                run.Seconds,
                sides,
                ratio,
                roundRatios,
                IntakeScenario.RatioTarget,
                ratio >= IntakeScenario.RatioTarget,
                http.Latency.P99Ms,
                bare.Latency.P99Ms,
                IntakeScenario.P99TargetMs,
                http.Latency.P99Ms <= IntakeScenario.P99TargetMs,
                bare.Latency.P99Ms <= IntakeScenario.P99TargetMs,
                calls,
                outsideStorage,
                outsideServer,
                MachineInfo.CurrentLoadAverage());
        }

        public TextTable MainTable()
        {
            var table = new TextTable(
                "side", "req/s median", "req/s overall", "req/s per round", "vs bare", "mean ms", "p50 ms", "p95 ms", "p99 ms", "max ms", "ok", "errors");
            foreach (var side in Sides)
            {
                table.Add(
                    side.Label,
                    F(side.MedianThroughput, 1),
                    F(side.OverallThroughput, 1),
                    string.Join(" / ", side.RoundThroughputs.Select(t => F(t, 0))),
                    F(side.OverallThroughput / Bare.OverallThroughput, 2),
                    F(side.Latency.MeanMs, 1),
                    F(side.Latency.P50Ms, 1),
                    F(side.Latency.P95Ms, 1),
                    F(side.Latency.P99Ms, 1),
                    F(side.Latency.MaxMs, 1),
                    side.Latency.Count.ToString(CultureInfo.InvariantCulture),
                    side.Errors.ToString(CultureInfo.InvariantCulture));
            }

            return table;
        }

        public IEnumerable<string> VerdictLines()
        {
            yield return $"HTTP/bare throughput: {F(Ratio, 2)} overall (per round: {string.Join(", ", RoundRatios.Select(r => F(r, 2)))}; " +
                         $"medians {F(Http.MedianThroughput / Bare.MedianThroughput, 2)})   target ≥ {F(RatioTarget, 2)}   {(RatioMet ? "PASS" : "MISS")}";
            yield return $"HTTP p99 at {Concurrency} concurrent: {F(HttpP99Ms, 1)} ms (bare insert p99 {F(BareP99Ms, 1)} ms)   " +
                         $"target ≤ {F(P99TargetMs, 0)} ms   {(P99Met ? "PASS" : "MISS")}";
            if (!BareP99Met)
            {
                yield return $"note: the bare insert loop itself missed {F(P99TargetMs, 0)} ms (p99 {F(BareP99Ms, 1)} ms), so the p99 target is not " +
                             $"reachable on this machine right now; compare HTTP p99 with bare p99: {F(HttpP99Ms / BareP99Ms, 2)} ×, " +
                             $"{(HttpP99Ms >= BareP99Ms ? "+" : "−")}{F(Math.Abs(HttpP99Ms - BareP99Ms), 1)} ms";
            }

            if (Http.Errors > 0)
            {
                yield return $"HTTP errors: {Http.Errors} (non-201 answers and failures; counted separately from the throughput above)";
            }
        }

        public TextTable BreakdownTable()
        {
            var server = StorageCalls!.GetValueOrDefault(IntakeProbes.ServerLabel);
            var table = new TextTable("step", "calls", "calls/request", "mean ms", "p50 ms", "p95 ms", "p99 ms");
            foreach (var (label, summary) in StorageCalls!
                .OrderBy(kv => kv.Key switch { IntakeProbes.ClientLabel => 0, IntakeProbes.ServerLabel => 1, _ => 2 })
                .ThenBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var perRequest = server is { Count: > 0 } ? F((double)summary.Count / server.Count, 3) : "?";
                table.Add(
                    label switch
                    {
                        IntakeProbes.ClientLabel => "client round trip (HttpClient)",
                        IntakeProbes.ServerLabel => "server (first middleware to response end)",
                        _ => "  " + IntakeProbes.Describe(label),
                    },
                    summary.Count.ToString(CultureInfo.InvariantCulture),
                    perRequest,
                    F(summary.MeanMs, 1),
                    F(summary.P50Ms, 1),
                    F(summary.P95Ms, 1),
                    F(summary.P99Ms, 1));
            }

            return table;
        }

        private static string F(double value, int decimals) =>
            double.IsNaN(value) ? "-" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
