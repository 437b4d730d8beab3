using SkiaSharp;
using SolidarityFn.Pipeline.Branding;

namespace SolidarityFn.Tests.Branding;

/// <summary>What a logo upload is taken as, by its bytes, and what is stored of it.</summary>
public class LogoImageTests
{
    private const string PlainSvg = "<?xml version='1.0'?>\n<!-- made by hand -->\n<svg xmlns='http://www.w3.org/2000/svg' width='200' height='100' viewBox='0 0 200 100'><rect width='200' height='100' fill='#c00'/><circle cx='100' cy='50' r='40' fill='#fff'/></svg>";

    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.Red);
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    private static string Fixture(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "fixtures", "phone", name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException(name);
    }

    [Fact]
    public void Logos_are_recognised_by_their_bytes_not_their_names()
    {
        Assert.Equal(LogoKind.Png, LogoImage.Sniff(Png(4, 4)));
        Assert.Equal(LogoKind.Jpeg, LogoImage.Sniff(File.ReadAllBytes(Fixture("jpg-Apple_iPhone_4.jpg"))));
        Assert.Equal(LogoKind.Svg, LogoImage.Sniff(System.Text.Encoding.UTF8.GetBytes(PlainSvg)));
        Assert.Null(LogoImage.Sniff("<html><body>svg</body></html>"u8));
        Assert.Null(LogoImage.Sniff("GIF89a"u8));
        Assert.Null(LogoImage.Sniff([]));
    }

    [Fact]
    public void A_jpeg_with_exif_and_gps_is_stored_as_a_png_with_nothing_but_its_picture()
    {
        var jpeg = File.ReadAllBytes(Fixture("jpg-Apple_iPhone_4.jpg"));
        var (logo, refusal) = LogoImage.Normalize(jpeg);
        Assert.Null(refusal);
        Assert.NotNull(logo);
        Assert.Equal(LogoKind.Png, LogoImage.Sniff(logo.Png));
        Assert.All(PngChunks.Chunks(logo.Png), c => Assert.Contains(c.Type, new[] { "IHDR", "PLTE", "tRNS", "IDAT", "IEND" }));
        Assert.True(logo.Png.AsSpan().IndexOf("Apple"u8) < 0, "the camera's make is gone");
        Assert.True(logo.Height <= LogoLimits.MaxStoredHeight && logo.Width <= LogoLimits.MaxStoredWidth);
        Assert.InRange(logo.Width / (double)logo.Height, 1296 / 968.0 - 0.01, 1296 / 968.0 + 0.01);
    }

    [Fact]
    public void A_picture_over_4096_pixels_a_side_is_refused_as_too_large_from_its_header()
    {
        var (logo, refusal) = LogoImage.Normalize(Png(4097, 2));
        Assert.Null(logo);
        Assert.True(refusal!.TooLarge);
        Assert.Contains("4097×2", refusal.Message);
    }

    [Fact]
    public void More_than_2_mb_is_refused_as_too_large_and_garbage_as_not_an_image()
    {
        Assert.True(LogoImage.Normalize(new byte[LogoLimits.MaxBytes + 1]).Refusal!.TooLarge);
        var notImage = LogoImage.Normalize("just some text"u8.ToArray()).Refusal!;
        Assert.False(notImage.TooLarge);

        // A PNG signature with nothing readable after it.
        byte[] broken = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        Assert.False(LogoImage.Normalize(broken).Refusal!.TooLarge);
    }

    [Fact]
    public void A_plain_svg_is_rasterised_at_its_own_aspect()
    {
        var (logo, refusal) = LogoImage.Normalize(System.Text.Encoding.UTF8.GetBytes(PlainSvg));
        Assert.Null(refusal);
        Assert.Equal((1024, 512), (logo!.Width, logo.Height));
        using var bitmap = SKBitmap.Decode(logo.Png);
        Assert.Equal(new SKColor(0xcc, 0, 0), bitmap.GetPixel(10, 10));
        Assert.Equal(SKColors.White, bitmap.GetPixel(512, 256));
    }

    [Theory]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' width='10' height='10'><image xlink:href='http://127.0.0.1:9/x.png' width='10' height='10'/></svg>", "refers to other files")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><image href='file:///etc/passwd' width='10' height='10'/></svg>", "refers to other files")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><use href='other.svg#a'/></svg>", "refers to other files")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect style='fill:url(http://x/y)' width='10' height='10'/></svg>", "refers to other files")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><style>@import url(http://x/a.css);</style></svg>", "refers to other files")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><script>fetch('http://x')</script></svg>", "<script>")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10' onload='alert(1)'/>", "event handler")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><foreignObject/></svg>", "<foreignObject>")]
    [InlineData("<!DOCTYPE svg [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><text>&x;</text></svg>", "DOCTYPE")]
    public void An_svg_that_could_fetch_or_run_anything_is_refused_as_not_an_image(string svg, string reason)
    {
        var (logo, refusal) = LogoImage.Normalize(System.Text.Encoding.UTF8.GetBytes(svg));
        Assert.Null(logo);
        Assert.False(refusal!.TooLarge);
        Assert.Contains(reason, refusal.Message);
    }

    [Fact]
    public void An_svg_may_point_inside_itself_and_embed_a_png()
    {
        var png = Convert.ToBase64String(Png(2, 2));
        var svg = $"<svg xmlns='http://www.w3.org/2000/svg' width='20' height='10'><defs><linearGradient id='g'><stop offset='0' stop-color='#000'/></linearGradient></defs><rect width='20' height='10' fill='url(#g)'/><image href='data:image/png;base64,{png}' width='2' height='2'/></svg>";
        Assert.Null(SvgSafety.Check(svg));
        Assert.NotNull(LogoImage.Normalize(System.Text.Encoding.UTF8.GetBytes(svg)).Logo);
    }
}
