using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace SolidarityFn.Bench.Infrastructure;

/// <summary>The facts a reader needs to weigh the figures: cores, CPU, runtime, GC mode, Node and load at start.</summary>
public sealed record MachineInfo(
    int LogicalCores,
    string Cpu,
    string Os,
    string DotNet,
    string Gc,
    string Node,
    string LoadAverage,
    double MemoryGb)
{
    public static MachineInfo Collect() => new(
        Environment.ProcessorCount,
        ReadCpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Interactive ? ", concurrent" : ""),
        NodeVersion(),
        CurrentLoadAverage(),
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024));

    public void Print(TextWriter writer, string? extra = null)
    {
        writer.WriteLine($"machine: {LogicalCores} logical cores ({Cpu}), {MemoryGb:F1} GB, {Os}");
        writer.WriteLine($"runtime: {DotNet}, {Gc} GC; node {Node}{(extra is null ? "" : "; " + extra)}");
        writer.WriteLine($"load average at start: {LoadAverage}");
    }

    /// <summary>/proc/loadavg: 1, 5 and 15-minute load averages, runnable/total tasks, last pid ("?" elsewhere).</summary>
    public static string CurrentLoadAverage() => ReadFirstLine("/proc/loadavg") ?? "?";

    private static string ReadCpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static string? ReadFirstLine(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadLines(path).FirstOrDefault() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string NodeVersion()
    {
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            if (node is null)
            {
                return "?";
            }

            var version = node.StandardOutput.ReadToEnd().Trim();
            node.WaitForExit(5000);
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not found";
        }
    }
}
