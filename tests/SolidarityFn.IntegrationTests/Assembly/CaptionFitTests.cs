using SkiaSharp;
using SolidarityFn.Pipeline.Assembly;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>
/// Captions are wrapped by their measured width (HarfBuzz advances of the shipped fonts), and the renderer then draws
/// every line inside the format's text width. Ink is found in the drawn pixels of the lower-third picture, not trusted
/// from the measurement.
/// </summary>
public sealed class CaptionFitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("caption-fit-").FullName;
    private readonly SegmentText _text = ShippedFonts.Text;

    public static TheoryData<string, string> Captions()
    {
        var data = new TheoryData<string, string>();
        string[] captions =
        [
            // 29 capitals: a character count of the old rule let this run 10 px past a vertical frame's edge.
            "VANCOUVER HEALTH CARE WORKERS STAND WITH MINNESOTA",
            "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM",
            AssemblyRenderingTests.Hostile + " WWW WWW WWW WWW WWW WWW WWW WWW WWW",
            AssemblyRenderingTests.Arabic + " " + AssemblyRenderingTests.Arabic + " " + AssemblyRenderingTests.Arabic,
        ];
        foreach (var format in AssemblyFormats.All)
        {
            foreach (var caption in captions)
            {
                data.Add(format.Name, caption);
            }
        }

        return data;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(Captions))]
    public async Task Every_drawn_caption_line_stays_inside_the_formats_text_width(string formatName, string caption)
    {
        Assert.True(AssemblyFormats.TryParse(formatName, out var format));
        var overlay = await _text.LowerThirdAsync(caption, null, format, Path.Combine(_folder, "caption.png"), CancellationToken.None);
        Assert.NotNull(overlay);

        var (left, right) = Ink(overlay.PngPath);

        Assert.InRange(right - left + 1, format.TextWidth / 3, format.TextWidth);
        Assert.InRange(left, (format.Width - format.TextWidth) / 2, format.Width);
    }

    [Fact]
    public void A_line_of_capitals_is_wrapped_sooner_than_the_same_count_of_small_letters()
    {
        var format = AssemblyFormats.Vertical;
        // Noto Sans Bold at 52 px: about 1050 px in capitals, 890 px in small letters; the text width is 950 px.
        var capitals = _text.Caption("VANCOUVER HEALTH CARE WORKERS ON", format).Lines.Select(l => l.Text).ToList();
        var small = _text.Caption("vancouver health care workers on", format).Lines.Select(l => l.Text).ToList();

        Assert.Equal(2, capitals.Count);
        Assert.Equal("VANCOUVER HEALTH CARE WORKERS ON", string.Join(' ', capitals));
        Assert.Equal(["vancouver health care workers on"], small);
    }

    /// <summary>The leftmost and rightmost columns holding white text (the box around it is black).</summary>
    private static (int Left, int Right) Ink(string png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var (left, right) = (int.MaxValue, -1);
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                if (bitmap.GetPixel(x, y).Red > 128)
                {
                    (left, right) = (Math.Min(left, x), Math.Max(right, x));
                }
            }
        }

        Assert.True(right >= 0, "Nothing was drawn.");
        return (left, right);
    }
}
