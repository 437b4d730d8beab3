using SkiaSharp;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Text;

namespace SolidarityFn.Tests.Assembly;

/// <summary>The title card's text is one block, centred both ways, in every format (issue 16).</summary>
public sealed class CardLayoutTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cards-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Formats => new() { "landscape", "vertical", "square", "portrait" };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_long_title_and_a_subtitle_are_centred_together_as_one_block(string name)
    {
        Assert.True(AssemblyFormats.TryParse(name, out var format));
        var text = new SegmentText(new TextPainter(ShippedFonts.Shaper));
        var png = Path.Combine(_folder, name + ".png");

        // Three lines of title over one of subtitle: centring each part on its own side of the middle put the block off-centre.
        var overlay = await text.CardAsync(
            "Workers across Canada, from Halifax to Victoria, stand with the workers of Minnesota today and every day",
            "Messages from union members",
            format,
            png,
            CancellationToken.None);
        Assert.NotNull(overlay);

        var (left, top, right, bottom) = Ink(png);
        var tolerance = format.CardFontSize / 4;
        Assert.InRange((top + bottom) / 2.0, (format.Height / 2.0) - tolerance, (format.Height / 2.0) + tolerance);
        Assert.InRange((left + right) / 2.0, (format.Width / 2.0) - 4, (format.Width / 2.0) + 4);
    }

    [Fact]
    public void The_block_is_centred_and_the_second_line_follows_the_first_after_the_gap()
    {
        var (head, sub) = SegmentText.CardBlock(300, 60, 76, 1350);
        Assert.Equal((1350 - 436) / 2f, head);
        Assert.Equal(head + 300 + 76, sub);
    }

    /// <summary>The bounding box of every pixel with any opacity.</summary>
    private static (int Left, int Top, int Right, int Bottom) Ink(string png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var (left, top, right, bottom) = (int.MaxValue, int.MaxValue, -1, -1);
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                if (bitmap.GetPixel(x, y).Alpha > 32)
                {
                    (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x), Math.Max(bottom, y));
                }
            }
        }

        return (left, top, right, bottom);
    }
}
