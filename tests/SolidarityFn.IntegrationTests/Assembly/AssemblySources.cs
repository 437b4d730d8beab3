using System.Globalization;
using ImageMagick;
using SolidarityFn.IntegrationTests.Media;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>Source media for assembly tests, made on the spot with lavfi and Magick.NET (small and quick to encode).</summary>
internal static class AssemblySources
{
    /// <summary>A phone-like upload: test pattern of the given size and rate, with a tone or with no audio track at all.</summary>
    public static async Task<string> VideoAsync(string dir, string name, string size, int rate, double seconds, bool tone, params string[] extraOutputArgs)
    {
        var path = Path.Combine(dir, name);
        var duration = seconds.ToString(CultureInfo.InvariantCulture);
        var args = new List<string> { "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=size={size}:rate={rate}:duration={duration}" };
        if (tone)
        {
            args.AddRange(["-f", "lavfi", "-i", $"sine=frequency=523:sample_rate=44100:duration={duration}", "-c:a", "aac", "-ac", "2"]);
        }

        args.AddRange(["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", .. extraOutputArgs, path]);
        await Tool.RunAsync("ffmpeg", args);
        return path;
    }

    /// <summary>A PNG photo (no EXIF), landscape 4:3 with some detail.</summary>
    public static string Png(string dir, string name = "photo.png")
    {
        var path = Path.Combine(dir, name);
        using var image = new MagickImage("plasma:fractal", new MagickReadSettings { Width = 1200, Height = 900 });
        image.Write(path, MagickFormat.Png);
        return path;
    }

    /// <summary>A mezzanine clip as processing leaves it (1920×1080 30 fps, AAC 48 kHz stereo), flat colour so it encodes fast.</summary>
    public static async Task<string> MezzanineAsync(string dir, double seconds, string name = "clip.mp4")
    {
        var path = Path.Combine(dir, name);
        var duration = seconds.ToString(CultureInfo.InvariantCulture);
        await Tool.RunAsync("ffmpeg", [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"color=c=0x2a4d69:size=1920x1080:rate=30:duration={duration}",
            "-f", "lavfi", "-i", $"sine=frequency=330:sample_rate=48000:duration={duration}",
            "-map", "0:v", "-map", "1:a", "-t", duration,
            .. MezzanineFormat.OutputArguments("ultrafast", 23), path]);
        return path;
    }
}
