using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Media;

/// <summary>
/// HDR and SD sources through the real normaliser, judged on the picture: SMPTE HD bars made HDR (HLG as an iPhone
/// tags it, PQ with mastering metadata as a Samsung HDR10 clip) must look like the same bars in SDR, and a BT.601 SD
/// colour must come out as that colour.
/// </summary>
public sealed class ColourTests(ColourSamples samples) : IClassFixture<ColourSamples>, IDisposable
{
    private readonly MediaHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData("hlg")]
    [InlineData("pq")]
    public async Task HDR_bars_come_out_as_saturated_and_as_bright_as_the_same_bars_in_SDR(string kind)
    {
        var sdr = (await _harness.RunAsync(samples.SdrBars)).Ok;
        var hdr = (await _harness.RunAsync(kind == "hlg" ? samples.HlgBars : samples.PqBars)).Ok;

        foreach (var (sdrPath, hdrPath) in new[] { (sdr.ClipPath, hdr.ClipPath), (sdr.ThumbnailPath, hdr.ThumbnailPath), (sdr.PreviewPath!, hdr.PreviewPath!) })
        {
            var expected = await PictureStats.MeasureAsync(sdrPath);
            var actual = await PictureStats.MeasureAsync(hdrPath);
            var name = Path.GetFileName(hdrPath);
            Assert.True(actual.Saturation >= 0.8 * expected.Saturation, $"{kind} {name}: saturation {actual.Saturation:0.0} against SDR {expected.Saturation:0.0}");
            Assert.True(Math.Abs(actual.Luma - expected.Luma) <= 0.15 * expected.Luma, $"{kind} {name}: luma {actual.Luma:0.0} against SDR {expected.Luma:0.0}");
        }

        await AssertBt709Async(hdr.ClipPath);
        await AssertBt709Async(hdr.PreviewPath!);
        Assert.Contains(_harness.Logs, line => line.Contains("Video colour read as " + (kind == "hlg" ? "Hlg" : "Pq"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Relabelling_HLG_as_BT709_would_fail_the_saturation_check()
    {
        // The check above can fail: the HLG bars decoded without tone mapping are far greyer than SDR.
        var sdr = await PictureStats.MeasureAsync(samples.SdrBars);
        var relabelled = await PictureStats.MeasureAsync(samples.HlgBars, "format=yuv420p,");
        Assert.True(relabelled.Saturation < 0.6 * sdr.Saturation, $"{relabelled.Saturation:0.0} against {sdr.Saturation:0.0}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_BT601_SD_colour_comes_out_as_that_colour_in_clip_and_thumbnail(bool tagged)
    {
        var run = (await _harness.RunAsync(tagged ? samples.Sd601Tagged : samples.Sd601Untagged)).Ok;

        // Relabelled instead of converted, this red would come out about (204, 48, 61).
        AssertClose(ColourSamples.SdColour, await PictureStats.CentreRgbAsync(run.ClipPath), "clip");
        AssertClose(ColourSamples.SdColour, await PictureStats.CentreRgbAsync(run.ThumbnailPath), "thumbnail");
        await AssertBt709Async(run.ClipPath);
    }

    [Fact]
    public async Task A_BT709_HD_colour_keeps_its_colour_in_clip_and_thumbnail()
    {
        var run = (await _harness.RunAsync(samples.Hd709)).Ok;
        AssertClose(ColourSamples.SdColour, await PictureStats.CentreRgbAsync(run.ClipPath), "clip");
        AssertClose(ColourSamples.SdColour, await PictureStats.CentreRgbAsync(run.ThumbnailPath), "thumbnail");
    }

    [Theory]
    [InlineData(SourceColour.Hlg)]
    [InlineData(SourceColour.Pq)]
    public async Task The_LUT_gives_the_picture_of_the_zscale_tonemap_chain(SourceColour transfer)
    {
        using var luts = new ToneMapLuts(_harness.Runner, Options.Create(new MediaOptions()), NullLogger<ToneMapLuts>.Instance);
        var made = await luts.PathForAsync(transfer, CancellationToken.None);

        // Used from a path that needs the filtergraph escaping.
        var lut = Path.Combine(samples.Folder, $"it's a [lut], 100% {transfer}.cube");
        File.Copy(made, lut, overwrite: true);
        var fast = ColourConversion.Filters(new ColourClass(transfer, false), lut);
        var reference = ColourConversion.ReferenceToneMap(transfer);
        foreach (var source in transfer == SourceColour.Hlg ? new[] { samples.HlgBars, samples.HlgGradient } : [samples.PqBars])
        {
            var ssim = await PictureStats.SsimAsync(source, fast, reference);
            Assert.True(ssim >= 0.98, $"{Path.GetFileName(source)}: SSIM {ssim:0.0000}");
        }
    }

    private static void AssertClose((int R, int G, int B) expected, (int R, int G, int B) actual, string what)
    {
        const int tolerance = 6;
        Assert.True(
            Math.Abs(expected.R - actual.R) <= tolerance && Math.Abs(expected.G - actual.G) <= tolerance && Math.Abs(expected.B - actual.B) <= tolerance,
            $"{what}: {actual} against {expected}");
    }

    private static async Task AssertBt709Async(string path)
    {
        using var probe = await OutputAssert.ProbeAsync(path);
        var video = probe.RootElement.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("codec_type").GetString() == "video");
        Assert.Equal("yuv420p", video.GetProperty("pix_fmt").GetString());
        Assert.Equal("tv", video.GetProperty("color_range").GetString());
        Assert.Equal("bt709", video.GetProperty("color_space").GetString());
        Assert.Equal("bt709", video.GetProperty("color_transfer").GetString());
        Assert.Equal("bt709", video.GetProperty("color_primaries").GetString());
    }
}

/// <summary>Pictures measured with ffmpeg (run directly, not through the code under test).</summary>
internal static class PictureStats
{
    /// <summary>Mean of signalstats' SATAVG and YAVG over every frame.</summary>
    /// <param name="prefix">Filters applied first (to read a 10-bit source in 8-bit units, as the outputs are).</param>
    public static async Task<(double Saturation, double Luma)> MeasureAsync(string path, string prefix = "")
    {
        var text = await Tool.RunAsync("ffmpeg", ["-v", "error", "-i", path, "-vf", prefix + "signalstats,metadata=print:file=-", "-f", "null", "-"]);
        double saturation = 0, luma = 0;
        int frames = 0, lumaFrames = 0;
        foreach (var line in text.Split('\n'))
        {
            if (Value(line, "lavfi.signalstats.SATAVG=") is { } s)
            {
                saturation += s;
                frames++;
            }
            else if (Value(line, "lavfi.signalstats.YAVG=") is { } y)
            {
                luma += y;
                lumaFrames++;
            }
        }

        Assert.True(frames > 0 && lumaFrames == frames, text);
        return (saturation / frames, luma / frames);
    }

    /// <summary>The mean colour of a 16×16 patch at the centre of the first frame, as a player shows it (sRGB 8-bit).</summary>
    public static async Task<(int R, int G, int B)> CentreRgbAsync(string path)
    {
        var rgb = await Tool.RunBytesAsync("ffmpeg", [
            "-v", "error", "-i", path, "-frames:v", "1",
            "-vf", "crop=16:16:(iw-16)/2:(ih-16)/2,scale=16:16:in_color_matrix=auto:flags=neighbor,format=rgb24", "-f", "rawvideo", "pipe:1"]);
        Assert.Equal(16 * 16 * 3, rgb.Length);
        long r = 0, g = 0, b = 0;
        for (var i = 0; i < rgb.Length; i += 3)
        {
            r += rgb[i];
            g += rgb[i + 1];
            b += rgb[i + 2];
        }

        return ((int)Math.Round(r / 256.0), (int)Math.Round(g / 256.0), (int)Math.Round(b / 256.0));
    }

    /// <summary>SSIM (all planes) between the same source through two filter chains (each ending in a comma).</summary>
    public static async Task<double> SsimAsync(string source, string chainA, string chainB)
    {
        var result = await Tool.RunRawAsync("ffmpeg", [
            "-v", "info", "-nostats", "-i", source, "-i", source,
            "-filter_complex", $"[0:v]{chainA}null[a];[1:v]{chainB}null[b];[a][b]ssim", "-f", "null", "-"], null);
        var log = System.Text.Encoding.UTF8.GetString(result.Stderr);
        Assert.True(result.ExitCode == 0, log);
        var at = log.LastIndexOf(" All:", StringComparison.Ordinal);
        Assert.True(at >= 0, log);
        var number = log[(at + 5)..].Split(' ', 2)[0];
        return double.Parse(number, CultureInfo.InvariantCulture);
    }

    private static double? Value(string line, string key)
    {
        var at = line.IndexOf(key, StringComparison.Ordinal);
        return at >= 0 && double.TryParse(line[(at + key.Length)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}

/// <summary>
/// The colour test inputs, made at test time: SMPTE HD bars (1280×720, 2 s) in SDR BT.709, converted with zscale into
/// HLG (reference white at 203 cd/m², BT.2408) and PQ and encoded as phones do (HEVC Main10 with libx265); an HLG
/// gradient; one saturated red (192, 32, 64) as BT.601 SD video, tagged and untagged, and as BT.709 HD video.
/// </summary>
public sealed class ColourSamples : IAsyncLifetime
{
    public static readonly (int R, int G, int B) SdColour = (192, 32, 64);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"colour samples it's 100% {Guid.NewGuid():N}");

    public string SdrBars => File("bars sdr.mp4");
    public string HlgBars => File("bars hlg.mov");
    public string PqBars => File("bars pq.mp4");
    public string HlgGradient => File("gradient hlg.mov");
    public string Sd601Tagged => File("red 601 tagged.mp4");
    public string Sd601Untagged => File("red 601 untagged.mp4");
    public string Hd709 => File("red 709.mp4");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        Assert.Contains("libx265", await Tool.RunAsync("ffmpeg", ["-hide_banner", "-encoders"]), StringComparison.Ordinal);
        const string bars = "smptehdbars=size=1280x720:rate=30:duration=2";
        const string tone = "sine=frequency=440:sample_rate=48000:duration=2";
        string[] aac = ["-c:a", "aac", "-shortest"];

        await Ffmpeg(["-f", "lavfi", "-i", bars, "-f", "lavfi", "-i", tone, "-vf", "format=yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "10",
            "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv", .. aac, SdrBars]);

        // iPhone: HEVC Main10 in a QuickTime file, bt2020 / arib-std-b67 / bt2020nc, hvc1.
        await Ffmpeg(["-f", "lavfi", "-i", bars, "-f", "lavfi", "-i", tone, "-vf", ToHdr("arib-std-b67"), .. Hevc("arib-std-b67", string.Empty), .. aac, "-f", "mov", HlgBars]);

        // Samsung HDR10: PQ with mastering display and light level metadata.
        await Ffmpeg(["-f", "lavfi", "-i", bars, "-f", "lavfi", "-i", tone, "-vf", ToHdr("smpte2084"),
            .. Hevc("smpte2084", ":hdr10=1:master-display=G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,1):max-cll=1000,400"), .. aac, PqBars]);

        await Ffmpeg(["-f", "lavfi", "-i", "gradients=size=1280x720:rate=30:duration=1:speed=0.05:nb_colors=4:c0=0xff2020:c1=0x20a0ff:c2=0xffe080:c3=0x104010",
            "-vf", "format=gbrp," + ToHdr("arib-std-b67").Replace("rin=tv", "rin=pc", StringComparison.Ordinal), .. Hevc("arib-std-b67", string.Empty), "-f", "mov", HlgGradient]);

        // One colour, encoded with the BT.601 matrix (what the tags say, or what players assume of untagged SD).
        var red = $"color=c=0x{SdColour.R:X2}{SdColour.G:X2}{SdColour.B:X2}:size=640x480:rate=30:duration=2,format=rgb24";
        string[] x264 = ["-c:v", "libx264", "-preset", "ultrafast", "-qp", "0"];
        await Ffmpeg(["-f", "lavfi", "-i", red, "-f", "lavfi", "-i", tone, "-vf", "scale=out_color_matrix=bt601:out_range=tv,format=yuv420p", .. x264,
            "-colorspace", "smpte170m", "-color_primaries", "smpte170m", "-color_trc", "smpte170m", .. aac, Sd601Tagged]);
        await Ffmpeg(["-f", "lavfi", "-i", red, "-f", "lavfi", "-i", tone, "-vf", "scale=out_color_matrix=bt601:out_range=tv,format=yuv420p", .. x264, .. aac, Sd601Untagged]);
        await Ffmpeg(["-f", "lavfi", "-i", red.Replace("640x480", "1280x720", StringComparison.Ordinal), "-f", "lavfi", "-i", tone,
            "-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p", .. x264,
            "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", .. aac, Hd709]);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    /// <summary>SDR BT.709 to HDR: SDR white at 203 cd/m² (BT.2408), BT.2020 primaries, 10-bit.</summary>
    private static string ToHdr(string transfer) =>
        $"zscale=tin=bt709:min=bt709:pin=bt709:rin=tv:t={transfer}:m=2020_ncl:p=2020:r=tv:npl=203,format=yuv420p10le";

    private static string[] Hevc(string transfer, string moreParams) =>
    [
        "-c:v", "libx265", "-preset", "ultrafast", "-profile:v", "main10", "-tag:v", "hvc1",
        "-x265-params", $"log-level=error:colorprim=bt2020:transfer={transfer}:colormatrix=bt2020nc{moreParams}",
        "-colorspace", "bt2020nc", "-color_primaries", "bt2020", "-color_trc", transfer, "-color_range", "tv",
    ];

    private string File(string name) => Path.Combine(Folder, name);

    private static Task<string> Ffmpeg(string[] arguments) =>
        Tool.RunAsync("ffmpeg", ["-nostdin", "-hide_banner", "-v", "error", "-y", .. arguments]);
}
