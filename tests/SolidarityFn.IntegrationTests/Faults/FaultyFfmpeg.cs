using System.Diagnostics;

namespace SolidarityFn.IntegrationTests.Faults;

/// <summary>
/// A folder for Media:FfmpegPath whose ffprobe is the real one and whose ffmpeg is a shell script that runs the real
/// ffmpeg as the test says (the file "mode" beside it): <c>pass</c>; <c>kill</c>, SIGKILL a moment after it started, as
/// the OOM killer or a crashed sandbox would; <c>hold</c>, wait before starting until the test releases that run, so a
/// test can act while a host is mid-processing. Every run (but -version) is logged to "runs": mode, pid, exit status.
/// Shared by every host of the Faults stack (in-process and child processes), so one switch reaches them all.
/// </summary>
public sealed class FaultyFfmpeg : IDisposable
{
    private const string Script = """
        #!/bin/sh
        # Fault-injecting ffmpeg of the Faults tests: the real one, killed or held as the file "mode" says.
        dir=$(dirname "$0")
        real='@REAL@'
        for a in "$@"; do
          if [ "$a" = "-version" ]; then exec "$real" "$@"; fi
        done
        mode=$(cat "$dir/mode" 2>/dev/null || echo pass)
        case "$mode" in
        kill)
          "$real" "$@" &
          pid=$!
          sleep 0.3
          kill -KILL "$pid" 2>/dev/null
          wait "$pid"
          status=$?
          echo "kill $$ $status" >> "$dir/runs"
          exit "$status"
          ;;
        hold)
          echo "hold $$" >> "$dir/runs"
          echo "$PPID" > "$dir/held.$$"
          while [ ! -e "$dir/go.$$" ]; do sleep 0.05; done
          rm -f "$dir/held.$$" "$dir/go.$$"
          exec "$real" "$@"
          ;;
        *)
          echo "pass $$" >> "$dir/runs"
          exec "$real" "$@"
          ;;
        esac
        """;

    public FaultyFfmpeg()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The ffmpeg stand-in is a shell script.");
        }

        Folder = Directory.CreateTempSubdirectory("sfn-faulty-ffmpeg-").FullName;
        var ffmpeg = Path.Combine(Folder, "ffmpeg");
        File.WriteAllText(ffmpeg, Script.Replace("@REAL@", Which("ffmpeg"), StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(ffmpeg, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(Path.Combine(Folder, "ffprobe"), Which("ffprobe"));
        Set("pass");
    }

    public string Folder { get; }

    private string RunsPath => Path.Combine(Folder, "runs");

    /// <summary>Every new run is started and left alone; runs still held stay held until released.</summary>
    public void Pass() => Set("pass");

    /// <summary>Every new run is killed (SIGKILL) 0.3 s after it started.</summary>
    public void KillEveryRun() => Set("kill");

    /// <summary>Every new run waits before it starts until <see cref="Release"/> lets it go.</summary>
    public void HoldEveryRun() => Set("hold");

    /// <summary>Lets held runs start: all of them, or those given.</summary>
    public void Release(IEnumerable<int>? pids = null)
    {
        foreach (var pid in pids ?? Held())
        {
            File.WriteAllText(Path.Combine(Folder, "go." + pid), "");
        }
    }

    /// <summary>The pids of runs waiting to start; only those started by <paramref name="host"/> (a process id) when given.</summary>
    public IReadOnlyList<int> Held(int? host = null) =>
        [.. Directory.EnumerateFiles(Folder, "held.*")
            .Select(f => (Pid: int.Parse(Path.GetExtension(f)[1..], System.Globalization.CultureInfo.InvariantCulture), Parent: ReadParent(f)))
            .Where(run => host is null || run.Parent == host)
            .Select(run => run.Pid)
            .Order()];

    /// <summary>Waits until at least <paramref name="count"/> runs (of <paramref name="host"/>, when given) are held; returns their pids.</summary>
    public async Task<IReadOnlyList<int>> WaitHeldAsync(int count, TimeSpan limit, int? host = null)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var held = Held(host);
            if (held.Count >= count)
            {
                return held;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No ffmpeg run was held within {limit} ({held.Count} of {count}).");
            await Task.Delay(50);
        }
    }

    /// <summary>Forgets the run log and any hold left by a host that was killed while it waited.</summary>
    public void Reset()
    {
        Set("pass");
        File.WriteAllText(RunsPath, "");
        foreach (var file in Directory.EnumerateFiles(Folder, "held.*").Concat(Directory.EnumerateFiles(Folder, "go.*")))
        {
            File.Delete(file);
        }
    }

    /// <summary>The runs logged since the last <see cref="Reset"/>: mode and, for killed ones, the exit status.</summary>
    public IReadOnlyList<FfmpegRun> Runs() =>
        [.. (File.Exists(RunsPath) ? File.ReadAllLines(RunsPath) : [])
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length >= 2)
            .Select(parts => new FfmpegRun(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts.Length > 2 ? int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) : null))];

    /// <summary>Runs that a SIGKILL ended (exit status 128 + 9), as opposed to runs that ended before it came.</summary>
    public int Killed() => Runs().Count(r => r.Mode == "kill" && r.ExitStatus == 137);

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static int? ReadParent(string heldFile)
    {
        try
        {
            return int.TryParse(File.ReadAllText(heldFile).Trim(), System.Globalization.CultureInfo.InvariantCulture, out var parent) ? parent : null;
        }
        catch (FileNotFoundException)
        {
            return null; // released meanwhile
        }
    }

    private void Set(string mode) => File.WriteAllText(Path.Combine(Folder, "mode"), mode);

    private static string Which(string tool)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("command -v " + tool);
        using var process = Process.Start(start)!;
        var path = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return path.Length > 0 ? path : throw new InvalidOperationException(tool + " is not on PATH: run ./dev test.");
    }
}

public sealed record FfmpegRun(string Mode, int Pid, int? ExitStatus);
