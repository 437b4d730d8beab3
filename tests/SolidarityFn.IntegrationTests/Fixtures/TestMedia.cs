using System.Diagnostics;
using ImageMagick;

namespace SolidarityFn.IntegrationTests.Fixtures;

/// <summary>Small media made on the spot with ffmpeg's lavfi sources and Magick.NET; nothing is downloaded.</summary>
internal static class TestMedia
{
    public static async Task<string> VideoAsync(string dir, string size, double seconds, bool audio, string name = "clip.mp4")
    {
        var path = Path.Combine(dir, name);
        var args = new List<string> { "-nostdin", "-y", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", $"testsrc2=size={size}:rate=30:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}" };
        if (audio)
        {
            args.AddRange(["-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}"]);
        }

        args.AddRange(["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]);
        if (audio)
        {
            args.AddRange(["-c:a", "aac"]);
        }

        args.Add(path);
        await RunAsync("ffmpeg", args);
        return path;
    }

    /// <summary>A phone-like JPEG: GPS position, camera make and model, EXIF orientation 6.</summary>
    public static string JpegWithGps(string dir, string name = "photo.jpg")
    {
        var path = Path.Combine(dir, name);
        using var image = new MagickImage(MagickColors.SteelBlue, 800, 600);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, "Apple");
        exif.SetValue(ExifTag.Model, "iPhone 15");
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(44, 1), new Rational(58, 1), new Rational(0, 1)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "W");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(93, 1), new Rational(16, 1), new Rational(0, 1)]);
        exif.SetValue(ExifTag.Orientation, (ushort)6);
        image.SetProfile(exif);
        image.Write(path, MagickFormat.Jpeg);
        return path;
    }

    public static async Task RunAsync(string tool, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {stderr}");
        }
    }
}
