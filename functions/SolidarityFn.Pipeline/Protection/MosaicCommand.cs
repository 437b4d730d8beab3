using System.Globalization;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Protection;

/// <summary>A region in pixels of the clip's picture, even-aligned (4:2:0 chroma), and its mosaic's cell grid.</summary>
public sealed record MosaicBox(int X, int Y, int Width, int Height, int CellsAcross, int CellsDown, double FromSeconds, double ToSeconds);

/// <summary>
/// The protected clip (issue 15): one ffmpeg run over the stored, unprotected clip that covers each region with a solid
/// mosaic — cropped, averaged down to a grid of at most 8 cells on its shorter side (so a cell is at least an eighth of
/// it), scaled back up with nearest-neighbour so the cells stay flat — over every frame of its time span, and replaces
/// the sound with silence when the voice is to go. Averaging to 8 cells throws the face's detail away: unlike a blur,
/// nothing in the output can be deconvolved back into it. Writes clip.mp4 in the mezzanine format and preview.mp4 from
/// the same frames.
/// </summary>
public static class MosaicCommand
{
    /// <summary>Cells on the region's shorter side: each cell is at least an eighth of it.</summary>
    public const int CellsOnShorterSide = 8;

    public static MosaicBox Box(ProtectionRegion region, int clipWidth, int clipHeight)
    {
        ArgumentNullException.ThrowIfNull(region);
        // Outward to even pixels: the box never shrinks below what the organizer drew.
        var x0 = Even(Math.Floor(Math.Clamp(region.X, 0, 1) * clipWidth), down: true);
        var y0 = Even(Math.Floor(Math.Clamp(region.Y, 0, 1) * clipHeight), down: true);
        var x1 = Math.Min(Even(Math.Ceiling(Math.Clamp(region.X + region.Width, 0, 1) * clipWidth), down: false), clipWidth - clipWidth % 2);
        var y1 = Math.Min(Even(Math.Ceiling(Math.Clamp(region.Y + region.Height, 0, 1) * clipHeight), down: false), clipHeight - clipHeight % 2);
        var width = Math.Max(2, x1 - x0);
        var height = Math.Max(2, y1 - y0);
        x0 = Math.Min(x0, clipWidth - width);
        y0 = Math.Min(y0, clipHeight - height);
        // Whole cells of at least shorter/8 pixels each way: rounding the count down makes each cell larger, never smaller.
        var cell = Math.Min(width, height) / (double)CellsOnShorterSide;
        return new MosaicBox(
            x0, y0, width, height,
            Math.Max(1, (int)Math.Floor(width / cell)),
            Math.Max(1, (int)Math.Floor(height / cell)),
            region.FromSeconds, region.ToSeconds);
    }

    /// <summary>The filter graph from input 0 to [v] (the masked picture) and [a] (its sound, or silence).</summary>
    public static string Graph(IReadOnlyList<ProtectionRegion> regions, int clipWidth, int clipHeight, bool removeVoice)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var parts = new List<string>();
        if (regions.Count == 0)
        {
            parts.Add("[0:v:0]null[v]");
        }
        else
        {
            var labels = string.Concat(Enumerable.Range(0, regions.Count).Select(i => $"[c{i}]"));
            parts.Add($"[0:v:0]split={regions.Count + 1}[m0]{labels}");
            for (var i = 0; i < regions.Count; i++)
            {
                var b = Box(regions[i], clipWidth, clipHeight);
                var next = i == regions.Count - 1 ? "[v]" : $"[m{i + 1}]";
                parts.Add(string.Create(CultureInfo.InvariantCulture,
                    $"[c{i}]crop={b.Width}:{b.Height}:{b.X}:{b.Y},scale={b.CellsAcross}:{b.CellsDown}:flags=area,scale={b.Width}:{b.Height}:flags=neighbor[p{i}]"));
                parts.Add(string.Create(CultureInfo.InvariantCulture,
                    $"[m{i}][p{i}]overlay={b.X}:{b.Y}:enable='between(t,{Seconds(b.FromSeconds)},{Seconds(b.ToSeconds)})'{next}"));
            }
        }

        parts.Add(removeVoice ? MezzanineFormat.SilentAudioSource + "[a]" : "[0:a:0]anull[a]");
        return string.Join(';', parts);
    }

    public static FfmpegCommand Build(
        string unprotectedClipPath,
        int clipWidth,
        int clipHeight,
        double clipSeconds,
        IReadOnlyList<ProtectionRegion> regions,
        bool removeVoice,
        FfmpegLimits limits,
        string x264Preset,
        int crf,
        string clipPath,
        PreviewRequest? preview)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return MezzanineFormat.Command(
            SafeArguments.Global(limits.CpuSecondsLimit),
            new FfmpegInput(SafeArguments.Input(MediaSniffer.MovDemuxer, limits.MaxPixels), unprotectedClipPath),
            Graph(regions, clipWidth, clipHeight, removeVoice),
            clipWidth,
            clipHeight,
            clipSeconds,
            x264Preset,
            crf,
            clipPath,
            preview);
    }

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static int Even(double value, bool down)
    {
        var v = (int)value;
        return v % 2 == 0 ? v : down ? v - 1 : v + 1;
    }
}
