using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SolidarityFn.Bench.Infrastructure;

/// <summary>
/// A private Azurite from node_modules: in memory, loopback only, on free ports. Disposing kills it;
/// so do a second Ctrl-C and the end of the bench process (<see cref="ChildProcesses"/>).
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    // Azurite's well-known development key (public, documented); it only ever signs requests to this emulator.
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly Queue<string> _recentOutput = new();

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort, string version)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        Version = version;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>Azurite's package version, from node_modules.</summary>
    public string Version { get; }

    public int ProcessId => _process.Id;

    public Uri BlobEndpoint => new($"http://127.0.0.1:{BlobPort}/{AccountName}");

    public Uri QueueEndpoint => new($"http://127.0.0.1:{QueuePort}/{AccountName}");

    public Uri TableEndpoint => new($"http://127.0.0.1:{TablePort}/{AccountName}");

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    public static async Task<AzuriteProcess> StartAsync(string repoRoot, CancellationToken cancellationToken)
    {
        var package = Path.Combine(repoRoot, "node_modules", "azurite");
        var script = Path.Combine(package, "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException("Azurite is not installed in node_modules: run `npm ci` (./dev bench does it).");
        }

        var (blobPort, queuePort, tablePort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repoRoot,
        };
        foreach (var arg in new[]
        {
            script, "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        ChildProcesses.Track(process);
        var azurite = new AzuriteProcess(process, blobPort, queuePort, tablePort, ReadVersion(package));
        process.OutputDataReceived += (_, e) => azurite.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => azurite.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
            while (!(await FreePorts.AnswersAsync(blobPort, cancellationToken) && await FreePorts.AnswersAsync(tablePort, cancellationToken)))
            {
                if (process.HasExited || Stopwatch.GetTimestamp() > deadline)
                {
                    throw new InvalidOperationException(
                        $"Azurite did not start (exit code {(process.HasExited ? process.ExitCode : -1)}): {azurite.RecentOutput()}");
                }

                await Task.Delay(100, cancellationToken);
            }
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }

        return azurite;
    }

    public ValueTask DisposeAsync()
    {
        ChildProcesses.Kill(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_recentOutput)
        {
            _recentOutput.Enqueue(line);
            while (_recentOutput.Count > 20)
            {
                _recentOutput.Dequeue();
            }
        }
    }

    private string RecentOutput()
    {
        lock (_recentOutput)
        {
            return _recentOutput.Count == 0 ? "(no output)" : string.Join(Environment.NewLine, _recentOutput);
        }
    }

    private static string ReadVersion(string package)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(package, "package.json")));
            return json.RootElement.GetProperty("version").GetString() ?? "?";
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException)
        {
            return "?";
        }
    }
}
