using System.Runtime.InteropServices;

namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// Finds the `dotnet` executable (the muxer) that starts the photo decoder with the runtime the host itself runs on.
/// <list type="number">
/// <item>The host was started by the muxer: on Azure Flex Consumption the worker runs as <c>dotnet SolidarityFn.Functions.dll</c>,
/// and <c>dotnet test</c> and the bench's DevHost too, so <see cref="Environment.ProcessPath"/> is the muxer itself.</item>
/// <item>Otherwise the host is an apphost (<c>dotnet run</c> starts <c>SolidarityFn.DevHost</c>), whose process path is not a
/// muxer: the runtime it loaded lives in <c>{root}/shared/Microsoft.NETCore.App/{version}/</c>, and the muxer of that
/// installation is <c>{root}/dotnet</c>, so the child gets the very runtime the host has.</item>
/// <item>Then <c>DOTNET_ROOT</c> (what an apphost itself is told), then <c>dotnet</c> on PATH.</item>
/// </list>
/// </summary>
public static class DotnetMuxer
{
    public static string FileName => OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";

    /// <summary>The muxer of the running process (see the class remarks for the order).</summary>
    public static string Find() =>
        Find(Environment.ProcessPath, RuntimeEnvironment.GetRuntimeDirectory(), Environment.GetEnvironmentVariable("DOTNET_ROOT"), File.Exists);

    public static string Find(string? processPath, string? runtimeDirectory, string? dotnetRoot, Func<string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(exists);
        if (!string.IsNullOrEmpty(processPath) && string.Equals(Path.GetFileName(processPath), FileName, StringComparison.Ordinal) && exists(processPath))
        {
            return processPath;
        }

        if (!string.IsNullOrEmpty(runtimeDirectory))
        {
            // {root}/shared/Microsoft.NETCore.App/{version}/ → {root}
            var version = new DirectoryInfo(Path.TrimEndingDirectorySeparator(runtimeDirectory));
            var root = version.Parent?.Parent?.Parent;
            if (root is not null && string.Equals(version.Parent?.Parent?.Name, "shared", StringComparison.Ordinal))
            {
                var candidate = Path.Combine(root.FullName, FileName);
                if (exists(candidate))
                {
                    return candidate;
                }
            }
        }

        if (!string.IsNullOrEmpty(dotnetRoot))
        {
            var candidate = Path.Combine(dotnetRoot, FileName);
            if (exists(candidate))
            {
                return candidate;
            }
        }

        return FileName;
    }
}
