using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Media;

/// <summary>
/// The real phone files of tests/fixtures/phone (README there: sources, licence, what each is) and the checks every
/// output made from them must pass: the shape, the orientation compared with ffmpeg's or ImageMagick's own upright
/// decode, exactly one video and one audio stream, and nothing of the phone's metadata, in tags or in bytes.
/// </summary>
internal static partial class PhoneFiles
{
    public const string IphoneMov = "mov-with-gps.mov";
    public const string AndroidShortMp4 = "mp4-with-gps.mp4";
    public const string HeicGrid = "heic-IMG_1034.heic";
    public const string HeicPortrait = "heic-IMG_2927.HEIC";
    public const string ThreeGp = "3gp-sample.3gp";
    public const string ExtendedWebp = "webp-webpvp8x.webp";
    public const string Iphone4Jpeg = "jpg-Apple_iPhone_4.jpg";
    public const string GalaxyJpeg = "jpg-Samsung_GT-I9505_Galaxy_S4_.jpg";
    public const string DepthMapJpeg = "jpg-Android_Depth_Map.jpg";
    public const string FaceJpeg = "face-two-people.jpg";

    /// <summary>Longest edge of clip.mp4 under the "source shape" rule: scaled down to fit 1920×1920, never up.</summary>
    public const int ClipMaxEdge = 1920;

    /// <summary>
    /// Bytes of the sources' metadata (every one occurs in at least one fixture) that no output may carry: locations
    /// (ISO 6709 and the udta ©xyz box), QuickTime and Android keys, makes and models, EXIF/XMP/GPS, the depth map, dates.
    /// </summary>
    public static readonly string[] ForbiddenBytes =
    [
        "+32.0929", "+034.8620", "+51.4169", "-000.0806", "\u00A9xyz", "ISO6709", "com.apple.quicktime", "com.android",
        "Apple", "iPhone", "SAMSUNG", "GT-I9505", "Exif\0\0", "GPSLatitude", "exif:GPS", "GDepth", "GImage", "ExtendedXMP",
        "http://ns.adobe.com", "2019:07:24", "2019-07-24", "2017-02-22",
    ];

    public static string PathOf(string name) => Path.Combine(RepoPaths.Root, "tests", "fixtures", "phone", name);

    /// <summary>clip.mp4's size for an upright source: fit inside 1920×1920 without enlarging, both sides even.</summary>
    public static (int Width, int Height) ExpectedClipSize(int sourceWidth, int sourceHeight)
    {
        var scale = Math.Min(1.0, (double)ClipMaxEdge / Math.Max(sourceWidth, sourceHeight));
        static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2, MidpointRounding.AwayFromZero) * 2);
        return (Even(sourceWidth * scale), Even(sourceHeight * scale));
    }

    /// <summary>
    /// Where the sharp picture sits in an output frame and which centred part of the source it shows, as
    /// <see cref="Framing.Plan"/> frames it (the whole frame when the shapes are close, else the picture cropped by at
    /// most 20 % over the blurred fill). Both are shrunk by 2 % on each side so rounding never reaches the fill.
    /// </summary>
    public static ((int X, int Y, int Width, int Height) Region, (int Width, int Height) SourceCrop) PictureRegion(
        int frameWidth, int frameHeight, int sourceWidth, int sourceHeight)
    {
        var plan = Framing.Plan(sourceWidth, sourceHeight, frameWidth, frameHeight);
        var w = (int)(plan.PictureWidth * 0.96) & ~1;
        var h = (int)(plan.PictureHeight * 0.96) & ~1;
        return (((frameWidth - w) / 2, (frameHeight - h) / 2, w, h), ((int)(plan.CropWidth * 0.96), (int)(plan.CropHeight * 0.96)));
    }

    public static async Task<(int Width, int Height)> VideoSizeAsync(string path)
    {
        using var probe = await OutputAssert.ProbeAsync(path);
        var video = probe.RootElement.GetProperty("streams").EnumerateArray().First(s => s.GetProperty("codec_type").GetString() == "video");
        return (video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32());
    }

    /// <summary>
    /// SSIM (luma) of the picture in <paramref name="output"/> at <paramref name="outputSeconds"/> against the
    /// reference at <paramref name="referenceSeconds"/> scaled to the same size. The reference is decoded by ffmpeg with
    /// its default autorotation (the display matrix applied), optionally turned further by <paramref name="referenceTurn"/>
    /// (a control: a wrong orientation must score far lower).
    /// </summary>
    public static async Task<double> PictureSsimAsync(
        string output, double outputSeconds, string reference, double? referenceSeconds, int sourceWidth, int sourceHeight, string referenceTurn = "")
    {
        var (frameWidth, frameHeight) = await VideoSizeAsync(output);
        var ((x, y, w, h), (cropWidth, cropHeight)) = PictureRegion(frameWidth, frameHeight, sourceWidth, sourceHeight);
        var shrink = string.Create(CultureInfo.InvariantCulture, $"{cropWidth}:{cropHeight}");
        var turn = referenceTurn.Length == 0 ? string.Empty : referenceTurn + ",";

        // Compared at most 160 px on the long edge (area averaging): the question is which picture and which way up,
        // not how a 480 px JPEG at q3 renders carpet texture.
        var fit = Math.Min(1.0, 160.0 / Math.Max(w, h));
        var compare = string.Create(CultureInfo.InvariantCulture, $"{Math.Max(2, (int)(w * fit) & ~1)}:{Math.Max(2, (int)(h * fit) & ~1)}");
        List<string> args = ["-hide_banner", "-nostdin", "-v", "info"];
        if (outputSeconds > 0)
        {
            // Never "-ss 0": on a single JPEG it drops the only frame.
            args.AddRange(["-ss", Invariant(outputSeconds)]);
        }

        args.AddRange(["-i", output]);
        if (referenceSeconds is > 0 and { } at)
        {
            args.AddRange(["-ss", Invariant(at)]);
        }

        args.AddRange(["-i", reference]);
        args.AddRange([
            "-filter_complex",
            string.Create(CultureInfo.InvariantCulture,
                $"[0:v]trim=end_frame=1,setpts=0,settb=AVTB,crop={w}:{h}:{x}:{y},scale={compare}:flags=area,format=gray[a];" +
                $"[1:v]trim=end_frame=1,setpts=0,settb=AVTB,{turn}scale={sourceWidth}:{sourceHeight},setsar=1,crop={shrink},scale={compare}:flags=area,format=gray[b];[a][b]ssim"),
            "-an", "-frames:v", "1", "-f", "null", "-"]);
        var (code, _, stderr) = await Tool.RunRawAsync("ffmpeg", args, null);
        var text = Encoding.UTF8.GetString(stderr);
        Assert.True(code == 0, text);
        var match = SsimAll().Match(text);
        Assert.True(match.Success, text);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The source photo upright as ImageMagick's own tool decodes it (EXIF orientation and HEIF irot applied), as a PNG.</summary>
    public static async Task<string> UprightReferenceAsync(string photo, string folder)
    {
        var png = Path.Combine(folder, Path.GetFileNameWithoutExtension(photo) + " reference.png");
        await Tool.RunAsync("convert", [photo + "[0]", "-auto-orient", "-strip", png], TimeSpan.FromMinutes(2));
        return png;
    }

    /// <summary>Exactly two streams: one video, one audio (the MOV's two mebx metadata tracks are not carried over).</summary>
    public static async Task AssertOneVideoOneAudioAsync(string path)
    {
        using var probe = await OutputAssert.ProbeAsync(path);
        var types = probe.RootElement.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("codec_type").GetString()).Order().ToList();
        Assert.Equal(["audio", "video"], types);
    }

    /// <summary>No location/make/model/date tag (ffprobe) and none of the sources' metadata bytes.</summary>
    public static async Task AssertNothingOfThePhoneAsync(string path)
    {
        using (var probe = await OutputAssert.ProbeAsync(path))
        {
            OutputAssert.AssertNoMetadata(probe);
        }

        var text = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(path));
        foreach (var marker in ForbiddenBytes)
        {
            Assert.False(text.Contains(marker, StringComparison.Ordinal), $"{Path.GetFileName(path)} carries \"{marker}\"");
        }
    }

    /// <summary>One JPEG image and nothing else: SOI at the start, the only EOI at the end, no embedded second image.</summary>
    public static async Task AssertSingleJpegAsync(string path)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal([0xFF, 0xD8], bytes[..2]);
        Assert.Equal([0xFF, 0xD9], bytes[^2..]);
        var soi = 0;
        var eoi = 0;
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == 0xFF && bytes[i + 1] == 0xD8)
            {
                soi++;
            }
            else if (bytes[i] == 0xFF && bytes[i + 1] == 0xD9)
            {
                eoi++;
            }
        }

        Assert.Equal(1, soi);
        Assert.Equal(1, eoi);
    }

    /// <summary>Integrated loudness (EBU R128, LUFS) of the first audio stream, as ffmpeg's ebur128 measures it.</summary>
    public static async Task<double> IntegratedLoudnessAsync(string path)
    {
        var (code, _, stderr) = await Tool.RunRawAsync("ffmpeg", ["-hide_banner", "-nostdin", "-v", "info", "-i", path, "-map", "0:a:0", "-af", "ebur128", "-f", "null", "-"], null);
        var text = Encoding.UTF8.GetString(stderr);
        Assert.True(code == 0, text);
        var matches = Integrated().Matches(text);
        Assert.NotEmpty(matches);
        return double.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>One frame of a video as a PNG, to look at.</summary>
    public static async Task<string> FrameAsync(string video, double seconds, string png)
    {
        await Tool.RunAsync("ffmpeg", ["-v", "error", "-y", "-ss", Invariant(seconds), "-i", video, "-frames:v", "1", png]);
        return png;
    }

    /// <summary>Where frames are left for a person to look at (alongside the browser screenshots).</summary>
    public static string LookFolder
    {
        get
        {
            var folder = Path.Combine(Path.GetTempPath(), "shots", "phone");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    private static string Invariant(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"SSIM .*All:([0-9.]+)")]
    private static partial Regex SsimAll();

    [GeneratedRegex(@"I:\s+(-?[0-9.]+) LUFS")]
    private static partial Regex Integrated();
}
