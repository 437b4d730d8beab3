namespace SolidarityFn.Pipeline.Media;

/// <summary>What a contributor sent, as recognised from its bytes.</summary>
public enum MediaKind
{
    Photo,
    Video,
}

/// <summary>Container families the pipeline accepts (DESIGN.md §6).</summary>
public enum ContainerFormat
{
    Jpeg,
    Png,
    Webp,
    Heif,

    /// <summary>ISO base media: MP4, MOV, 3GP.</summary>
    IsoBmff,

    /// <summary>WebM and Matroska.</summary>
    Matroska,
}

/// <summary>Limits that come from the campaign.</summary>
public sealed record MediaLimits(double MinClipSeconds, double MaxClipSeconds, double PhotoSeconds);

/// <summary>The `source` block of a submission (DESIGN.md §4): the media as sent, after rotation.</summary>
public sealed record SourceInfo(MediaKind Kind, int Width, int Height, double DurationSeconds, bool HadAudio);

/// <summary>The files normalisation produced in its work folder, and the size of the clip's picture (the source's shape).</summary>
public sealed record NormalizedMedia(SourceInfo Source, string ClipPath, string ThumbnailPath, string PreviewPath, bool Trimmed, int ClipWidth, int ClipHeight);

/// <summary>Machine-readable reasons a submission fails (DESIGN.md §4).</summary>
public static class RejectionReasons
{
    public const string UnsupportedMedia = "unsupported_media";
    public const string TooLarge = "too_large";
    public const string TooLong = "too_long";
    public const string TooShort = "too_short";
    public const string Corrupt = "corrupt";
    public const string Timeout = "timeout";
    public const string ProcessingFailed = "processing_failed";
}

/// <summary>The media itself is unacceptable: retrying will not help. Carries a reason and a message for the contributor.</summary>
public sealed class MediaRejectedException : Exception
{
    public MediaRejectedException(string reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public MediaRejectedException(string reason, string message, Exception inner)
        : base(message, inner)
    {
        Reason = reason;
    }

    public MediaRejectedException()
    {
        Reason = RejectionReasons.ProcessingFailed;
    }

    public MediaRejectedException(string message)
        : base(message)
    {
        Reason = RejectionReasons.ProcessingFailed;
    }

    public MediaRejectedException(string message, Exception inner)
        : base(message, inner)
    {
        Reason = RejectionReasons.ProcessingFailed;
    }

    public string Reason { get; }
}

/// <summary>
/// Turns one local file into the mezzanine clip, a thumbnail and a preview, or rejects it. Knows nothing of
/// storage: the caller downloads the upload into <paramref name="workDir"/> and stores what comes out.
/// </summary>
public interface IMediaNormalizer
{
    /// <param name="inputPath">The downloaded upload, inside <paramref name="workDir"/>.</param>
    /// <param name="workDir">A private folder the caller owns and deletes afterwards.</param>
    /// <param name="thumbnailReady">Called with the thumbnail's path as soon as it exists, before the full transcode.</param>
    /// <exception cref="MediaRejectedException">The media is unsupported, corrupt, too short, or took too long.</exception>
    Task<NormalizedMedia> NormalizeAsync(
        string inputPath,
        MediaLimits limits,
        string workDir,
        Func<string, CancellationToken, Task> thumbnailReady,
        CancellationToken cancellationToken);
}
