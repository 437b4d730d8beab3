namespace SolidarityFn.Pipeline.Media;

public enum FfmpegFailureKind
{
    /// <summary>The input could not be read or decoded: truncated, damaged, or not what it claims to be.</summary>
    Corrupt,

    /// <summary>The picture is larger than the decoder pixel limit.</summary>
    TooLarge,

    /// <summary>ffmpeg's CPU-time backstop (-timelimit) ended it.</summary>
    Timeout,

    /// <summary>The machine, not the media: killed by a signal, out of disk or memory. Retry.</summary>
    Transient,

    /// <summary>Anything else; deterministic for this input, so not retried.</summary>
    Failed,
}

/// <summary>Sorts a failed ffmpeg/ffprobe run by its exit code and the error lines it printed (at -loglevel error).</summary>
public static class FfmpegFailure
{
    private static readonly string[] TransientMarkers =
    [
        "No space left on device", "Cannot allocate memory", "Resource temporarily unavailable", "Too many open files",
        "Input/output error", "Disk quota exceeded",
    ];

    private static readonly string[] CorruptMarkers =
    [
        "Invalid data found", "moov atom not found", "corrupt", "partial file", "Error while decoding", "error reading header",
        "Invalid NAL", "missing picture", "Truncat", "End of file", "could not find codec parameters", "Could not find codec parameters",
        "decode_slice", "no frame", "does not contain any stream", "Stream map", "matches no streams",
        "EBML header parsing failed", "Error opening input", "Failed to open", "Decoding error", "Invalid frame", "invalid frame",
        "Error submitting packet", "decoding for stream", "non-existing PPS", "no video stream",
    ];

    public static FfmpegFailureKind Classify(int exitCode, IReadOnlyList<string> errorLines)
    {
        ArgumentNullException.ThrowIfNull(errorLines);
        bool Any(string[] markers) => errorLines.Any(line => markers.Any(m => line.Contains(m, StringComparison.Ordinal)));

        if (errorLines.Any(line => line.Contains("received signal 24", StringComparison.Ordinal) || line.Contains("SIGXCPU", StringComparison.Ordinal)))
        {
            return FfmpegFailureKind.Timeout;
        }

        if (Any(TransientMarkers))
        {
            return FfmpegFailureKind.Transient;
        }

        if (errorLines.Any(line => line.Contains("max pixel count", StringComparison.Ordinal)
            || (line.Contains("Picture size", StringComparison.Ordinal) && line.Contains("is invalid", StringComparison.Ordinal))))
        {
            return FfmpegFailureKind.TooLarge;
        }

        if (Any(CorruptMarkers))
        {
            return FfmpegFailureKind.Corrupt;
        }

        // Killed by a signal we did not send (the OOM killer's SIGKILL is 128 + 9), or a signal ffmpeg caught (255).
        if (exitCode is 137 or 143 or 255 or -9 or -15 || errorLines.Any(line => line.Contains("received signal", StringComparison.Ordinal)))
        {
            return FfmpegFailureKind.Transient;
        }

        return FfmpegFailureKind.Failed;
    }
}
