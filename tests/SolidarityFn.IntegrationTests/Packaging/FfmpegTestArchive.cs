using System.Diagnostics;
using System.Security.Cryptography;

namespace SolidarityFn.IntegrationTests.Packaging;

/// <summary>
/// A stand-in for the pinned ffmpeg archive, laid out like John Van Sickle's (one top folder with ffmpeg, ffprobe and
/// GPLv3.txt), made here because the real download cannot run offline. Its "tools" print a recognisable version.
/// </summary>
internal static class FfmpegTestArchive
{
    public const string FfmpegVersionLine = "ffmpeg version bundled-test";

    /// <summary>Writes the archive into <paramref name="folder"/> and returns its path and lowercase SHA-256.</summary>
    public static (string Path, string Sha256) Create(string folder, bool withFfprobe = true)
    {
        var staging = Directory.CreateTempSubdirectory("ffmpeg-archive-").FullName;
        try
        {
            var top = Directory.CreateDirectory(System.IO.Path.Combine(staging, "ffmpeg-test-amd64-static")).FullName;
            WriteTool(System.IO.Path.Combine(top, "ffmpeg"), FfmpegVersionLine);
            if (withFfprobe)
            {
                WriteTool(System.IO.Path.Combine(top, "ffprobe"), "ffprobe version bundled-test");
            }

            File.WriteAllText(System.IO.Path.Combine(top, "GPLv3.txt"), "licence text");
            Directory.CreateDirectory(folder);
            var archive = System.IO.Path.Combine(folder, "ffmpeg-test.tar.xz");
            using (var tar = Process.Start(new ProcessStartInfo("tar", ["-cJf", archive, "-C", staging, "ffmpeg-test-amd64-static"]))!)
            {
                tar.WaitForExit();
                Assert.Equal(0, tar.ExitCode);
            }

            using var stream = File.OpenRead(archive);
            return (archive, Convert.ToHexStringLower(SHA256.HashData(stream)));
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static void WriteTool(string path, string versionLine)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The package is built for linux-x64; its tools are shell scripts here.");
        }

        File.WriteAllText(path, $"#!/bin/sh\necho '{versionLine}'\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }
}
