using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using ImageMagick;

namespace SolidarityFn.IntegrationTests.Media;

[CollectionDefinition(Name)]
public sealed class MediaCollection : ICollectionFixture<MediaSamples>
{
    public const string Name = "Media";
}

/// <summary>
/// Every input the media tests use, generated once per run with ffmpeg lavfi sources (testsrc2, sine) and Magick.NET
/// into a temporary folder whose name has spaces, a quote and a percent sign. Nothing is downloaded. Inputs are short
/// and small where length and size do not matter.
/// </summary>
public sealed class MediaSamples : IAsyncLifetime
{
    /// <summary>Markers written into source metadata; no output may contain them.</summary>
    public const string DeviceMake = "SolidarityTestPhone";
    public const string DeviceModel = "Model-X-4497";
    public const string Location = "+44.9778-093.2650/";
    public const string LocationIso6709 = "+44.9778-093.2650+000.000/";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"media samples it's 100% {Guid.NewGuid():N}");

    public string Landscape1080 => File("landscape 1080p.mp4");
    public string VerticalRotated => File("vertical rotate90.mp4");
    public string FourByThree => File("four by three.mp4");
    public string Square => File("square.mp4");
    public string NoAudio => File("no audio.mp4");
    public string SixtyFps => File("sixty fps.mp4");
    public string VariableFrameRate => File("variable frame rate.mp4");
    public string Hevc => File("hevc.mp4");
    public string WebmVp9 => File("vp9.webm");
    public string WebmWithoutDuration => File("vp9 no duration.webm");
    public string Mov => File("quicktime.mov");
    public string MovWithoutFtyp => File("quicktime no ftyp.mov");
    public string ThirtySeconds => File("thirty seconds.mp4");
    public string ThreeTenthsOfASecond => File("point three.mp4");
    public string Truncated => File("truncated.mp4");
    public string TruncatedFaststart => File("truncated faststart.mp4");
    public string TextNamedMp4 => File("notes.mp4");
    public string WithLocation => File("with location.mp4");
    public string JpegWithGps => File("gps orientation6.jpg");
    public string Png => File("picture.png");
    public string Webp => File("picture.webp");
    public string Heic => File("phone.heic");
    public string Avif => File("picture.avif");
    public string HugePng => File("huge 20000.png");

    /// <summary>Whether this ffmpeg can encode HEVC (libx265) for the HEVC inputs.</summary>
    public bool HasX265 { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        HasX265 = (await Tool.RunAsync("ffmpeg", ["-hide_banner", "-encoders"])).Contains("libx265", StringComparison.Ordinal);

        var tone = "sine=frequency=440:sample_rate=48000:duration=";
        await Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30:duration=2", "-f", "lavfi", "-i", tone + "2", .. H264, .. Aac, Landscape1080]);

        var upright = File("vertical source.mp4");
        await Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=2", "-f", "lavfi", "-i", tone + "2", .. H264, .. Aac, upright]);
        // A phone's portrait video: landscape pixels plus a display matrix saying "turn a quarter" (ffmpeg 5.1 writes it from rotate).
        await Ffmpeg(["-i", upright, "-map", "0", "-c", "copy", "-metadata:s:v:0", "rotate=90", VerticalRotated]);

        await Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=640x480:rate=30:duration=2", "-f", "lavfi", "-i", tone + "2", .. H264, .. Aac, FourByThree]);
        await Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=480x480:rate=30:duration=2", "-f", "lavfi", "-i", tone + "2", .. H264, .. Aac, Square]);
        await Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=2", .. H264, NoAudio]);
        await Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=60:duration=2", "-f", "lavfi", "-i", tone + "2", .. H264, .. Aac, SixtyFps]);

        // Variable frame rate: 60 fps for a second, then two frames out of five, timestamps kept as they are.
        await Ffmpeg([
            "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=60:duration=2", "-f", "lavfi", "-i", tone + "2",
            "-vf", "select='lt(t\\,1)+lt(mod(n\\,5)\\,2)'", "-fps_mode", "vfr", .. H264, .. Aac, VariableFrameRate]);

        if (HasX265)
        {
            await Ffmpeg([
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=2", "-f", "lavfi", "-i", tone + "2",
                "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-tag:v", "hvc1", "-pix_fmt", "yuv420p", .. Aac, Hevc]);
        }

        await Ffmpeg([
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=2", "-f", "lavfi", "-i", tone + "2",
            "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus", "-shortest", WebmVp9]);

        // A browser's MediaRecorder writes WebM as a stream: no duration in the header. ffmpeg does the same to a pipe.
        var streamed = await Tool.RunBytesAsync("ffmpeg", [
            "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=2", "-f", "lavfi", "-i", tone + "2",
            "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus", "-shortest", "-f", "webm", "pipe:1"]);
        await System.IO.File.WriteAllBytesAsync(WebmWithoutDuration, streamed);

        await Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=2", "-f", "lavfi", "-i", tone + "2", .. H264, .. Aac, "-f", "mov", Mov]);
        // Old QuickTime layout: no ftyp. Turning the ftyp box into a free box keeps every offset valid.
        var mov = await System.IO.File.ReadAllBytesAsync(Mov);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(mov, 4, 4));
        Encoding.ASCII.GetBytes("free").CopyTo(mov, 4);
        await System.IO.File.WriteAllBytesAsync(MovWithoutFtyp, mov);

        await Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=30", "-f", "lavfi", "-i", tone + "30", .. H264, .. Aac, ThirtySeconds]);
        await Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=0.3", "-f", "lavfi", "-i", tone + "0.3", .. H264, .. Aac, ThreeTenthsOfASecond]);

        // Cut in half: once with the index at the end (lost), once with it in front (the media data is cut short).
        var whole = File("whole.mp4");
        var wholeFaststart = File("whole faststart.mp4");
        await Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=2", "-f", "lavfi", "-i", tone + "2", .. H264, .. Aac, whole]);
        await Ffmpeg(["-i", whole, "-c", "copy", "-movflags", "+faststart", wholeFaststart]);
        await CutInHalf(whole, Truncated);
        await CutInHalf(wholeFaststart, TruncatedFaststart);

        await System.IO.File.WriteAllTextAsync(TextNamedMp4, "Meeting notes: bring the banner, 5pm at the union hall.\n");

        // Where and with what it was filmed, as phones write it (QuickTime keys and the 3GPP/MP4 location tag).
        await Ffmpeg([
            "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=2", "-f", "lavfi", "-i", tone + "2", .. H264, .. Aac,
            "-metadata", "location=" + Location,
            "-metadata", "location-eng=" + Location,
            "-metadata", "com.apple.quicktime.location.ISO6709=" + LocationIso6709,
            "-metadata", "com.apple.quicktime.make=" + DeviceMake,
            "-metadata", "com.apple.quicktime.model=" + DeviceModel,
            "-metadata", "make=" + DeviceMake,
            "-metadata", "model=" + DeviceModel,
            "-metadata", "creation_time=2025-01-20T16:00:00Z",
            "-metadata:s:v:0", "handler_name=" + DeviceMake,
            "-movflags", "+use_metadata_tags",
            WithLocation]);

        WritePhotos();
        await WriteHeicAsync();
        WriteHugePng(HugePng, 20_000, 20_000);
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

    private static string[] H264 => ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"];

    private static string[] Aac => ["-c:a", "aac", "-shortest"];

    private string File(string name) => Path.Combine(Folder, name);

    private static Task<string> Ffmpeg(string[] arguments) =>
        Tool.RunAsync("ffmpeg", ["-nostdin", "-hide_banner", "-v", "error", "-y", .. arguments]);

    private static async Task CutInHalf(string source, string target)
    {
        var bytes = await System.IO.File.ReadAllBytesAsync(source);
        await System.IO.File.WriteAllBytesAsync(target, bytes[..(bytes.Length / 2)]);
    }

    private void WritePhotos()
    {
        // A 640×480 photo stored sideways, with EXIF orientation 6 ("turn right"), GPS and the phone's make and model.
        using (var jpeg = Picture(640, 480))
        {
            var exif = new ExifProfile();
            exif.SetValue(ExifTag.Make, DeviceMake);
            exif.SetValue(ExifTag.Model, DeviceModel);
            exif.SetValue(ExifTag.Orientation, (ushort)6);
            exif.SetValue(ExifTag.GPSLatitudeRef, "N");
            exif.SetValue(ExifTag.GPSLatitude, [new Rational(44, 1), new Rational(58, 1), new Rational(4008, 100)]);
            exif.SetValue(ExifTag.GPSLongitudeRef, "W");
            exif.SetValue(ExifTag.GPSLongitude, [new Rational(93, 1), new Rational(15, 1), new Rational(5400, 100)]);
            exif.SetValue(ExifTag.DateTimeOriginal, "2025:01:20 16:00:00");
            jpeg.SetProfile(exif);
            jpeg.Orientation = ImageMagick.Orientation.RightTop;
            jpeg.Format = MagickFormat.Jpeg;
            jpeg.Write(JpegWithGps);
        }

        using (var png = Picture(800, 600))
        {
            png.Format = MagickFormat.Png;
            png.Write(Png);
        }

        using (var webp = Picture(1280, 720))
        {
            webp.Format = MagickFormat.WebP;
            webp.Write(Webp);
        }

        using (var avif = Picture(320, 240))
        {
            avif.Format = MagickFormat.Avif;
            avif.Write(Avif);
        }
    }

    /// <summary>A picture with an asymmetric mark (top-left), so orientation mistakes would show.</summary>
    private static MagickImage Picture(uint width, uint height)
    {
        var image = new MagickImage(MagickColors.SteelBlue, width, height);
        new ImageMagick.Drawing.Drawables()
            .FillColor(MagickColors.Gold)
            .Rectangle(0, 0, width / 4.0, height / 4.0)
            .Draw(image);
        return image;
    }

    /// <summary>
    /// Magick.NET's libheif can read HEIC but has no HEVC encoder (writing HEIC fails with NoEncodeDelegateForThisImageFormat;
    /// only AVIF can be written). So: libx265 encodes one frame, and <see cref="HeifWriter"/> wraps it in a HEIF container
    /// the way phones do, with a 90° irot so the stored 640×480 picture is shown 480×640.
    /// </summary>
    private async Task WriteHeicAsync()
    {
        if (!HasX265)
        {
            return;
        }

        var hevc = await Tool.RunBytesAsync("ffmpeg", [
            "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=640x480:rate=1", "-frames:v", "1",
            "-c:v", "libx265", "-profile:v", "main", "-x265-params", "log-level=error", "-pix_fmt", "yuv420p", "-f", "hevc", "pipe:1"]);
        await System.IO.File.WriteAllBytesAsync(Heic, HeifWriter.FromHevcStill(hevc, 640, 480, rotationQuarterTurns: 1));
    }

    /// <summary>
    /// A real, valid PNG of width × height grey pixels, written row by row through zlib: a few hundred kilobytes on
    /// disk, gigabytes once decoded. Nothing big is ever held in memory here.
    /// </summary>
    public static void WriteHugePng(string path, int width, int height)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;   // bit depth
        ihdr[9] = 0;   // greyscale
        WriteChunk(file, "IHDR", ihdr);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[width + 1];   // filter byte 0, then a row of black
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        WriteChunk(file, "IDAT", compressed.ToArray());
        WriteChunk(file, "IEND", []);
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(header, 4);
        stream.Write(header);
        stream.Write(data);
        var crc = new System.IO.Hashing.Crc32();
        crc.Append(header.AsSpan(4));
        crc.Append(data);
        var crcBytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crcBytes, crc.GetCurrentHashAsUInt32());
        stream.Write(crcBytes);
    }
}

/// <summary>Runs a tool with an argument list (no shell) and fails the test run with its error output.</summary>
internal static class Tool
{
    public static async Task<string> RunAsync(string tool, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var (code, stdout, stderr) = await RunRawAsync(tool, arguments, timeout);
        if (code != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {code}: {Encoding.UTF8.GetString(stderr)}");
        }

        return Encoding.UTF8.GetString(stdout);
    }

    public static async Task<byte[]> RunBytesAsync(string tool, IEnumerable<string> arguments)
    {
        var (code, stdout, stderr) = await RunRawAsync(tool, arguments, null);
        if (code != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {code}: {Encoding.UTF8.GetString(stderr)}");
        }

        return stdout;
    }

    public static async Task<(int ExitCode, byte[] Stdout, byte[] Stderr)> RunRawAsync(string tool, IEnumerable<string> arguments, TimeSpan? timeout)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + tool);
        process.StandardInput.Close();
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var copyErr = process.StandardError.BaseStream.CopyToAsync(stderr);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish in time.");
        }

        await Task.WhenAll(copyOut, copyErr);
        return (process.ExitCode, stdout.ToArray(), stderr.ToArray());
    }
}
