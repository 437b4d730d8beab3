using System.Diagnostics;
using System.Globalization;

namespace SolidarityFn.Bench.Scenarios.Processing;

/// <summary>
/// One sample: the process's resident set, that of its ffmpeg/ffprobe children, and that of its photo decoder child
/// (SolidarityFn.PhotoDecoder, told apart by its command line), in bytes.
/// </summary>
public sealed record RssSample(long At, long Rss, long ChildrenRss, int Children, long DecoderRss = 0);

/// <summary>
/// Samples /proc/&lt;pid&gt;/status (VmRSS) of one process and of its direct children every interval, on a thread of its
/// own (not the thread pool, so a busy pool does not stretch the interval). Linux only.
/// </summary>
public sealed class RssSampler : IDisposable
{
    private readonly int _pid;
    private readonly TimeSpan _interval;
    private readonly List<RssSample> _samples = [];
    private readonly Thread _thread;
    private volatile bool _stop;

    public RssSampler(int pid, TimeSpan interval)
    {
        _pid = pid;
        _interval = interval;
        _thread = new Thread(Loop) { IsBackground = true, Name = "rss-sampler" };
        _thread.Start();
    }

    public IReadOnlyList<RssSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>VmRSS of the process now, in bytes (0 when it cannot be read).</summary>
    public static long Rss(int pid) => Field(pid, "VmRSS:");

    /// <summary>VmHWM: the highest VmRSS the kernel saw since the process started or since <see cref="ResetPeak"/>.</summary>
    public static long Peak(int pid) => Field(pid, "VmHWM:");

    /// <summary>Resets VmHWM to the current RSS (writes 5 to /proc/&lt;pid&gt;/clear_refs); false when not allowed.</summary>
    public static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Loop()
    {
        var known = new List<int>();
        var decoders = new HashSet<int>();
        for (var sample = 0; !_stop; sample++)
        {
            // /proc/<pid>/task/*/children needs CONFIG_PROC_CHILDREN, which not every kernel has: scan for the parent
            // pid instead, every fifth sample (it reads every /proc/<n>/stat), and read the known children's RSS in between.
            if (sample % 5 == 0)
            {
                known = Children(_pid);
                decoders = [.. known.Where(IsPhotoDecoder)];
            }

            var rss = Rss(_pid);
            long children = 0;
            long decoder = 0;
            var count = 0;
            foreach (var child in known)
            {
                var childRss = Rss(child);
                if (childRss > 0 && decoders.Contains(child))
                {
                    decoder += childRss;
                }
                else if (childRss > 0)
                {
                    children += childRss;
                    count++;
                }
            }

            lock (_samples)
            {
                _samples.Add(new RssSample(Stopwatch.GetTimestamp(), rss, children, count, decoder));
            }

            Thread.Sleep(_interval);
        }
    }

    private static bool IsPhotoDecoder(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Contains("SolidarityFn.PhotoDecoder.dll", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static List<int> Children(int pid)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.Integer, CultureInfo.InvariantCulture, out var candidate))
            {
                continue;
            }

            try
            {
                // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read from the last ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields.Length > 1 && int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var parent) && parent == pid)
                {
                    found.Add(candidate);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // It ended while we looked.
            }
        }

        return found;
    }

    private static long Field(int pid, string name)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith(name, StringComparison.Ordinal))
                {
                    var kb = line[name.Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process is gone.
        }

        return 0;
    }
}
