using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SolidarityFn.Bench.Infrastructure;

namespace SolidarityFn.Bench.Scenarios.Processing;

/// <summary>
/// The DevHost as its own process (`dotnet SolidarityFn.DevHost.dll`, the build next to this bench), so that its RSS is
/// the host's alone: configured through environment variables, on a free loopback port, killed on dispose.
/// Its console log is read for FfmpegRunner's "ffmpeg {Step} finished in {ElapsedMs} ms" lines (Debug for that one category).
/// </summary>
public sealed partial class DevHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<(long At, string Line)> _lines = new();
    private readonly Lock _gate = new();
    private string? _pendingCategory;

    private DevHostProcess(Process process, Uri baseAddress, string dll, string gc)
    {
        _process = process;
        BaseAddress = baseAddress;
        Dll = dll;
        Gc = gc;
    }

    public Uri BaseAddress { get; }

    public string Dll { get; }

    /// <summary>"server" or "workstation", as this process was started.</summary>
    public string Gc { get; }

    public int ProcessId => _process.Id;

    /// <summary>The DevHost build: the one in functions/SolidarityFn.DevHost/bin/Release (built with this bench), else the copy next to the bench.</summary>
    public static string FindDll(string repoRoot)
    {
        var own = Path.Combine(repoRoot, "functions", "SolidarityFn.DevHost", "bin", "Release", "net10.0", "SolidarityFn.DevHost.dll");
        var copy = Path.Combine(AppContext.BaseDirectory, "SolidarityFn.DevHost.dll");
        return File.Exists(own) && File.GetLastWriteTimeUtc(own) >= File.GetLastWriteTimeUtc(copy).AddMinutes(-5) ? own : copy;
    }

    /// <param name="serverGc">null keeps what the DevHost's runtimeconfig says (the Web SDK's server GC).</param>
    public static async Task<DevHostProcess> StartAsync(
        string dll,
        string storageConnectionString,
        TimeSpan blobPollInterval,
        bool? serverGc,
        string workRoot,
        CancellationToken cancellationToken)
    {
        var port = FreePorts.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls=" + baseAddress.ToString().TrimEnd('/'));
        start.Environment["Storage__ConnectionString"] = storageConnectionString;
        // Required at start-up; the bench never calls an organizer endpoint.
        start.Environment["Organizer__Key"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        start.Environment["DevHost__DeliverBlobEvents"] = "true";
        start.Environment["DevHost__BlobPollInterval"] = blobPollInterval.ToString("c", CultureInfo.InvariantCulture);
        start.Environment["DevHost__RunTimers"] = "false";
        start.Environment["Intake__RateLimitPermits"] = "1000000";
        start.Environment["Processing__WorkRoot"] = workRoot;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__SolidarityFn.Pipeline.Media.FfmpegRunner"] = "Debug";
        start.Environment["Logging__LogLevel__SolidarityFn.Pipeline.Media.PhotoPreparer"] = "Information";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (serverGc is { } server)
        {
            start.Environment["DOTNET_gcServer"] = server ? "1" : "0";
        }

        var gc = serverGc switch
        {
            true => "server",
            false => "workstation",
            null => RuntimeConfigSaysServer(dll) ? "server" : "workstation",
        };

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the DevHost.");
        ChildProcesses.Track(process);
        var host = new DevHostProcess(process, baseAddress, dll, gc);
        process.OutputDataReceived += (_, e) => host.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => host.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(15) };
            var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The DevHost exited with {process.ExitCode}: {host.Tail()}");
                }

                try
                {
                    using var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative), cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new InvalidOperationException("The DevHost did not answer /api/health within 60 s: " + host.Tail());
                }

                await Task.Delay(200, cancellationToken);
            }
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>The ffmpeg runs the host logged since <paramref name="since"/>: step, end (Stopwatch ticks, when the line arrived) and milliseconds.</summary>
    public IReadOnlyList<(string Step, long End, double Ms)> FfmpegRuns(long since) =>
        [.. _lines
            .Where(l => l.At >= since)
            .Select(l => (l.At, Match: FinishedLine().Match(l.Line)))
            .Where(x => x.Match.Success)
            .Select(x => (x.Match.Groups["step"].Value, x.At, double.Parse(x.Match.Groups["ms"].Value, CultureInfo.InvariantCulture)))];

    /// <summary>
    /// The photo decodes the host logged since <paramref name="since"/> (PhotoPreparer's "prepared out of process … in
    /// {ElapsedMs} ms, decoder peak RSS {PeakRssMb} MB", the peak being the decoder's own VmHWM): end, milliseconds, peak bytes.
    /// </summary>
    public IReadOnlyList<(long End, double Ms, long PeakBytes)> PhotoDecodes(long since) =>
        [.. _lines
            .Where(l => l.At >= since)
            .Select(l => (l.At, Match: DecodedLine().Match(l.Line)))
            .Where(x => x.Match.Success)
            .Select(x => (x.At, double.Parse(x.Match.Groups["ms"].Value, CultureInfo.InvariantCulture), long.Parse(x.Match.Groups["peak"].Value, CultureInfo.InvariantCulture) * 1_000_000))];

    /// <summary>Lines at Warning and above the host wrote since <paramref name="since"/>.</summary>
    public IReadOnlyList<string> Problems(long since) =>
        [.. _lines.Where(l => l.At >= since && (l.Line.StartsWith("warn:", StringComparison.Ordinal) || l.Line.StartsWith("fail:", StringComparison.Ordinal) || l.Line.StartsWith("crit:", StringComparison.Ordinal))).Select(l => l.Line)];

    public ValueTask DisposeAsync()
    {
        ChildProcesses.Kill(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static bool RuntimeConfigSaysServer(string dll)
    {
        var config = Path.ChangeExtension(dll, ".runtimeconfig.json");
        return File.Exists(config) && File.ReadAllText(config).Contains("\"System.GC.Server\": true", StringComparison.Ordinal);
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        // The simple console format puts "dbug: Category[id]" on one line and the message on the next.
        var at = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (line.Length > 6 && line[4] == ':' && line[5] == ' ')
            {
                _pendingCategory = line;
                _lines.Enqueue((at, line));
            }
            else
            {
                _lines.Enqueue((at, _pendingCategory is null ? line : _pendingCategory[..6] + line.Trim()));
                _pendingCategory = null;
            }

            while (_lines.Count > 2000)
            {
                _lines.TryDequeue(out _);
            }
        }
    }

    private string Tail() => string.Join(Environment.NewLine, _lines.TakeLast(20).Select(l => l.Line));

    [GeneratedRegex(@"ffmpeg (?<step>[\w-]+) finished in (?<ms>\d+) ms")]
    private static partial Regex FinishedLine();

    [GeneratedRegex(@"prepared out of process: .* in (?<ms>\d+) ms, decoder peak RSS (?<peak>\d+) MB")]
    private static partial Regex DecodedLine();
}
