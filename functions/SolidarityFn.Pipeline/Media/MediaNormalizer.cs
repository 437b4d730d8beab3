using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// The media engine behind <see cref="IMediaNormalizer"/>: recognises the upload by its bytes and hands it to the
/// photo or video path. Knows nothing of storage or submissions.
/// </summary>
public sealed partial class MediaNormalizer : IMediaNormalizer
{
    private readonly VideoNormalizer _video;
    private readonly PhotoNormalizer _photo;
    private readonly ILogger<MediaNormalizer> _logger;

    public MediaNormalizer(VideoNormalizer video, PhotoNormalizer photo, ILogger<MediaNormalizer> logger)
    {
        _video = video;
        _photo = photo;
        _logger = logger;
    }

    public async Task<NormalizedMedia> NormalizeAsync(
        string inputPath,
        MediaLimits limits,
        string workDir,
        Func<string, CancellationToken, Task> thumbnailReady,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(thumbnailReady);
        if (!(limits.MinClipSeconds >= 0) || !(limits.MaxClipSeconds > 0) || limits.MaxClipSeconds < limits.MinClipSeconds || !(limits.PhotoSeconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(limits), "Clip limits must satisfy 0 ≤ min ≤ max, max > 0 and photo seconds > 0.");
        }

        var started = Stopwatch.GetTimestamp();
        var workspace = MediaWorkspace.Create(inputPath, workDir);
        var sniffed = await MediaSniffer.SniffFileAsync(workspace.InputPath, cancellationToken);
        if (sniffed is null)
        {
            Log.Rejected(_logger, null, RejectionReasons.UnsupportedMedia);
            throw new MediaRejectedException(RejectionReasons.UnsupportedMedia, MediaMessages.Unsupported);
        }

        Log.Sniffed(_logger, sniffed.Kind, sniffed.Format, sniffed.Brand);
        try
        {
            var result = sniffed.Kind == MediaKind.Photo
                ? await _photo.NormalizeAsync(workspace, sniffed, limits, thumbnailReady, cancellationToken)
                : await _video.NormalizeAsync(workspace, sniffed, limits, thumbnailReady, cancellationToken);
            var source = result.Source;
            var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Log.Normalized(_logger, source.Kind, source.Width, source.Height, source.DurationSeconds, source.HadAudio, result.Trimmed, elapsedMs);
            return result;
        }
        catch (MediaRejectedException exception)
        {
            Log.Rejected(_logger, sniffed.Format, exception.Reason);
            throw;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Upload recognised as {Kind} ({Format}, brand {Brand})")]
        public static partial void Sniffed(ILogger logger, MediaKind kind, ContainerFormat format, string? brand);

        [LoggerMessage(Level = LogLevel.Information, Message = "Upload ({Format}) rejected: {Reason}")]
        public static partial void Rejected(ILogger logger, ContainerFormat? format, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Normalised {Kind} {Width}x{Height}, {DurationSeconds} s, audio {HadAudio}, trimmed {Trimmed}, in {ElapsedMs} ms")]
        public static partial void Normalized(ILogger logger, MediaKind kind, int width, int height, double durationSeconds, bool hadAudio, bool trimmed, long elapsedMs);
    }
}
