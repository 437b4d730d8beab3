using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Xml;
using SkiaSharp;
using Svg.Skia;

namespace SolidarityFn.Pipeline.Branding;

/// <summary>What an uploaded logo is, by its bytes (never its declared type).</summary>
public enum LogoKind
{
    Png,
    Jpeg,
    Svg,
}

/// <summary>The limits of a campaign logo upload (issue 16).</summary>
public static class LogoLimits
{
    public const long MaxBytes = 2 * 1024 * 1024;

    /// <summary>Widest or tallest raster accepted, read from the header before any pixel is decoded (decompression bombs).</summary>
    public const int MaxSide = 4096;

    /// <summary>
    /// The stored PNG is at most this tall and <see cref="MaxStoredWidth"/> wide: a card draws it ~150 px tall, so more is
    /// only weight. An SVG is rasterised to this size.
    /// </summary>
    public const int MaxStoredHeight = 512;

    public const int MaxStoredWidth = 2048;
}

/// <summary>A logo ready to store: PNG bytes with no metadata, and its size.</summary>
public sealed record NormalizedLogo(byte[] Png, int Width, int Height);

/// <summary>Why a logo was refused: <see cref="TooLarge"/> maps to 413, anything else to 415.</summary>
public sealed record LogoRefusal(bool TooLarge, string Message);

/// <summary>
/// Recognises a logo by its bytes (PNG or JPEG signature, or an XML document whose root is &lt;svg&gt;), checks its pixel
/// size from the header, decodes it to sRGB and re-encodes it as a PNG that keeps only the picture (<see cref="PngChunks"/>):
/// no EXIF, XMP, text or time chunk survives. An SVG is refused when it could make the rasteriser fetch or run anything
/// (<see cref="SvgSafety"/>), then rasterised with Svg.Skia.
/// </summary>
public static class LogoImage
{
    public static LogoKind? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return LogoKind.Png;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return LogoKind.Jpeg;
        }

        return SvgSafety.RootIsSvg(bytes) ? LogoKind.Svg : null;
    }

    /// <summary>The stored PNG of <paramref name="bytes"/>, or why it is refused.</summary>
    public static (NormalizedLogo? Logo, LogoRefusal? Refusal) Normalize(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.LongLength > LogoLimits.MaxBytes)
        {
            return (null, new LogoRefusal(true, $"Send a logo of at most {LogoLimits.MaxBytes / (1024 * 1024)} MB."));
        }

        return Sniff(bytes) switch
        {
            LogoKind.Png or LogoKind.Jpeg => Raster(bytes),
            LogoKind.Svg => Svg(bytes),
            _ => (null, new LogoRefusal(false, "Send the logo as a PNG, JPEG or SVG file.")),
        };
    }

    private static (NormalizedLogo?, LogoRefusal?) Raster(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return (null, Unreadable());
        }

        // The header's size, before a pixel is decoded.
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0)
        {
            return (null, Unreadable());
        }

        if (width > LogoLimits.MaxSide || height > LogoLimits.MaxSide)
        {
            return (null, TooManyPixels(width, height));
        }

        using var srgb = SKColorSpace.CreateSrgb();
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul, srgb);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return (null, Unreadable());
        }

        using var upright = Orient(decoded, codec.EncodedOrigin);
        return (Encode(upright), null);
    }

    private static (NormalizedLogo?, LogoRefusal?) Svg(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        if (SvgSafety.Check(text) is { } unsafeReason)
        {
            return (null, new LogoRefusal(false, unsafeReason));
        }

        using var svg = new SKSvg();
        SKPicture? picture;
        try
        {
            picture = svg.FromSvg(text);
        }
        catch (Exception e) when (e is XmlException or InvalidOperationException or ArgumentException or FormatException or NullReferenceException)
        {
            return (null, new LogoRefusal(false, "This SVG could not be read; export it again or send a PNG."));
        }

        var bounds = picture?.CullRect ?? SKRect.Empty;
        if (picture is null || bounds.Width < 1 || bounds.Height < 1)
        {
            return (null, new LogoRefusal(false, "This SVG has no size (width and height, or a viewBox); export it again or send a PNG."));
        }

        var scale = Math.Min(LogoLimits.MaxStoredHeight / bounds.Height, LogoLimits.MaxStoredWidth / bounds.Width);
        var (width, height) = (Math.Max(1, (int)Math.Round(bounds.Width * scale)), Math.Max(1, (int)Math.Round(bounds.Height * scale)));
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            canvas.Scale(scale);
            canvas.Translate(-bounds.Left, -bounds.Top);
            canvas.DrawPicture(picture);
        }

        return (Encode(bitmap), null);
    }

    /// <summary>Scaled down to the stored bounds (never up), encoded as PNG, every chunk but the picture's dropped.</summary>
    private static NormalizedLogo Encode(SKBitmap bitmap)
    {
        var scale = Math.Min(1.0, Math.Min(LogoLimits.MaxStoredHeight / (double)bitmap.Height, LogoLimits.MaxStoredWidth / (double)bitmap.Width));
        var (width, height) = (Math.Max(1, (int)Math.Round(bitmap.Width * scale)), Math.Max(1, (int)Math.Round(bitmap.Height * scale)));
        using var sized = scale < 1
            ? bitmap.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell))
            : bitmap.Copy();
        using var image = SKImage.FromBitmap(sized);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return new NormalizedLogo(PngChunks.PictureOnly(png.ToArray()), sized.Width, sized.Height);
    }

    /// <summary>A phone JPEG's EXIF orientation applied to the pixels (the tag itself is not kept).</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swap ? (source.Height, source.Width) : (source.Width, source.Height);
        var result = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.Transparent);
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(matrix);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return result;
    }

    private static LogoRefusal Unreadable() => new(false, "This image could not be read; send a PNG, JPEG or SVG file.");

    private static LogoRefusal TooManyPixels(int width, int height) => new(
        true,
        string.Create(CultureInfo.InvariantCulture, $"The image is {width}×{height} pixels; send at most {LogoLimits.MaxSide}×{LogoLimits.MaxSide}."));
}

/// <summary>Keeps only the chunks that make a PNG's picture: no text, EXIF, XMP, time or colour-profile chunk survives.</summary>
public static class PngChunks
{
    private static readonly HashSet<string> Picture = new(StringComparer.Ordinal) { "IHDR", "PLTE", "tRNS", "IDAT", "IEND" };

    public static byte[] PictureOnly(byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        using var output = new MemoryStream(png.Length);
        output.Write(png, 0, 8);
        foreach (var (type, offset, length) in Chunks(png))
        {
            if (Picture.Contains(type))
            {
                output.Write(png, offset, length + 12);
            }
        }

        return output.ToArray();
    }

    /// <summary>Every chunk's type, offset and data length (a malformed tail ends the walk).</summary>
    public static IEnumerable<(string Type, int Offset, int Length)> Chunks(byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        var offset = 8;
        while (offset + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            if (length < 0 || offset + 12L + length > png.Length)
            {
                yield break;
            }

            yield return (Encoding.ASCII.GetString(png, offset + 4, 4), offset, length);
            offset += 12 + length;
        }
    }
}
