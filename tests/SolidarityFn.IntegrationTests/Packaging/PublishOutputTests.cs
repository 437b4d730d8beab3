using System.Diagnostics;
using System.Text.Json;
using SolidarityFn.IntegrationTests.Api;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Assembly;

namespace SolidarityFn.IntegrationTests.Packaging;

/// <summary>What `dotnet publish` puts in the deployment package (what azd zips for Flex Consumption).</summary>
public class PublishOutputTests(PublishFixture publish) : IClassFixture<PublishFixture>
{
    private Dictionary<string, JsonElement> Functions()
    {
        var path = Path.Combine(publish.Output, "functions.metadata");
        Assert.True(File.Exists(path), "functions.metadata is missing from the publish output");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!);
    }

    private static JsonElement Trigger(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    [Fact]
    public void The_package_holds_the_repositorys_host_json()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")), File.ReadAllText(Path.Combine(publish.Output, "host.json")));
        Assert.False(File.Exists(Path.Combine(publish.Output, "local.settings.json")));
    }

    [Fact]
    public void Functions_metadata_in_the_package_lists_every_http_route()
    {
        var functions = Functions();

        foreach (var (name, method, route) in FunctionsMetadataTests.Expected.Concat(FunctionsMetadataTests.OrganizerRoutes))
        {
            Assert.True(functions.ContainsKey(name), $"{name} is missing from the published functions.metadata");
            var trigger = Trigger(functions[name]);
            Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
            Assert.Equal(route, trigger.GetProperty("route").GetString());
            Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        }

        Assert.Equal(
            FunctionsMetadataTests.Expected.Length + FunctionsMetadataTests.OrganizerRoutes.Length,
            functions.Values.Count(f => Trigger(f).GetProperty("type").GetString() == "httpTrigger"));
    }

    [Fact]
    public void Functions_metadata_in_the_package_has_the_event_grid_blob_trigger_and_the_timers()
    {
        var functions = Functions();

        var upload = Trigger(functions["ProcessUpload"]);
        Assert.Equal("blobTrigger", upload.GetProperty("type").GetString());
        Assert.Equal("uploads/{campaignId}/{submissionId}", upload.GetProperty("path").GetString());
        Assert.Equal("EventGrid", upload.GetProperty("source").GetString());
        Assert.Equal("Storage", upload.GetProperty("connection").GetString());

        Assert.Equal("0 */5 * * * *", Trigger(functions["SweepStalledUploads"]).GetProperty("schedule").GetString());
        Assert.Equal("%QueuePumpSchedule%", Trigger(functions["PumpQueue"]).GetProperty("schedule").GetString());
        Assert.Equal("%QueuePurgeSchedule%", Trigger(functions["PurgeQueue"]).GetProperty("schedule").GetString());
        Assert.Equal("0 2-59/5 * * * *", Trigger(functions["SweepErasures"]).GetProperty("schedule").GetString());
        Assert.Equal("0 40 * * * *", Trigger(functions["ApplyRetention"]).GetProperty("schedule").GetString());
        Assert.Equal(
            ["ApplyRetention", "PumpQueue", "PurgeQueue", "SweepErasures", "SweepStalledUploads"],
            functions.Where(f => Trigger(f.Value).GetProperty("type").GetString() == "timerTrigger").Select(f => f.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_package_carries_the_renderers_fonts_and_their_licence()
    {
        var shipped = Path.Combine(RepoPaths.Root, "functions", "SolidarityFn.Functions", "fonts");
        foreach (var file in AssemblyFonts.FileNames.Append(AssemblyFonts.LicenceFile))
        {
            var published = Path.Combine(publish.Output, "fonts", file);
            Assert.True(File.Exists(published), $"fonts/{file} is missing from the publish output");
            Assert.Equal(File.ReadAllBytes(Path.Combine(shipped, file)), File.ReadAllBytes(published));
        }
    }

    [Fact]
    public void The_package_carries_executable_ffmpeg_and_ffprobe_in_its_ffmpeg_folder()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Bundling runs on Linux and macOS (tar, file modes).");
        }

        foreach (var (tool, line) in new[] { ("ffmpeg", FfmpegTestArchive.FfmpegVersionLine), ("ffprobe", "ffprobe version bundled-test") })
        {
            var path = Path.Combine(publish.Output, "ffmpeg", tool);
            Assert.True(File.Exists(path), $"ffmpeg/{tool} is missing from the publish output");
            Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.OtherExecute), $"ffmpeg/{tool} is not executable");
            using var process = Process.Start(new ProcessStartInfo(path, "-version") { RedirectStandardOutput = true })!;
            Assert.Equal(line, process.StandardOutput.ReadLine());
            process.WaitForExit();
        }

        Assert.True(File.Exists(Path.Combine(publish.Output, "ffmpeg", "GPLv3.txt")), "ffmpeg's licence is missing beside it");
        var pinned = File.ReadAllLines(Path.Combine(publish.Output, "ffmpeg", "PINNED.txt"));
        Assert.Contains("version=test", pinned);
        Assert.Contains(pinned, line => line.StartsWith("licence=GPL", StringComparison.Ordinal));
        Assert.Contains(pinned, line => System.Text.RegularExpressions.Regex.IsMatch(line, "^sha256=[0-9a-f]{64}$"));
        Assert.Contains("Bundled ffmpeg and ffprobe", publish.BuildLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_package_carries_the_photo_decoder_and_it_runs_there_with_dotnet()
    {
        // PhotoPreparer starts `dotnet exec SolidarityFn.PhotoDecoder.dll` from the app's folder: dll, runtimeconfig and
        // deps (Magick.NET's native library is found through the deps) must all be in the package.
        foreach (var file in new[] { "SolidarityFn.PhotoDecoder.dll", "SolidarityFn.PhotoDecoder.runtimeconfig.json", "SolidarityFn.PhotoDecoder.deps.json" })
        {
            Assert.True(File.Exists(Path.Combine(publish.Output, file)), $"{file} is missing from the publish output");
        }

        var folder = Directory.CreateTempSubdirectory("sfn-packaged-decoder-").FullName;
        try
        {
            var input = Path.Combine(folder, "photo");
            File.Copy(Path.Combine(RepoPaths.Root, "tests", "fixtures", "phone", "jpg-Apple_iPhone_4.jpg"), input);
            var request = new Pipeline.Media.PhotoDecodeRequest(input, Path.Combine(folder, "photo.png"), "Jpeg", folder, 3840, 50_000_000, 20_000, 20, 64, 1024);
            var start = new ProcessStartInfo(Pipeline.Media.DotnetMuxer.Find()) { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(Path.Combine(publish.Output, "SolidarityFn.PhotoDecoder.dll"));
            foreach (var argument in request.ToArguments())
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var lines = (await process.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            await process.WaitForExitAsync();

            Assert.Equal(Pipeline.Media.PhotoDecoderExit.Prepared, process.ExitCode);
            Assert.Equal(Pipeline.Media.PhotoDecoderReport.PreparedKind, Pipeline.Media.PhotoDecoderReport.Parse(lines[^1])?.Kind);
            Assert.True(new FileInfo(request.PngPath).Length > 0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
