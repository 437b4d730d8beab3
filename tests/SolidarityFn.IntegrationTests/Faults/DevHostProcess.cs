using System.Diagnostics;
using System.Text;
using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Faults;

/// <summary>
/// The DevHost as a process of its own (the build's SolidarityFn.DevHost.dll, configured through environment variables),
/// so a test can kill it as a crash would: SIGKILL to it and its ffmpeg children, no shutdown code run. Its console log
/// is kept in memory for the test to read (what the host said about a submission) and to show when a test fails.
/// </summary>
public sealed class DevHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly Lock _logGate = new();
    private bool _disposed;

    private DevHostProcess(string name, Process process, int port)
    {
        Name = name;
        _process = process;
        Port = port;
    }

    public string Name { get; }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public bool Running => !_disposed && !_process.HasExited;

    public string Log
    {
        get
        {
            lock (_logGate)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<DevHostProcess> StartAsync(string name, IReadOnlyDictionary<string, string?> settings)
    {
        var port = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SolidarityFn.DevHost.dll"));
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["urls"] = $"http://127.0.0.1:{port}";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the DevHost.");
        var host = new DevHostProcess(name, process, port);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"DevHost {name} exited at start ({process.ExitCode}):\n{host.Log}");
            }

            try
            {
                // Kestrel listens only after provisioning: any answer means the host is up.
                using var response = await http.GetAsync("api/health");
                return host;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                await host.DisposeAsync();
                throw new InvalidOperationException($"DevHost {name} did not answer within 90 s:\n{host.Log}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Kills the host and every process it started (SIGKILL): nothing of its own runs after this.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Waits until the host's log holds a line with every one of <paramref name="parts"/>.</summary>
    public async Task<string> WaitForLogAsync(TimeSpan limit, params string[] parts)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            // The console logger writes the category line, then the message on the next one.
            var line = Log.Split('\n').FirstOrDefault(l => parts.All(p => l.Contains(p, StringComparison.Ordinal)));
            if (line is not null)
            {
                return line;
            }

            Assert.True(DateTime.UtcNow < deadline, $"DevHost {Name} did not log [{string.Join(", ", parts)}] within {limit}:\n{Tail()}");
            await Task.Delay(100);
        }
    }

    public string Tail(int lines = 60) => string.Join('\n', Log.Split('\n').TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await KillAsync();
        _process.Dispose();
        _disposed = true;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            _log.AppendLine(line);
        }
    }
}
