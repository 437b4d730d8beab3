namespace SolidarityFn.IntegrationTests.Packaging;

/// <summary>
/// `dotnet publish -c Release` of the Functions app, once per test run, with ffmpeg bundled from a local archive put
/// where the packaging target caches its download (so nothing is fetched; the checksum check still runs).
/// </summary>
public sealed class PublishFixture : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("solidarityfn-publish-").FullName;

    public string Output => Path.Combine(_root, "out");

    public string BuildLog { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var cache = Path.Combine(_root, "cache");
        var (archive, sha256) = FfmpegTestArchive.Create(Path.Combine(_root, "archive"));
        Directory.CreateDirectory(cache);
        File.Copy(archive, Path.Combine(cache, sha256 + ".tar.xz"));

        var (exitCode, output) = await DotnetCli.RunAsync(
            TimeSpan.FromMinutes(10),
            "publish", Path.Combine("functions", "SolidarityFn.Functions", "SolidarityFn.Functions.csproj"),
            "-c", "Release", "-o", Output, "--no-restore", "-nologo",
            "-p:BundleFfmpeg=true",
            "-p:FfmpegVersion=test", // the test archive's folder is ffmpeg-test-amd64-static
            "-p:FfmpegUrl=https://ffmpeg.invalid/ffmpeg-test-amd64-static.tar.xz",
            $"-p:FfmpegSha256={sha256}",
            $"-p:FfmpegCacheDir={cache}/");
        BuildLog = output;
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({exitCode}):\n{output}");
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }
}
