using System.Globalization;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using SolidarityFn.IntegrationTests.Media;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>
/// What each output format really shows of a source, measured on the picture: a still test pattern at the source's
/// shape, made into a 6 s phone-like video, goes through the real normaliser (clip.mp4 at the source's shape) and the
/// real segment renderer with a caption; a frame from the middle of the segment is compared by SSIM with the pattern
/// scaled to the frame, over the top 60 % (above the lower third). A sliver of the pattern over a blurred fill, which is
/// what a vertical clip used to become in the vertical video, scores far below the threshold.
/// </summary>
/// <remarks>Set SOLIDARITY_KEEP_FRAMES to a folder to keep the frames and patterns for looking at.</remarks>
public sealed class FramingPictureTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Issue 11's threshold for a source framed in the format of its own shape.</summary>
    private const double MatchingShapeSsim = 0.85;

    private readonly MediaHarness _harness = new(o => o.X264Preset = "veryfast");
    private readonly ServiceProvider _services = Services();
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"framing it's {Guid.NewGuid():N}")).FullName;

    public void Dispose()
    {
        _services.Dispose();
        _harness.Dispose();
        var keep = Environment.GetEnvironmentVariable("SOLIDARITY_KEEP_FRAMES");
        if (!string.IsNullOrEmpty(keep))
        {
            Directory.CreateDirectory(keep);
            foreach (var png in Directory.EnumerateFiles(_folder, "*.png"))
            {
                File.Copy(png, Path.Combine(keep, Path.GetFileName(png)), overwrite: true);
            }
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Theory]
    [InlineData(1080, 1920, "vertical")]
    [InlineData(1920, 1080, "landscape")]
    [InlineData(1080, 1080, "square")]
    public async Task A_source_in_the_format_of_its_own_shape_shows_the_whole_picture(int width, int height, string formatName)
    {
        Assert.True(AssemblyFormats.TryParse(formatName, out var format));
        var (pattern, frame) = await RenderAsync(width, height, format);

        var ssim = await TopSsimAsync(frame, pattern, format);
        output.WriteLine($"{width}x{height} in {formatName}: SSIM {ssim:0.0000}");
        Assert.True(ssim >= MatchingShapeSsim, $"{width}x{height} in {formatName}: SSIM {ssim:0.000} over the top 60 %");

        // The measure can tell a wrong picture: the same frame against the mirrored pattern scores far lower.
        var mirrored = Path.Combine(_folder, $"{width}x{height}-{formatName}-mirrored.png");
        await Tool.RunAsync("ffmpeg", ["-v", "error", "-y", "-i", pattern, "-vf", "hflip", mirrored]);
        var wrong = await TopSsimAsync(frame, mirrored, format);
        output.WriteLine($"against the mirrored pattern: SSIM {wrong:0.0000}");
        Assert.True(wrong < 0.7, $"SSIM against the mirrored pattern {wrong:0.000}");
    }

    [Theory]
    [InlineData(1080, 1920, "landscape")]
    [InlineData(1080, 1920, "square")]
    [InlineData(1920, 1080, "vertical")]
    public async Task A_clip_of_another_shape_shows_its_centre_80_percent_whole_over_its_own_blur(int width, int height, string formatName)
    {
        Assert.True(AssemblyFormats.TryParse(formatName, out var format));
        var (pattern, frame) = await RenderAsync(width, height, format);

        // No black bars: the sides are the blurred fill.
        await OutputAssert.NoBlackBarsAsync(frame, format.Width, format.Height);

        // The sharp picture in the middle is the pattern's centre (at most a fifth cropped), at the plan's size.
        var plan = Framing.Plan(width, height, format.Width, format.Height);
        Assert.Equal(FramingMode.OverBlur, plan.Mode);
        var x = (format.Width - plan.PictureWidth) / 2;
        var y = (format.Height - plan.PictureHeight) / 2;
        var picture = Path.Combine(_folder, $"{width}x{height}-{formatName}-picture.png");
        await Tool.RunAsync("ffmpeg", ["-v", "error", "-y", "-i", frame, "-vf", $"crop={plan.PictureWidth}:{plan.PictureHeight}:{x}:{y}", picture]);
        var expected = Path.Combine(_folder, $"{width}x{height}-{formatName}-expected.png");
        await Tool.RunAsync("ffmpeg", [
            "-v", "error", "-y", "-i", pattern,
            "-vf", $"crop={plan.CropWidth}:{plan.CropHeight},scale={plan.PictureWidth}:{plan.PictureHeight}", expected]);

        // Above the lower third only: the caption is drawn over the bottom of the frame.
        var above = Math.Min(plan.PictureHeight, (int)(format.Height * 0.6) - y) & ~1;
        var ssim = await OutputAssert.SsimAsync(picture, expected, $"crop={plan.PictureWidth}:{above}:0:0");
        output.WriteLine($"{width}x{height} in {formatName}: {plan.Describe()}, picture SSIM {ssim:0.0000}, coverage {plan.Coverage:0.000}");
        Assert.True(ssim >= MatchingShapeSsim, $"picture SSIM {ssim:0.000}");
    }

    /// <summary>
    /// Makes the pattern (a still frame of testsrc2 at the source size), a 6 s H.264 + AAC file from it, normalises it,
    /// renders the clip's segment in <paramref name="format"/> with a caption, and returns the pattern and the middle frame.
    /// </summary>
    private async Task<(string Pattern, string Frame)> RenderAsync(int width, int height, AssemblyFormat format)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{width}x{height}-{format.Name}");
        var pattern = Path.Combine(_folder, name + "-pattern.png");
        await Tool.RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate=1", "-frames:v", "1", pattern]);
        var source = Path.Combine(_folder, name + "-source.mp4");
        await Tool.RunAsync("ffmpeg", [
            "-v", "error", "-y", "-loop", "1", "-framerate", "30", "-i", pattern,
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", "6", "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-shortest", source]);

        var run = await _harness.RunAsync(source);
        var clip = run.Ok;
        Assert.Equal(MezzanineFormat.ClipSize(width, height), (clip.ClipWidth, clip.ClipHeight));

        var renderer = _services.GetRequiredService<SegmentRenderer>();
        var entry = AssemblyPlanner.Plan(
            [new AssemblyClip("s", 6, 0, null, "Toronto teachers support Minnesota workers", "OSSTF", "Education", "Toronto")],
            new AssemblyCards("T", string.Empty, string.Empty, "Thanks"),
            new AssemblySettings()).Entries[1];
        var segment = Path.Combine(_folder, name + "-segment.mp4");
        await renderer.RenderAsync(entry, format, clip.ClipPath, new ClipShape(clip.ClipWidth, clip.ClipHeight), _folder, segment, CancellationToken.None);

        var frame = Path.Combine(_folder, name + "-frame.png");
        await Tool.RunAsync("ffmpeg", ["-v", "error", "-y", "-ss", "3", "-i", segment, "-frames:v", "1", frame]);
        return (pattern, frame);
    }

    /// <summary>SSIM of the frame and the pattern scaled to the frame, over the top 60 % of the frame.</summary>
    private async Task<double> TopSsimAsync(string frame, string pattern, AssemblyFormat format)
    {
        var scaled = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".png");
        await Tool.RunAsync("ffmpeg", ["-v", "error", "-y", "-i", pattern, "-vf", $"scale={format.Width}:{format.Height}", scaled]);
        var top = (int)(format.Height * 0.6) & ~1;
        return await OutputAssert.SsimAsync(frame, scaled, $"crop={format.Width}:{top}:0:0");
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning));
        services.AddOptions<MediaOptions>().Configure(o => o.X264Preset = "veryfast");
        services.AddAssemblyRendering();
        return services.BuildServiceProvider();
    }
}
