using System.Diagnostics;
using System.Globalization;

namespace SolidarityFn.Bench.Scenarios.Processing;

/// <summary>CPU seconds (core-seconds) spent over one measured interval, by whom.</summary>
/// <param name="Ffmpeg">ffmpeg and ffprobe: children of this process that ended in the interval (cutime + cstime).</param>
/// <param name="Bench">This process: the bench's client and, on the pipeline side, the in-process DevHost.</param>
/// <param name="Azurite">The Azurite node process.</param>
/// <param name="Others">Every other process on the machine (busy time in /proc/stat minus the three above).</param>
/// <param name="Capacity">Wall-clock seconds × logical cores.</param>
public sealed record CpuUse(double Wall, double Ffmpeg, double Bench, double Azurite, double Others, double Capacity);

/// <summary>Snapshots of /proc/self/stat, /proc/&lt;azurite&gt;/stat and /proc/stat, so an interval's CPU can be split by process. Linux only.</summary>
public sealed class CpuMeter(int azuritePid)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public Snapshot Take() => new(Stopwatch.GetTimestamp(), Own(), Process(azuritePid), Machine());

    public static CpuUse Between(Snapshot from, Snapshot to)
    {
        var wall = (to.At - from.At) / (double)Stopwatch.Frequency;
        var ffmpeg = (to.Own.Children - from.Own.Children) / TicksPerSecond;
        var bench = (to.Own.Self - from.Own.Self) / TicksPerSecond;
        var azurite = (to.Azurite - from.Azurite) / TicksPerSecond;
        var busy = (to.Machine.Busy - from.Machine.Busy) / TicksPerSecond;
        return new CpuUse(wall, ffmpeg, bench, azurite, Math.Max(0, busy - ffmpeg - bench - azurite), wall * Environment.ProcessorCount);
    }

    private static (long Self, long Children) Own()
    {
        var fields = StatFields("/proc/self/stat");
        // After "pid (comm)": state=0 ppid=1 ... utime=11 stime=12 cutime=13 cstime=14.
        return fields is null ? (0, 0) : (Long(fields[11]) + Long(fields[12]), Long(fields[13]) + Long(fields[14]));
    }

    private static long Process(int pid)
    {
        var fields = StatFields($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        return fields is null ? 0 : Long(fields[11]) + Long(fields[12]);
    }

    private static (long Busy, long Total) Machine()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(Long).ToArray();
            // user nice system idle iowait irq softirq steal (guest time is already inside user).
            var idle = values[3] + values[4];
            var total = values.Take(8).Sum();
            return (total - idle, total);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    private static string[]? StatFields(string path)
    {
        try
        {
            var stat = File.ReadAllText(path);
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long Long(string text) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    public sealed record Snapshot(long At, (long Self, long Children) Own, long Azurite, (long Busy, long Total) Machine);
}
