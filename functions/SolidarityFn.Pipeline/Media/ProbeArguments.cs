namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// The options FFMpegCore's ffprobe run gets on top of its own (-loglevel error -print_format json -show_format
/// -show_streams ...). ffprobe reads all options before it opens its single input, so their place after the path
/// does not weaken them: the file protocol only, the forced demuxer, and the decoder pixel limit.
/// </summary>
public static class ProbeArguments
{
    public static IReadOnlyList<string> Build(string demuxer, long maxPixels) => SafeArguments.Input(demuxer, maxPixels);

    /// <summary>
    /// For a video whose container states no duration (a WebM from a browser's MediaRecorder, for example): list the
    /// packets of the first video stream over the first <paramref name="seconds"/> seconds; the last one gives the length.
    /// </summary>
    public static IReadOnlyList<string> PacketScan(string demuxer, long maxPixels, double seconds) =>
    [
        .. SafeArguments.Input(demuxer, maxPixels),
        "-select_streams", "v:0",
        "-read_intervals", "%+" + Invariant.Seconds(seconds),
    ];
}
