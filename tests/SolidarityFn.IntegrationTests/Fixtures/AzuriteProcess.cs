using System.Diagnostics;
using System.Net.Sockets;

namespace SolidarityFn.IntegrationTests.Fixtures;

/// <summary>Starts Azurite from node_modules and waits until the given ports answer.</summary>
internal static class AzuriteProcess
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    public static async Task<Process> StartAsync(IEnumerable<string> arguments, params int[] ports)
    {
        var script = Path.Combine(RepoPaths.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException("Azurite is not installed: run ./dev test (it runs npm ci).");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && errors.Count < 20)
            {
                errors.Enqueue(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Node starting Azurite took over 30 s in a fresh-clone run at load average 28 on 2 cores: a slow start is
        // the machine, not a fault, so wait long before giving up.
        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (var port in ports)
        {
            while (!await Answers(port))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    var exited = process.HasExited ? $"exit code {process.ExitCode}" : $"not answering after {StartTimeout.TotalSeconds:0} s";
                    if (!process.HasExited)
                    {
                        process.Kill(entireProcessTree: true);
                    }

                    throw new InvalidOperationException($"Azurite did not start ({exited}). {string.Join(" | ", errors)}");
                }

                await Task.Delay(100);
            }
        }

        return process;
    }

    private static async Task<bool> Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
