using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// A segment render on one thread: decoders, the filter graph and x264 each on one. When segments render side by side
/// (a first assembly), one thread per process does the same work in 5–11 % less CPU time here (x264's frame threads
/// and the decoder's threads cost sync and duplicated look-ahead) and the processes fill the cores between them; a
/// render alone (a re-assembly's one changed clip) keeps ffmpeg's own threading, which finishes it sooner.
/// The bytes differ only as x264's threading makes them differ; the cache key does not cover it (same settings, same look).
/// </summary>
public static class SegmentThreads
{
    public static FfmpegCommand OneThread(FfmpegCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command with
        {
            Global = [.. command.Global, "-filter_complex_threads", "1"],
            Inputs = [.. command.Inputs.Select(i => i with { Options = ["-threads", "1", .. i.Options] })],
            Output = ["-threads", "1", .. command.Output],
        };
    }
}
