using System.Diagnostics;
using System.Net;
using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Protection;

/// <summary>The public-domain photo of two people (tests/fixtures/phone, Immich test assets) and what ffmpeg measures on it.</summary>
internal static partial class ProtectionMedia
{
    /// <summary>An upload through the real intake asking for protection, its file put through the SAS link (not waited for).</summary>
    public static async Task<UploadApi.Ticket> UploadProtectedAsync(HttpClient contributor, string campaign, string path, string contentType, bool faces, bool voice)
    {
        var body = UploadApi.ValidBody(new FileInfo(path).Length);
        body["fileName"] = Path.GetFileName(path);
        body["contentType"] = contentType;
        body["protect"] = new { faces, voice };
        using var response = await UploadApi.PostAsync(contributor, body, campaign);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var ticket = await UploadApi.TicketAsync(response);
        await new BlobClient(ticket.UploadUrl).UploadAsync(path);
        return ticket;
    }

    public static string Photo => Path.Combine(RepoPaths.Root, "tests", "fixtures", "phone", "face-two-people.jpg");

    /// <summary>The frontal face (left) and the bearded profile (right), as fractions of the 840×700 photo, drawn by hand.</summary>
    public static readonly (double X, double Y, double W, double H) FrontalFace = (0.30, 0.20, 0.14, 0.19);

    public static readonly (double X, double Y, double W, double H) ProfileFace = (0.63, 0.10, 0.15, 0.27);

    public const int PhotoWidth = 840;

    public const int PhotoHeight = 700;

    /// <summary>The photo as a 5 s clip with a loud 440 Hz tone for the voice.</summary>
    public static async Task<string> FiveSecondClipAsync(string dir)
    {
        var path = Path.Combine(dir, "two-people.mp4");
        await TestMedia.RunAsync("ffmpeg", [
            "-nostdin", "-y", "-hide_banner", "-loglevel", "error",
            "-loop", "1", "-framerate", "30", "-i", Photo,
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=5",
            "-t", "5", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", path]);
        return path;
    }

    /// <summary>SSIM ("All") of the same box in two videos of one size, over frames from <paramref name="from"/> for 1 s.</summary>
    public static async Task<double> SsimAsync(string a, string b, (int X, int Y, int W, int H) box, double from)
    {
        var crop = string.Create(CultureInfo.InvariantCulture, $"crop={box.W}:{box.H}:{box.X}:{box.Y}");
        var ss = from.ToString(CultureInfo.InvariantCulture);
        var stderr = await RunAsync("ffmpeg", [
            "-nostdin", "-hide_banner", "-ss", ss, "-t", "1", "-i", a, "-ss", ss, "-t", "1", "-i", b,
            "-filter_complex", $"[0:v]{crop}[a];[1:v]{crop}[b];[a][b]ssim", "-f", "null", "-"]);
        var match = SsimAll().Match(stderr);
        Assert.True(match.Success, stderr);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The mean level of a file's sound in dB (volumedetect), whole or from <paramref name="from"/> for <paramref name="seconds"/>; -91 is digital silence.</summary>
    public static async Task<double> MeanVolumeAsync(string path, double? from = null, double? seconds = null)
    {
        string[] span = from is { } f && seconds is { } s
            ? ["-ss", f.ToString(CultureInfo.InvariantCulture), "-t", s.ToString(CultureInfo.InvariantCulture)]
            : [];
        var stderr = await RunAsync("ffmpeg", ["-nostdin", "-hide_banner", .. span, "-i", path, "-map", "0:a:0", "-af", "volumedetect", "-f", "null", "-"]);
        var match = MeanVolume().Match(stderr);
        Assert.True(match.Success, stderr);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The start and end (seconds) of the first WebVTT cue whose text contains <paramref name="text"/>.</summary>
    public static (double Start, double End) CueSpan(string vtt, string text)
    {
        var blocks = vtt.Replace("\r", "", StringComparison.Ordinal).Split("\n\n");
        var cue = blocks.First(b => b.Contains("-->", StringComparison.Ordinal) && b.Contains(text, StringComparison.Ordinal));
        var times = CueTimes().Match(cue);
        Assert.True(times.Success, cue);
        return (TimeSpan.Parse(times.Groups[1].Value, CultureInfo.InvariantCulture).TotalSeconds, TimeSpan.Parse(times.Groups[2].Value, CultureInfo.InvariantCulture).TotalSeconds);
    }

    /// <summary>A box given as fractions of the photo, in the pixels of an output frame framed by <paramref name="plan"/> (centred crop, then scale, centred).</summary>
    public static (int X, int Y, int W, int H) MapToFrame((double X, double Y, double W, double H) box, FramingPlan plan)
    {
        var cropX = (plan.SourceWidth - plan.CropWidth) / 2.0;
        var cropY = (plan.SourceHeight - plan.CropHeight) / 2.0;
        var sx = (double)plan.PictureWidth / plan.CropWidth;
        var sy = (double)plan.PictureHeight / plan.CropHeight;
        var ox = (plan.FrameWidth - plan.PictureWidth) / 2.0;
        var oy = (plan.FrameHeight - plan.PictureHeight) / 2.0;
        var x = Math.Max(0, ox + (((box.X * plan.SourceWidth) - cropX) * sx));
        var y = Math.Max(0, oy + (((box.Y * plan.SourceHeight) - cropY) * sy));
        var w = Math.Min(plan.FrameWidth - x, box.W * plan.SourceWidth * sx);
        var h = Math.Min(plan.FrameHeight - y, box.H * plan.SourceHeight * sy);
        return ((int)x & ~1, (int)y & ~1, (int)w & ~1, (int)h & ~1);
    }

    /// <summary>
    /// One frame of the unmasked clip framed as the assembly frames it (the plan's centred crop, scaled to the picture
    /// size and centred in the frame; black where the assembly shows the blurred fill, which no measured box touches).
    /// </summary>
    public static async Task FramedReferenceAsync(string clip, double at, FramingPlan plan, string png)
    {
        var filter = string.Create(
            CultureInfo.InvariantCulture,
            $"crop={plan.CropWidth}:{plan.CropHeight},scale={plan.PictureWidth}:{plan.PictureHeight},setsar=1,pad={plan.FrameWidth}:{plan.FrameHeight}:(ow-iw)/2:(oh-ih)/2");
        await TestMedia.RunAsync("ffmpeg", ["-nostdin", "-y", "-hide_banner", "-loglevel", "error", "-ss", at.ToString(CultureInfo.InvariantCulture), "-i", clip, "-frames:v", "1", "-vf", filter, png]);
    }

    /// <summary>SSIM ("All") of the same box in two still images of one size.</summary>
    public static async Task<double> ImageSsimAsync(string a, string b, (int X, int Y, int W, int H) box)
    {
        var crop = string.Create(CultureInfo.InvariantCulture, $"crop={box.W}:{box.H}:{box.X}:{box.Y}");
        var stderr = await RunAsync("ffmpeg", [
            "-nostdin", "-hide_banner", "-i", a, "-i", b,
            "-filter_complex", $"[0:v]{crop},format=yuv420p[a];[1:v]{crop},format=yuv420p[b];[a][b]ssim", "-f", "null", "-"]);
        var match = SsimAll().Match(stderr);
        Assert.True(match.Success, stderr);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public static async Task ExtractFrameAsync(string video, double at, string png)
    {
        await TestMedia.RunAsync("ffmpeg", ["-nostdin", "-y", "-hide_banner", "-loglevel", "error", "-ss", at.ToString(CultureInfo.InvariantCulture), "-i", video, "-frames:v", "1", png]);
    }

    private static async Task<string> RunAsync(string tool, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, stderr);
        return stderr;
    }

    [GeneratedRegex(@"(\d+:\d\d:\d\d\.\d+) --> (\d+:\d\d:\d\d\.\d+)")]
    private static partial Regex CueTimes();

    [GeneratedRegex(@"All:([0-9.]+)")]
    private static partial Regex SsimAll();

    [GeneratedRegex(@"mean_volume: (-?[0-9.]+) dB")]
    private static partial Regex MeanVolume();
}
