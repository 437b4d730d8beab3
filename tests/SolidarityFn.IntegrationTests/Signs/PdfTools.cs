using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SkiaSharp;
using ZXing;
using ZXing.Common;

namespace SolidarityFn.IntegrationTests.Signs;

/// <summary>
/// Reads a PDF back as a person's tools would: poppler's pdfinfo, pdftotext (text and word boxes) and pdftoppm (a page
/// as PNG), and ZXing.Net for the QR code on that PNG. Poppler comes from Debian (poppler-utils, installed by ./dev test).
/// </summary>
internal static partial class PdfTools
{
    public static string ShotsDirectory { get; } = Path.Combine(Path.GetTempPath(), "shots");

    public sealed record Word(string Text, double XMin, double YMin, double XMax, double YMax);

    public static async Task<string> SaveAsync(byte[] pdf, string name)
    {
        Directory.CreateDirectory(ShotsDirectory);
        var path = Path.Combine(ShotsDirectory, name + ".pdf");
        await File.WriteAllBytesAsync(path, pdf);
        return path;
    }

    /// <summary>Page count and the first page's size in points.</summary>
    public static async Task<(int Pages, double Width, double Height)> InfoAsync(string pdf)
    {
        var info = await RunAsync("pdfinfo", pdf);
        var pages = int.Parse(PagesLine().Match(info).Groups[1].Value, CultureInfo.InvariantCulture);
        var size = SizeLine().Match(info);
        return (pages, double.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(size.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>The text in reading order, runs of white space made one space.</summary>
    public static async Task<string> TextAsync(string pdf) =>
        Spaces().Replace(await RunAsync("pdftotext", "-enc", "UTF-8", pdf, "-"), " ").Trim();

    /// <summary>
    /// The text for comparing Arabic and CJK: NFKC (shaped Arabic comes back as presentation forms, some ideographs as
    /// the Kangxi radicals sharing their glyph) and without the bidi marks pdftotext puts around right-to-left lines.
    /// </summary>
    public static async Task<string> LogicalTextAsync(string pdf) =>
        BidiControls().Replace((await TextAsync(pdf)).Normalize(System.Text.NormalizationForm.FormKC), string.Empty);

    /// <summary>Every word with its box (points, origin top left), from pdftotext -bbox.</summary>
    public static async Task<IReadOnlyList<Word>> WordsAsync(string pdf)
    {
        var html = await RunAsync("pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-");
        return WordLine().Matches(html).Select(m => new Word(
            System.Net.WebUtility.HtmlDecode(m.Groups[5].Value),
            double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>The first page as a PNG beside the PDF, at <paramref name="dpi"/>.</summary>
    public static async Task<string> RenderAsync(string pdf, int dpi = 100)
    {
        var stem = Path.ChangeExtension(pdf, null);
        await RunAsync("pdftoppm", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-png", "-singlefile", pdf, stem);
        return stem + ".png";
    }

    /// <summary>The QR code on a PNG, decoded with ZXing.Net from its grey levels (pixels read with SkiaSharp); null when none is found.</summary>
    public static string? DecodeQr(string png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidDataException($"{png} is not an image.");
        var grey = new byte[bitmap.Width * bitmap.Height];
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                grey[(y * bitmap.Width) + x] = (byte)(((c.Red * 299) + (c.Green * 587) + (c.Blue * 114)) / 1000);
            }
        }

        var source = new RGBLuminanceSource(grey, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        var reader = new BarcodeReaderGeneric
        {
            Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true },
        };
        return reader.Decode(source)?.Text;
    }

    /// <summary>The share of dark pixels (below mid grey) in a rectangle of the PNG, given in points at <paramref name="dpi"/>.</summary>
    public static double DarkShare(string png, double x, double y, double width, double height, int dpi = 100)
    {
        using var bitmap = SKBitmap.Decode(png)!;
        var scale = dpi / 72.0;
        int dark = 0, total = 0;
        for (var py = (int)(y * scale); py < Math.Min(bitmap.Height, (int)((y + height) * scale)); py++)
        {
            for (var px = (int)(x * scale); px < Math.Min(bitmap.Width, (int)((x + width) * scale)); px++)
            {
                var c = bitmap.GetPixel(px, py);
                dark += (c.Red + c.Green + c.Blue) / 3 < 128 ? 1 : 0;
                total++;
            }
        }

        return total == 0 ? 0 : (double)dark / total;
    }

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is missing: install poppler-utils (./dev test does).", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await error}");
            }

            return await output;
        }
    }

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"^Page size:\s+([\d.]+) x ([\d.]+) pts", RegexOptions.Multiline)]
    private static partial Regex SizeLine();

    [GeneratedRegex("<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">([^<]*)</word>")]
    private static partial Regex WordLine();

    [GeneratedRegex("[\u200E\u200F\u202A-\u202E\u2066-\u2069]")]
    private static partial Regex BidiControls();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
