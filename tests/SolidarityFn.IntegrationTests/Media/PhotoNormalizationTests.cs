using System.Diagnostics;
using ImageMagick;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Media;

[Collection(MediaCollection.Name)]
public sealed class PhotoNormalizationTests(MediaSamples samples) : IDisposable
{
    private readonly MediaHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_jpeg_with_gps_and_orientation_6_is_turned_upright_and_stripped()
    {
        using (var source = new MagickImage(samples.JpegWithGps))
        {
            // The sample really carries what must disappear.
            var exif = source.GetExifProfile();
            Assert.NotNull(exif);
            Assert.NotNull(exif.GetValue(ExifTag.GPSLatitude));
            Assert.Equal(MediaSamples.DeviceMake, exif.GetValue(ExifTag.Make)?.Value);
            Assert.Equal(ImageMagick.Orientation.RightTop, source.Orientation);
        }

        var run = await _harness.RunAsync(samples.JpegWithGps);

        Assert.Equal(new SourceInfo(MediaKind.Photo, 480, 640, 0, HadAudio: false), run.Ok.Source);
        Assert.False(run.Ok.Trimmed);
        await AssertOutputsAsync(run);
        await OutputAssert.NoBlackBarsAsync(run.Ok.PreviewPath, 640, 360);
        await OutputAssert.NoBlackBarsAsync(run.Ok.ThumbnailPath, 480, 270);
        _harness.AssertLogsHaveNoPaths();
    }

    [Fact]
    public async Task Png_is_accepted()
    {
        var run = await _harness.RunAsync(samples.Png);
        Assert.Equal(new SourceInfo(MediaKind.Photo, 800, 600, 0, HadAudio: false), run.Ok.Source);
        await AssertOutputsAsync(run);
    }

    [Fact]
    public async Task Webp_is_accepted()
    {
        var run = await _harness.RunAsync(samples.Webp);
        Assert.Equal(new SourceInfo(MediaKind.Photo, 1280, 720, 0, HadAudio: false), run.Ok.Source);
        await AssertOutputsAsync(run);
    }

    [Fact]
    public async Task Heic_from_a_phone_is_decoded_and_its_rotation_honoured()
    {
        Assert.True(samples.HasX265, "this ffmpeg has libx265, so the HEIC sample exists");
        var run = await _harness.RunAsync(samples.Heic);
        Assert.Equal(new SourceInfo(MediaKind.Photo, 480, 640, 0, HadAudio: false), run.Ok.Source);
        await AssertOutputsAsync(run);
    }

    [Fact]
    public async Task Avif_is_accepted_as_heif()
    {
        var run = await _harness.RunAsync(samples.Avif);
        Assert.Equal(new SourceInfo(MediaKind.Photo, 320, 240, 0, HadAudio: false), run.Ok.Source);
        await AssertOutputsAsync(run);
    }

    [Theory]
    [InlineData(1, 40_000_000)]
    [InlineData(49_999_999, 1)]
    [InlineData(21_000, 2_000)]
    [InlineData(6_000, 200)]
    public async Task A_thin_or_overlong_picture_is_refused_from_its_header_as_too_large(int width, int height)
    {
        // Tiny files (tens of kilobytes) whose area passes the 50 MP check: the 1×40,000,000 PNG held a decoder for minutes.
        // Decoding them would end in a timeout (a different reason), so too_large shows the header decided.
        var path = Path.Combine(_harness.WorkRoot, $"sliver {width}x{height}.png");
        MediaSamples.WriteHugePng(path, width, height);

        var run = await _harness.RunAsync(path);

        Assert.NotNull(run.Rejection);
        Assert.Equal(RejectionReasons.TooLarge, run.Rejection.Reason);
        Assert.Contains("too long or too thin", run.Rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_20000_by_20000_image_is_refused_quickly_without_decoding_it()
    {
        Assert.True(new FileInfo(samples.HugePng).Length < 2_000_000, "a small file that decodes to 400 megapixels");
        var managedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var peak = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ResidentBytes());
                await Task.Delay(5);
            }
        });
        var before = ResidentBytes();
        var watch = Stopwatch.StartNew();

        var run = await _harness.RunAsync(samples.HugePng);

        watch.Stop();
        await sampling.CancelAsync();
        await sampler;
        Assert.NotNull(run.Rejection);
        Assert.Equal(RejectionReasons.TooLarge, run.Rejection.Reason);
        Assert.Contains("20000×20000", run.Rejection.Message, StringComparison.Ordinal);
        Assert.Null(run.ThumbnailAt);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.True(peak - before < 100_000_000, $"resident memory grew by {(peak - before) / 1_000_000} MB");
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - managedBefore < 50_000_000);
    }

    private static long ResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    private static async Task AssertOutputsAsync(NormalizeRun run)
    {
        Assert.NotNull(run.ThumbnailAt);
        Assert.False(run.ClipFinishedAtThumbnail, "the thumbnail is handed over while the still clip is still encoding");
        Assert.Equal(MezzanineFormat.ClipSize(run.Ok.Source.Width, run.Ok.Source.Height), (run.Ok.ClipWidth, run.Ok.ClipHeight));
        await OutputAssert.MezzanineAsync(run.Ok.ClipPath, 4, run.Ok.ClipWidth, run.Ok.ClipHeight);
        await OutputAssert.PreviewAsync(run.Ok.PreviewPath, 4);
        await OutputAssert.ThumbnailAsync(run.Ok.ThumbnailPath);
    }
}
