using System.Collections.Concurrent;
using System.Diagnostics;

namespace SolidarityFn.Bench.Infrastructure;

/// <summary>
/// Processes this bench started, so that they die with it: on normal disposal, on a second Ctrl-C and at process exit.
/// Only ever these processes, by their own handle.
/// </summary>
public static class ChildProcesses
{
    private static readonly ConcurrentDictionary<int, Process> Live = new();

    static ChildProcesses()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    public static void Track(Process process) => Live[process.Id] = process;

    public static void Kill(Process process)
    {
        Live.TryRemove(process.Id, out _);
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public static void KillAll()
    {
        foreach (var process in Live.Values)
        {
            Kill(process);
        }
    }
}
