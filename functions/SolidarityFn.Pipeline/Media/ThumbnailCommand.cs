using System.Globalization;

namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// thumb.jpg: one frame of the source, framed 16:9 for the review grid (see <see cref="Framing"/>) at the thumbnail width, no metadata at all.
/// </summary>
public static class ThumbnailCommand
{
    /// <summary>Where in a video the thumbnail is taken: about a second in, or the first frame of a short clip.</summary>
    public static double PickTime(double durationSeconds) => durationSeconds >= 2 ? 1 : 0;

    public static FfmpegCommand FromVideo(
        string inputPath,
        string demuxer,
        VideoGeometry geometry,
        double atSeconds,
        string outputPath,
        int width,
        FfmpegLimits limits)
    {
        List<string> inputOptions = [.. SafeArguments.Input(demuxer, limits.MaxPixels)];
        if (atSeconds > 0)
        {
            inputOptions.Add("-ss");
            inputOptions.Add(Invariant.Seconds(atSeconds));
        }

        ArgumentNullException.ThrowIfNull(geometry);
        var (sourceWidth, sourceHeight) = Framing.SquareSize(geometry);
        return Build(inputPath, inputOptions, Framing.SquarePixels(geometry), sourceWidth, sourceHeight, outputPath, width, limits);
    }

    /// <summary>From the prepared photo (a PNG the pipeline wrote itself).</summary>
    public static FfmpegCommand FromPhoto(string pngPath, int photoWidth, int photoHeight, string outputPath, int width, FfmpegLimits limits) =>
        Build(pngPath, SafeArguments.Input(SafeArguments.PngDemuxer, limits.MaxPixels), string.Empty, photoWidth, photoHeight, outputPath, width, limits);

    private static FfmpegCommand Build(
        string inputPath,
        IReadOnlyList<string> inputOptions,
        string prefix,
        int sourceWidth,
        int sourceHeight,
        string outputPath,
        int width,
        FfmpegLimits limits)
    {
        var height = width * 9 / 16;
        height -= height % 2;
        var plan = Framing.Plan(sourceWidth, sourceHeight, width, height);
        var graph = Framing.Filter("[0:v:0]", prefix, ",format=yuvj420p", "[thumb]", plan);
        return new FfmpegCommand(
            SafeArguments.Global(limits.CpuSecondsLimit),
            [new FfmpegInput(inputOptions, inputPath)],
            [
                "-filter_complex", graph,
                "-map", "[thumb]",
                "-frames:v", "1",
                "-c:v", "mjpeg",
                "-q:v", "3",
                "-flags:v", "+bitexact",
                "-map_metadata", "-1",
                "-map_chapters", "-1",
                "-f", "image2",
                "-update", "1",
            ],
            outputPath);
    }

    internal static string Size(int width, int height) => string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");
}
