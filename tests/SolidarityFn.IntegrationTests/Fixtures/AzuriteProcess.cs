using System.Diagnostics;
using System.Net.Sockets;

namespace SolidarityFn.IntegrationTests.Fixtures;

/// <summary>Starts Azurite from node_modules and waits until the given ports answer.</summary>
internal static class AzuriteProcess
{
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
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in ports)
        {
            while (!await Answers(port))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"Azurite did not start (exit code {(process.HasExited ? process.ExitCode : -1)}).");
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
