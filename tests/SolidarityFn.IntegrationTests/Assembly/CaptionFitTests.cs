using SolidarityFn.IntegrationTests.Media;
using SolidarityFn.Pipeline.Assembly;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>
/// Captions are wrapped by their measured width (FreeType through Magick.NET), and drawtext — real ffmpeg, the same font
/// file and size — then draws every line inside the format's text width. Ink is found in the drawn pixels, not trusted
/// from the measurement.
/// </summary>
public sealed class CaptionFitTests : IDisposable
{
    private const int Canvas = 2400;
    private readonly string _folder = Directory.CreateTempSubdirectory("caption-fit-").FullName;
    private readonly SegmentRenderer _renderer = new(
        new SolidarityFn.Pipeline.Media.FfmpegRunner(
            Microsoft.Extensions.Options.Options.Create(new SolidarityFn.Pipeline.Media.MediaOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SolidarityFn.Pipeline.Media.FfmpegRunner>.Instance),
        Microsoft.Extensions.Options.Options.Create(new SolidarityFn.Pipeline.Media.MediaOptions()),
        AssemblyFonts.Resolve(null));

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
        var file = await _renderer.WriteTextAsync(
            Path.Combine(_folder, "caption.txt"), caption, _renderer.Fonts.BoldPath, format.CaptionFontSize, format, SegmentRenderer.MaxCaptionLines, CancellationToken.None);
        Assert.NotNull(file);

        var (left, right) = await InkAsync(file, _renderer.Fonts.BoldPath, format.CaptionFontSize);

        Assert.InRange(right - left + 1, format.TextWidth / 3, format.TextWidth);
    }

    [Fact]
    public async Task A_line_of_capitals_is_wrapped_sooner_than_the_same_count_of_small_letters()
    {
        var format = AssemblyFormats.Vertical;
        var capitals = await LinesAsync("VANCOUVER HEALTH CARE WORKERS", format);
        var small = await LinesAsync("vancouver health care workers", format);

        Assert.Equal(["VANCOUVER HEALTH CARE", "WORKERS"], capitals);
        Assert.Equal(["vancouver health care workers"], small);
    }

    private async Task<IReadOnlyList<string>> LinesAsync(string caption, AssemblyFormat format)
    {
        var file = await _renderer.WriteTextAsync(
            Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".txt"), caption, _renderer.Fonts.BoldPath, format.CaptionFontSize, format, 3, CancellationToken.None);
        return (await File.ReadAllTextAsync(file!)).Split('\n');
    }

    /// <summary>Draws the text file white on a wide black canvas and returns the leftmost and rightmost lit columns.</summary>
    private static async Task<(int Left, int Right)> InkAsync(string textFile, string fontPath, int fontSize)
    {
        const int height = 400;
        var pixels = await Tool.RunBytesAsync("ffmpeg", [
            "-nostdin", "-v", "error",
            "-f", "lavfi", "-i", $"color=black:s={Canvas}x{height}:d=0.04",
            "-vf", $"drawtext=fontfile={fontPath}:textfile={textFile}:fontsize={fontSize}:expansion=none:fontcolor=white:x=100:y=20",
            "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-"]);
        Assert.Equal(Canvas * height, pixels.Length);
        var (left, right) = (int.MaxValue, -1);
        for (var i = 0; i < pixels.Length; i++)
        {
            if (pixels[i] > 40)
            {
                var x = i % Canvas;
                (left, right) = (Math.Min(left, x), Math.Max(right, x));
            }
        }

        Assert.True(right >= 0, "Nothing was drawn.");
        return (left, right);
    }
}
