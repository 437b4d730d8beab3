namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// ffmpeg or ffprobe failed for a reason that is not the media's fault (killed by the system, disk full, out of memory):
/// worth a retry with backoff, unlike <see cref="MediaRejectedException"/>.
/// </summary>
public sealed class MediaToolException : IOException
{
    public MediaToolException()
    {
    }

    public MediaToolException(string message)
        : base(message)
    {
    }

    public MediaToolException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
