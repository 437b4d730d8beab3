using System.Globalization;
using System.Text;

namespace SolidarityFn.IntegrationTests.Media;

/// <summary>
/// The photo decoder processes this test process started (SolidarityFn.PhotoDecoder, children of ours, found in /proc),
/// so tests can see them, read their memory, and hold one still with SIGSTOP: a decoder stuck mid-decode, as on a
/// hostile file, without a fake decoder. Only ever our own children, by pid.
/// </summary>
internal static class PhotoDecoderProcesses
{
    public static List<int> Running(string? mentioning = null)
    {
        var found = new List<int>();
        var self = Environment.ProcessId;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] == "Z" || int.Parse(fields[1], CultureInfo.InvariantCulture) != self)
                {
                    continue;
                }

                var commandLine = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(dir, "cmdline"))).Replace('\0', ' ');
                if (commandLine.Contains("SolidarityFn.PhotoDecoder.dll", StringComparison.Ordinal)
                    && (mentioning is null || commandLine.Contains(mentioning, StringComparison.Ordinal)))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // It ended while we looked.
            }
        }

        return found;
    }

    /// <summary>VmRSS in bytes, 0 once the process is gone.</summary>
    public static long Rss(int pid) => Pipeline.Media.ProcessMemory.ResidentBytes(pid) ?? 0;

    public static void Stop(int pid) => Signal(pid, "STOP");

    public static void Continue(int pid) => Signal(pid, "CONT");

    private static void Signal(int pid, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}

/// <summary>
/// An 8064×6048 HEIC (the 48-megapixel photos of current iPhones), made once per test run: libx265 codes one frame and
/// <see cref="HeifWriter"/> wraps it as a phone does. Decoding it takes the decoder ~350 MB and seconds of work.
/// </summary>
internal static class LargePhoto
{
    public const int Width = 8064;
    public const int Height = 6048;

    private static readonly Lazy<Task<string>> Heic = new(WriteAsync);

    public static Task<string> Heic48MegapixelAsync() => Heic.Value;

    private static async Task<string> WriteAsync()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("sfn-48mp-").FullName, "photo-48mp.heic");
        var hevc = await Tool.RunBytesAsync("ffmpeg", [
            "-v", "error", "-f", "lavfi", "-i", $"testsrc2=size={Width}x{Height}:rate=1", "-frames:v", "1",
            "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-pix_fmt", "yuv420p", "-f", "hevc", "pipe:1"]);
        await File.WriteAllBytesAsync(path, HeifWriter.FromHevcStill(hevc, Width, Height));
        return path;
    }
}
