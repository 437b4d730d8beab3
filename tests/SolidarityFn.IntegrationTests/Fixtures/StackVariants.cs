namespace SolidarityFn.IntegrationTests.Fixtures;

/// <summary>Upload links that expire after two seconds, to watch one die.</summary>
public sealed class ShortSasStackFixture : StackFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Intake:SasLifetime", "00:00:02"),
        new("Intake:SasClockSkew", "00:00:00"),
    ];
}

/// <summary>Three uploads per client per window.</summary>
public sealed class RateLimitedStackFixture : StackFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Intake:RateLimitPermits", "3")];
}

/// <summary>A host that cannot find ffmpeg.</summary>
public sealed class NoFfmpegStackFixture : StackFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Media:FfmpegPath", "/nonexistent/ffmpeg-dir")];
}

/// <summary>The stack with blob events delivered, as `./dev up` runs it: uploads get processed.</summary>
public sealed class ProcessingStackFixture : StackFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("DevHost:DeliverBlobEvents", "true"),
        new("DevHost:BlobPollInterval", "00:00:00.200"),
        new("DevHost:RetryDelayScale", "0.1"),
        new("Processing:RetryBackoff", "00:00:00"),
    ];
}

/// <summary>Organizers authenticated by App Service Authentication (Entra ID): the X-MS-CLIENT-PRINCIPAL header, role "organizer".</summary>
public sealed class EntraStackFixture : StackFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Organizer:Mode", "AppServiceAuthentication"), new("WEBSITE_AUTH_ENABLED", "True")];
}

/// <summary>
/// The processing stack for assembly tests: uploads are processed as `./dev up` does, and every encode (mezzanine and
/// segments) uses a cheaper libx264 preset than production's veryfast — still the real encoder and the real commands,
/// so the assembly tests stay within the suite's time budget. ultrafast is the cheapest, but it turns off CABAC, 8×8
/// transforms and B-frames, so its stream is Constrained Baseline whatever -profile:v says.
/// </summary>
public abstract class AssemblyStackFixture(string x264Preset) : StackFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("DevHost:DeliverBlobEvents", "true"),
        new("DevHost:BlobPollInterval", "00:00:00.200"),
        new("DevHost:RetryDelayScale", "0.1"),
        new("Processing:RetryBackoff", "00:00:00"),
        new("Media:X264Preset", x264Preset),
    ];
}

/// <summary>ultrafast: for tests about what goes into an assembly, not about the H.264 profile.</summary>
public sealed class UltrafastAssemblyStackFixture() : AssemblyStackFixture("ultrafast");

/// <summary>superfast: the cheapest preset whose output is H.264 High like production's, for the output-format checks.</summary>
public sealed class HighProfileAssemblyStackFixture() : AssemblyStackFixture("superfast");

/// <summary>
/// ffmpeg found only through Media:FfmpegPath, as in Azure (a folder in the package): tools that answer -version
/// with a version line of their own, so the health report shows which ffmpeg the host found.
/// </summary>
public sealed class BundledFfmpegStackFixture : StackFixture
{
    public const string FfmpegVersionLine = "ffmpeg version 7.0.2-static https://johnvansickle.com/ffmpeg/ (test stand-in)";

    public string FfmpegFolder { get; } = CreateToolFolder();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Media:FfmpegPath", FfmpegFolder)];

    private static string CreateToolFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The tool stand-ins are shell scripts.");
        }

        var folder = Directory.CreateTempSubdirectory("bundled-ffmpeg-").FullName;
        foreach (var tool in new[] { "ffmpeg", "ffprobe" })
        {
            var path = Path.Combine(folder, tool);
            var line = FfmpegVersionLine.Replace("ffmpeg version", tool + " version", StringComparison.Ordinal);
            File.WriteAllText(path, $"#!/bin/sh\necho '{line}'\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return folder;
    }
}

/// <summary>
/// The processing stack with a work folder of its own, so a test can tell this host's photo decoders from those of every
/// other stack in the test process, and a test-only photo decode budget of 1.5 s of CPU counted from the header. A 48 MP HEIC takes the decoder 3.1-3.9 s
/// of CPU in all on a fast core (~5 s on a slower one) and 0.6-0.8 s to reach the middle of its decode; a 3 s budget
/// was met on the fast core, so the photo came out Ready instead of failing.
/// </summary>
public sealed class HostilePhotoStackFixture : StackFixture
{
    public string WorkRoot { get; } = Directory.CreateTempSubdirectory("sfn-own-work-").FullName;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("DevHost:DeliverBlobEvents", "true"),
        new("DevHost:BlobPollInterval", "00:00:00.200"),
        new("DevHost:RetryDelayScale", "0.1"),
        new("Processing:RetryBackoff", "00:00:00"),
        new("Processing:WorkRoot", WorkRoot),
        new("Media:PhotoDecodeCpuTime", "00:00:01.500"),
        new("Media:PhotoMinDecodeCpuTime", "00:00:01.500"),
    ];
}
