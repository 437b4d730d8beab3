using System.Globalization;

namespace SolidarityFn.Pipeline.Media;

/// <summary>A process's resident memory as Linux reports it in /proc/&lt;pid&gt;/status (null elsewhere or once it is gone).</summary>
public static class ProcessMemory
{
    /// <summary>VmRSS: the resident set now, in bytes.</summary>
    public static long? ResidentBytes(int pid) => Read(pid, "VmRSS:");

    /// <summary>VmHWM: the highest resident set since the process started, in bytes.</summary>
    public static long? PeakResidentBytes(int pid) => Read(pid, "VmHWM:");

    /// <summary>The value of one "Name:   123 kB" line of a status file, in bytes.</summary>
    public static long? Parse(string statusText, string field)
    {
        ArgumentNullException.ThrowIfNull(statusText);
        foreach (var line in statusText.Split('\n'))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var parts = line[field.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return parts.Length == 2 && parts[1] == "kB" && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb)
                    ? kb * 1024
                    : null;
            }
        }

        return null;
    }

    private static long? Read(int pid, string field)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return Parse(File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"), field);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process has ended.
            return null;
        }
    }
}
