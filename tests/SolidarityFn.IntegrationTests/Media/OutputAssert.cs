using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ImageMagick;

namespace SolidarityFn.IntegrationTests.Media;

/// <summary>Checks outputs with ffprobe (run directly, not through the code under test) and by reading their bytes.</summary>
internal static class OutputAssert
{
    private static readonly HashSet<string> AllowedFormatTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "major_brand", "minor_version", "compatible_brands", "encoder",
    };

    private static readonly HashSet<string> AllowedStreamTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "language", "handler_name", "vendor_id", "encoder",
    };

    /// <summary>Strings of the source metadata that must not survive anywhere in an output file.</summary>
    private static readonly string[] SourceMarkers =
    [
        MediaSamples.DeviceMake, MediaSamples.DeviceModel, "44.9778", "093.2650", "ISO6709", "com.apple", "Exif\0\0", "2025:01:20", "2025-01-20",
    ];

    /// <summary>
    /// The mezzanine clip: <paramref name="width"/>×<paramref name="height"/> (the source's shape), 30 fps constant,
    /// H.264 High yuv420p, AAC-LC 48 kHz stereo, the expected length, no metadata.
    /// </summary>
    public static async Task MezzanineAsync(string clip, double expectedSeconds, int width, int height)
    {
        using var probe = await ProbeAsync(clip);
        var streams = probe.RootElement.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(2, streams.Count);

        var video = Assert.Single(streams, s => s.GetProperty("codec_type").GetString() == "video");
        Assert.Equal("h264", video.GetProperty("codec_name").GetString());
        Assert.Equal("High", video.GetProperty("profile").GetString());
        Assert.Equal("yuv420p", video.GetProperty("pix_fmt").GetString());
        Assert.Equal(width, video.GetProperty("width").GetInt32());
        Assert.Equal(height, video.GetProperty("height").GetInt32());
        Assert.Equal("30/1", video.GetProperty("r_frame_rate").GetString());
        Assert.Equal("30/1", video.GetProperty("avg_frame_rate").GetString());
        Assert.Equal("1:1", video.GetProperty("sample_aspect_ratio").GetString());
        Assert.False(video.TryGetProperty("side_data_list", out _), "no display matrix: the picture is already upright");
        var frames = int.Parse(video.GetProperty("nb_frames").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(frames, (int)Math.Round(expectedSeconds * 30) - 1, (int)Math.Round(expectedSeconds * 30) + 1);

        var audio = Assert.Single(streams, s => s.GetProperty("codec_type").GetString() == "audio");
        Assert.Equal("aac", audio.GetProperty("codec_name").GetString());
        Assert.Equal("LC", audio.GetProperty("profile").GetString());
        Assert.Equal("48000", audio.GetProperty("sample_rate").GetString());
        Assert.Equal(2, audio.GetProperty("channels").GetInt32());

        Assert.InRange(Seconds(probe.RootElement.GetProperty("format")), expectedSeconds - 0.1, expectedSeconds + 0.1);
        Assert.InRange(Seconds(video), expectedSeconds - 0.1, expectedSeconds + 0.1);
        Assert.InRange(Seconds(audio), expectedSeconds - 0.1, expectedSeconds + 0.1);
        AssertNoMetadata(probe);
        await AssertNoSourceBytesAsync(clip);
        await AssertFaststartAsync(clip);
    }

    public static async Task PreviewAsync(string preview, double expectedSeconds)
    {
        using var probe = await ProbeAsync(preview);
        var streams = probe.RootElement.GetProperty("streams").EnumerateArray().ToList();
        var video = Assert.Single(streams, s => s.GetProperty("codec_type").GetString() == "video");
        Assert.Equal("h264", video.GetProperty("codec_name").GetString());
        Assert.Equal(640, video.GetProperty("width").GetInt32());
        Assert.Equal(360, video.GetProperty("height").GetInt32());
        var audio = Assert.Single(streams, s => s.GetProperty("codec_type").GetString() == "audio");
        Assert.Equal("aac", audio.GetProperty("codec_name").GetString());
        Assert.InRange(Seconds(probe.RootElement.GetProperty("format")), expectedSeconds - 0.1, Math.Min(expectedSeconds, 6) + 0.1);
        Assert.True(new FileInfo(preview).Length < 1_000_000, "the preview is small");
        AssertNoMetadata(probe);
        await AssertNoSourceBytesAsync(preview);
        await AssertFaststartAsync(preview);
    }

    /// <summary>thumb.jpg: a 480 px wide JPEG with no EXIF (nor any other profile) and no source metadata.</summary>
    public static async Task ThumbnailAsync(string thumbnail)
    {
        using var probe = await ProbeAsync(thumbnail);
        var stream = Assert.Single(probe.RootElement.GetProperty("streams").EnumerateArray());
        Assert.Equal("mjpeg", stream.GetProperty("codec_name").GetString());
        Assert.Equal(480, stream.GetProperty("width").GetInt32());
        Assert.Equal(270, stream.GetProperty("height").GetInt32());
        AssertNoMetadata(probe);

        var bytes = await File.ReadAllBytesAsync(thumbnail);
        Assert.Equal([0xFF, 0xD8, 0xFF], bytes[..3]);
        using var image = new MagickImage(bytes);
        Assert.Equal(MagickFormat.Jpeg, image.Format);
        Assert.Null(image.GetExifProfile());
        Assert.Null(image.GetXmpProfile());
        Assert.Null(image.GetIptcProfile());
        Assert.Empty(image.ProfileNames);
        await AssertNoSourceBytesAsync(thumbnail);
    }

    /// <summary>
    /// Every edge of a <paramref name="width"/>×<paramref name="height"/> frame (video or image) carries picture or the
    /// blurred fill, not black bars.
    /// </summary>
    public static async Task NoBlackBarsAsync(string path, int width, int height)
    {
        var gray = await Tool.RunBytesAsync("ffmpeg", [
            "-v", "error", "-i", path, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"]);
        Assert.Equal(width * height, gray.Length);
        double Mean(int fromX, int toX, int fromY, int toY)
        {
            long sum = 0;
            for (var y = fromY; y < toY; y++)
            {
                for (var x = fromX; x < toX; x++)
                {
                    sum += gray[(y * width) + x];
                }
            }

            return (double)sum / ((toX - fromX) * (toY - fromY));
        }

        // Black in limited range is 16. Every edge strip (a fiftieth of the size) carries picture.
        var band = Math.Max(2, Math.Min(width, height) / 50);
        Assert.True(Mean(0, band, 0, height) > 30, "left edge is not black");
        Assert.True(Mean(width - band, width, 0, height) > 30, "right edge is not black");
        Assert.True(Mean(0, width, 0, band) > 30, "top edge is not black");
        Assert.True(Mean(0, width, height - band, height) > 30, "bottom edge is not black");
    }

    /// <summary>SSIM ("All") of two pictures after the same <paramref name="crop"/> filter, as ffmpeg's ssim filter measures it.</summary>
    public static async Task<double> SsimAsync(string a, string b, string crop)
    {
        var (code, _, stderr) = await Tool.RunRawAsync(
            "ffmpeg",
            ["-v", "info", "-nostdin", "-i", a, "-i", b, "-lavfi", $"[0:v]{crop},format=yuv420p[a];[1:v]{crop},format=yuv420p[b];[a][b]ssim", "-f", "null", "-"],
            TimeSpan.FromMinutes(1));
        var text = Encoding.UTF8.GetString(stderr);
        Assert.True(code == 0, text);
        var match = System.Text.RegularExpressions.Regex.Match(text, @"SSIM .*All:([0-9.]+)");
        Assert.True(match.Success, text);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public static async Task<JsonDocument> ProbeAsync(string path)
    {
        var json = await Tool.RunAsync("ffprobe", ["-v", "error", "-show_format", "-show_streams", "-of", "json", path]);
        return JsonDocument.Parse(json);
    }

    public static void AssertNoMetadata(JsonDocument probe)
    {
        if (probe.RootElement.GetProperty("format").TryGetProperty("tags", out var formatTags))
        {
            foreach (var tag in formatTags.EnumerateObject())
            {
                Assert.Contains(tag.Name, AllowedFormatTags);
            }
        }

        foreach (var stream in probe.RootElement.GetProperty("streams").EnumerateArray())
        {
            if (stream.TryGetProperty("tags", out var tags))
            {
                foreach (var tag in tags.EnumerateObject())
                {
                    Assert.Contains(tag.Name, AllowedStreamTags);
                    if (tag.Name == "handler_name")
                    {
                        Assert.Contains(tag.Value.GetString(), new[] { "VideoHandler", "SoundHandler" });
                    }
                }
            }
        }

        var tagText = new StringBuilder();
        foreach (var element in probe.RootElement.GetProperty("streams").EnumerateArray().Append(probe.RootElement.GetProperty("format")))
        {
            if (element.TryGetProperty("tags", out var tags))
            {
                tagText.Append(tags.GetRawText());
            }
        }

        foreach (var forbidden in new[] { "location", "make", "model", "creation_time", "com.apple", "date", "gps", MediaSamples.DeviceMake })
        {
            Assert.DoesNotContain(forbidden, tagText.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    public static async Task AssertNoSourceBytesAsync(string path)
    {
        var text = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(path));
        foreach (var marker in SourceMarkers)
        {
            Assert.DoesNotContain(marker, text, StringComparison.Ordinal);
        }
    }

    /// <summary>+faststart: the movie box comes before the media data, so playback starts before the download ends.</summary>
    public static async Task AssertFaststartAsync(string path)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        var order = new List<string>();
        long offset = 0;
        while (offset + 8 <= bytes.Length)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)offset));
            order.Add(Encoding.ASCII.GetString(bytes, (int)offset + 4, 4));
            if (size < 8)
            {
                break;
            }

            offset += size;
        }

        Assert.True(order.IndexOf("moov") >= 0 && order.IndexOf("moov") < order.IndexOf("mdat"), string.Join(",", order));
    }

    private static double Seconds(JsonElement element) =>
        double.Parse(element.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
}
