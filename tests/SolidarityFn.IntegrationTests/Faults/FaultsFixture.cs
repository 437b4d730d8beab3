using Azure.Data.Tables;
using Azure.Storage.Blobs;
using SolidarityFn.DevHost;
using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Faults;

/// <summary>
/// The stack the fault tests break, built of real parts only:
/// <list type="bullet">
/// <item>Azurite on disk (<see cref="RestartableAzurite"/>), so it can be stopped and started again under running hosts;</item>
/// <item>the resident DevHost, in this process: serves the HTTP API and runs what a timer would (the sweep, the queue pump)
/// when a test says so; it delivers no blob events itself;</item>
/// <item>the worker: a DevHost process that delivers blob events and processes uploads, as an instance in Azure
/// does; a test can kill it (SIGKILL, with its ffmpeg children) and start another;</item>
/// <item>one <see cref="FaultyFfmpeg"/> behind every host's Media:FfmpegPath.</item>
/// </list>
/// Retries are short (backoff 5 s, claims stale after 10 s, assembly leases 4 s) so every fault plays out in seconds.
/// </summary>
public sealed class FaultsFixture : IAsyncLifetime
{
    public const string OrganizerKey = StackFixture.OrganizerKey;

    public static readonly TimeSpan RetryBackoff = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan StaleClaimAfter = TimeSpan.FromSeconds(10);

    private WebApplication? _resident;

    public RestartableAzurite Azurite { get; } = new();

    public FaultyFfmpeg Ffmpeg { get; } = new();

    /// <summary>Where the hosts make their per-upload work folders (a killed host leaves its own behind).</summary>
    public string WorkRoot { get; } = Directory.CreateTempSubdirectory("sfn-faults-work-").FullName;

    public int Port { get; } = FreePorts.Next();

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public IServiceProvider Services => _resident?.Services ?? throw new InvalidOperationException("Not started.");

    public BlobServiceClient Blobs => new(Azurite.ConnectionString);

    public TableServiceClient Tables => new(Azurite.ConnectionString);

    /// <summary>The DevHost process that delivers blob events now (replaced when a test kills it).</summary>
    public DevHostProcess Worker { get; private set; } = null!;

    /// <summary>Faults the tests injected and uploads they found lost, over the whole collection.</summary>
    public FaultLedger Ledger { get; } = new();

    /// <summary>Settings every host of this stack shares.</summary>
    private Dictionary<string, string?> Common => new()
    {
        ["Storage:ConnectionString"] = Azurite.ConnectionString,
        ["Organizer:Key"] = OrganizerKey,
        ["Intake:RateLimitPermits"] = "100000",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Media:FfmpegPath"] = Ffmpeg.Folder,
        ["Media:X264Preset"] = "ultrafast",
        // A held ffmpeg run counts towards its time limit: room for a test to act while it waits.
        ["Media:ThumbnailTimeout"] = "00:02:00",
        ["Processing:MaxAttempts"] = "3",
        ["Processing:RetryBackoff"] = RetryBackoff.ToString(),
        ["Processing:StaleClaimAfter"] = StaleClaimAfter.ToString(),
        // Takeover in seconds while real ffmpeg runs is what these tests are about: the start-up check is off here only.
        ["Processing:RequireClaimToOutlastMediaLimits"] = "false",
        ["Processing:WorkRoot"] = WorkRoot,
        ["Assembly:PrerenderOnApproval"] = "false",
        ["Assembly:LeaseDuration"] = "00:00:04",
        ["DevHost:BlobPollInterval"] = "00:00:00.200",
        ["DevHost:RetryDelayScale"] = "0.1",
        ["QueuePumpSchedule"] = "*/1 * * * * *",
        ["QueuePurgeSchedule"] = "0 15 * * * *",
    };

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    public HttpClient CreateOrganizerClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OrganizerKey);
        return client;
    }

    public async Task InitializeAsync()
    {
        await Azurite.StartAsync();
        var settings = Common;
        settings["urls"] = BaseAddress.ToString().TrimEnd('/');
        settings["DevHost:DeliverBlobEvents"] = "false";
        settings["DevHost:RunTimers"] = "false";
        _resident = DevHostApp.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
        await _resident.StartAsync();
        Worker = await StartWorkerAsync();
    }

    /// <summary>A new worker process (blob events on, timers off); replaces <see cref="Worker"/>.</summary>
    public async Task<DevHostProcess> StartWorkerAsync()
    {
        var settings = Common;
        settings["DevHost:DeliverBlobEvents"] = "true";
        settings["DevHost:RunTimers"] = "false";
        Worker = await DevHostProcess.StartAsync("worker", settings);
        return Worker;
    }

    /// <summary>Kills the worker as a crash would (SIGKILL, with its ffmpeg children); start another with <see cref="StartWorkerAsync"/>.</summary>
    public async Task KillWorkerAsync() => await Worker.DisposeAsync();

    /// <summary>A DevHost process that runs the timers (queue pump every second) and delivers no blob events.</summary>
    public Task<DevHostProcess> StartPumpHostAsync()
    {
        var settings = Common;
        settings["DevHost:DeliverBlobEvents"] = "false";
        settings["DevHost:RunTimers"] = "true";
        return DevHostProcess.StartAsync("pump", settings);
    }

    public async Task DisposeAsync()
    {
        if (Worker is not null)
        {
            await Worker.DisposeAsync();
        }

        if (_resident is not null)
        {
            await _resident.StopAsync();
            await _resident.DisposeAsync();
        }

        await Azurite.DisposeAsync();
        Ffmpeg.Dispose();
        Directory.Delete(WorkRoot, recursive: true);
    }
}

/// <summary>Counts over the collection: what was injected, and what was lost (the figure that must stay 0).</summary>
public sealed class FaultLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _injected = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _lost = new(StringComparer.Ordinal);

    public void Injected(string fault, int count = 1)
    {
        lock (_gate)
        {
            _injected[fault] = _injected.GetValueOrDefault(fault) + count;
        }
    }

    /// <summary>The last check of an upload decides: lost when it has neither its outputs nor its raw file.</summary>
    public void Checked(string submissionId, bool lost)
    {
        lock (_gate)
        {
            _lost[submissionId] = lost;
        }
    }

    public string Summary()
    {
        lock (_gate)
        {
            var faults = string.Join(", ", _injected.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
            return $"faults injected so far: {_injected.Values.Sum()} ({faults}); uploads checked {_lost.Count}, lost {_lost.Values.Count(l => l)}";
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsCollection : ICollectionFixture<FaultsFixture>
{
    public const string Name = "faults";
}
