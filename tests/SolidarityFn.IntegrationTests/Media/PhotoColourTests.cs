using ImageMagick;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Media;

/// <summary>
/// Photos in Display P3 (every iPhone photo since the 7 carries Apple's Display P3 ICC profile) are converted to sRGB
/// before the profile is stripped: a P3 red must come out as the sRGB red that looks the same, not as the same numbers.
/// </summary>
public sealed class PhotoColourTests : IDisposable
{
    /// <summary>
    /// Apple's "Display P3" ICC profile (548 bytes) as an iPhone 11 Pro writes it into its HEIC photos (colr/prof box of
    /// heic-IMG_2927.HEIC from the metadata-extractor image collection, whose README says the files may be used freely).
    /// </summary>
    private const string DisplayP3Icc = "AAACJGFwcGwEAAAAbW50clJHQiBYWVogB+EABwAHAA0AFgAgYWNzcEFQUEwAAAAAQVBQTAAAAAAAAAAAAAAAAAAAAAAAAPbWAAEAAAAA0y1hcHBsyhqVgiV/EE04mRPV0eoVggAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAKZGVzYwAAAPwAAABlY3BydAAAAWQAAAAjd3RwdAAAAYgAAAAUclhZWgAAAZwAAAAUZ1hZWgAAAbAAAAAUYlhZWgAAAcQAAAAUclRSQwAAAdgAAAAgY2hhZAAAAfgAAAAsYlRSQwAAAdgAAAAgZ1RSQwAAAdgAAAAgZGVzYwAAAAAAAAALRGlzcGxheSBQMwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB0ZXh0AAAAAENvcHlyaWdodCBBcHBsZSBJbmMuLCAyMDE3AABYWVogAAAAAAAA81EAAQAAAAEWzFhZWiAAAAAAAACD3wAAPb////+7WFlaIAAAAAAAAEq/AACxNwAACrlYWVogAAAAAAAAKDgAABELAADIuXBhcmEAAAAAAAMAAAACZmYAAPKnAAANWQAAE9AAAApbc2YzMgAAAAAAAQxCAAAF3v//8yYAAAeTAAD9kP//+6L///2jAAAD3AAAwG4=";

    /// <summary>A P3 red inside the sRGB gamut, and the same colour in sRGB (P3 and sRGB share white point and curve; only the primaries differ).</summary>
    private static readonly (int R, int G, int B) P3Red = (191, 64, 51);
    private static readonly (int R, int G, int B) SrgbOfP3Red = ExpectedSrgb(P3Red);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"photo colour {Guid.NewGuid():N}");
    private readonly PhotoPreparer _preparer = new(Options.Create(new MediaOptions()), NullLogger<PhotoPreparer>.Instance);

    public PhotoColourTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(MagickFormat.Jpeg, ContainerFormat.Jpeg)]
    [InlineData(MagickFormat.Png, ContainerFormat.Png)]
    public async Task A_Display_P3_photo_is_converted_to_sRGB_before_its_profile_is_stripped(MagickFormat format, ContainerFormat container)
    {
        var source = Write(format, withProfile: true);
        var prepared = await _preparer.PrepareAsync(source, new SniffedMedia(MediaKind.Photo, container, null, null), Path.Combine(_folder, "out.png"), CancellationToken.None);

        using var output = new MagickImage(prepared.PngPath);
        Assert.Null(output.GetColorProfile());
        AssertClose(SrgbOfP3Red, Centre(output));
    }

    [Fact]
    public async Task A_photo_without_a_profile_keeps_its_numbers()
    {
        // The control: the same pixels without the profile are taken as sRGB, so the test above can fail.
        var source = Write(MagickFormat.Png, withProfile: false);
        var prepared = await _preparer.PrepareAsync(source, new SniffedMedia(MediaKind.Photo, ContainerFormat.Png, null, null), Path.Combine(_folder, "out.png"), CancellationToken.None);
        using var output = new MagickImage(prepared.PngPath);
        AssertClose(P3Red, Centre(output));
        Assert.True(Math.Abs(SrgbOfP3Red.R - P3Red.R) > 10 && Math.Abs(SrgbOfP3Red.G - P3Red.G) > 10, "the colours differ enough to tell");
    }

    private string Write(MagickFormat format, bool withProfile)
    {
        var path = Path.Combine(_folder, withProfile ? "p3." + format.ToString().ToLowerInvariant() : "plain." + format.ToString().ToLowerInvariant());
        using var image = new MagickImage(new MagickColor((byte)P3Red.R, (byte)P3Red.G, (byte)P3Red.B), 64, 48);
        if (withProfile)
        {
            image.SetProfile(new ColorProfile(Convert.FromBase64String(DisplayP3Icc)));
        }

        image.Quality = 100;
        image.Settings.SetDefine(MagickFormat.Jpeg, "sampling-factor", "1x1");
        image.Write(path, format);
        return path;
    }

    private static (int R, int G, int B) Centre(MagickImage image)
    {
        using var pixels = image.GetPixels();
        var colour = pixels.GetPixel((int)image.Width / 2, (int)image.Height / 2).ToColor()!;
        return ((int)Math.Round(colour.R * 255.0 / Quantum.Max), (int)Math.Round(colour.G * 255.0 / Quantum.Max), (int)Math.Round(colour.B * 255.0 / Quantum.Max));
    }

    private static void AssertClose((int R, int G, int B) expected, (int R, int G, int B) actual)
    {
        const int tolerance = 4;
        Assert.True(
            Math.Abs(expected.R - actual.R) <= tolerance && Math.Abs(expected.G - actual.G) <= tolerance && Math.Abs(expected.B - actual.B) <= tolerance,
            $"{actual} against {expected}");
    }

    /// <summary>P3 → sRGB by the published primaries: decode the sRGB curve, linear P3 → linear sRGB (D65), encode.</summary>
    private static (int R, int G, int B) ExpectedSrgb((int R, int G, int B) p3)
    {
        static double Decode(int v) => v / 255.0 <= 0.04045 ? v / 255.0 / 12.92 : Math.Pow(((v / 255.0) + 0.055) / 1.055, 2.4);
        static int Encode(double v)
        {
            v = Math.Clamp(v, 0, 1);
            var e = v <= 0.0031308 ? v * 12.92 : (1.055 * Math.Pow(v, 1 / 2.4)) - 0.055;
            return (int)Math.Round(e * 255);
        }

        double r = Decode(p3.R), g = Decode(p3.G), b = Decode(p3.B);
        return (
            Encode((1.2249 * r) - (0.2247 * g)),
            Encode((-0.0420 * r) + (1.0419 * g)),
            Encode((-0.0197 * r) - (0.0786 * g) + (1.0979 * b)));
    }
}
