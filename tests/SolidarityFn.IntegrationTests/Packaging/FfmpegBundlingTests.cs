using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Packaging;

/// <summary>
/// The packaging target alone (no compile), against local archives in its download cache: a checksum that does not
/// match, an address that does not name the version, an archive of another version than the pin says, or one without
/// both tools, fails the packaging and bundles nothing. The good case is PublishOutputTests.
/// </summary>
public sealed class FfmpegBundlingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ffmpeg-bundling-").FullName;

    private string Cache => Path.Combine(_root, "cache");

    private string PublishDir => Path.Combine(_root, "publish");

    /// <summary>The test archive's version (its top folder is ffmpeg-test-amd64-static) and an address naming it.</summary>
    private const string TestUrl = "https://ffmpeg.invalid/ffmpeg-test-amd64-static.tar.xz";

    private Task<(int ExitCode, string Output)> BundleAsync(string sha256, string version = "test", string url = TestUrl) => DotnetCli.RunAsync(
        TimeSpan.FromMinutes(5),
        "msbuild", Path.Combine("functions", "SolidarityFn.Functions", "SolidarityFn.Functions.csproj"),
        "-t:BundleFfmpegIntoPublishDir", "-nologo", "-v:minimal",
        "-p:BundleFfmpeg=true",
        $"-p:FfmpegVersion={version}",
        $"-p:FfmpegUrl={url}",
        "-p:FfmpegFallbackUrl=",
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
        Assert.Contains($"ffmpeg archive checksum mismatch: {TestUrl} gave SHA-256 {actual}, functions/ffmpeg.props pins {pinned} for ffmpeg test", output, StringComparison.Ordinal);
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
    public async Task An_address_that_does_not_name_the_version_fails_packaging_before_any_download()
    {
        var (exitCode, output) = await BundleAsync(new string('0', 64), url: "https://ffmpeg.invalid/ffmpeg-release-amd64-static.tar.xz");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("SFNFF04", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Cache), "something was downloaded");
    }

    [Fact]
    public async Task An_archive_of_another_version_than_the_pin_names_fails_packaging()
    {
        // The hash matches (someone moved FfmpegSha256 but not FfmpegVersion): the folder inside still tells.
        var (archive, sha256) = FfmpegTestArchive.Create(Path.Combine(_root, "archive"));
        Directory.CreateDirectory(Cache);
        File.Copy(archive, Path.Combine(Cache, sha256 + ".tar.xz"));

        var (exitCode, output) = await BundleAsync(sha256, version: "7.0.3", url: "https://ffmpeg.invalid/ffmpeg-7.0.3-amd64-static.tar.xz");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("SFNFF05", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(PublishDir, "ffmpeg", "ffmpeg")));
    }

    [Fact]
    public void The_pin_is_a_versioned_https_address_with_its_version_licence_and_sha256_in_one_file()
    {
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(RepoPaths.Root, "functions", "ffmpeg.props"));
        string One(string name) => props.Descendants(name).Single().Value;
        var version = One("FfmpegVersion");
        var resolved = One("FfmpegArchiveName").Replace("$(FfmpegVersion)", version, StringComparison.Ordinal);

        Assert.Matches(@"^\d+\.\d+(\.\d+)?$", version);
        Assert.Matches("^[0-9a-f]{64}$", One("FfmpegSha256"));
        Assert.StartsWith("GPL", One("FfmpegLicence"), StringComparison.Ordinal);
        Assert.Equal($"ffmpeg-{version}-amd64-static", resolved);
        foreach (var url in new[] { One("FfmpegUrl"), One("FfmpegFallbackUrl") })
        {
            Assert.StartsWith("https://", url, StringComparison.Ordinal);
            Assert.EndsWith("/$(FfmpegArchiveName).tar.xz", url, StringComparison.Ordinal);
        }

        // Nothing else in the repository names the pinned archive: moving the pin is one file.
        var targets = File.ReadAllText(Path.Combine(RepoPaths.Root, "functions", "SolidarityFn.Functions", "BundleFfmpeg.targets"));
        Assert.DoesNotContain(version, targets, StringComparison.Ordinal);
        Assert.DoesNotContain(One("FfmpegSha256"), targets, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
