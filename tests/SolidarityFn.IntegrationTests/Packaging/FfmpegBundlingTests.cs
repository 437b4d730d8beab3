using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Packaging;

/// <summary>
/// The packaging target alone (no compile), against local archives in its download cache: a checksum that does not
/// match, or an archive without both tools, fails the packaging and bundles nothing. The good case is PublishOutputTests.
/// </summary>
public sealed class FfmpegBundlingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ffmpeg-bundling-").FullName;

    private string Cache => Path.Combine(_root, "cache");

    private string PublishDir => Path.Combine(_root, "publish");

    private Task<(int ExitCode, string Output)> BundleAsync(string sha256) => DotnetCli.RunAsync(
        TimeSpan.FromMinutes(5),
        "msbuild", Path.Combine("functions", "SolidarityFn.Functions", "SolidarityFn.Functions.csproj"),
        "-t:BundleFfmpegIntoPublishDir", "-nologo", "-v:minimal",
        "-p:BundleFfmpeg=true",
        "-p:FfmpegUrl=https://ffmpeg.invalid/never-fetched.tar.xz",
        $"-p:FfmpegSha256={sha256}",
        $"-p:FfmpegCacheDir={Cache}/",
        $"-p:PublishDir={PublishDir}/",
        $"-p:IntermediateOutputPath={Path.Combine(_root, "obj")}/");

    [Fact]
    public async Task A_downloaded_archive_whose_checksum_differs_from_the_pin_fails_packaging_and_is_deleted()
    {
        var (archive, actual) = FfmpegTestArchive.Create(Path.Combine(_root, "archive"));
        var pinned = new string('0', 64);
        var cached = Path.Combine(Cache, pinned + ".tar.xz");
        Directory.CreateDirectory(Cache);
        File.Copy(archive, cached);

        var (exitCode, output) = await BundleAsync(pinned);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("SFNFF02", output, StringComparison.Ordinal);
        Assert.Contains($"ffmpeg archive checksum mismatch: https://ffmpeg.invalid/never-fetched.tar.xz gave SHA-256 {actual}, functions/ffmpeg.props pins {pinned}", output, StringComparison.Ordinal);
        Assert.False(File.Exists(cached), "the mismatching download stays cached");
        Assert.False(Directory.Exists(Path.Combine(PublishDir, "ffmpeg")), "something was bundled despite the mismatch");
    }

    [Fact]
    public async Task A_pin_that_is_not_a_sha256_fails_packaging()
    {
        var (exitCode, output) = await BundleAsync("abc123");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("SFNFF01", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_archive_without_ffprobe_fails_packaging()
    {
        var (archive, sha256) = FfmpegTestArchive.Create(Path.Combine(_root, "archive"), withFfprobe: false);
        Directory.CreateDirectory(Cache);
        File.Copy(archive, Path.Combine(Cache, sha256 + ".tar.xz"));

        var (exitCode, output) = await BundleAsync(sha256);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("SFNFF03", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(PublishDir, "ffmpeg", "ffmpeg")));
    }

    [Fact]
    public void The_pin_is_an_https_url_and_a_sha256()
    {
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(RepoPaths.Root, "functions", "ffmpeg.props"));
        var url = props.Descendants("FfmpegUrl").Single().Value;
        var sha256 = props.Descendants("FfmpegSha256").Single().Value;

        Assert.StartsWith("https://", url, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", sha256);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
