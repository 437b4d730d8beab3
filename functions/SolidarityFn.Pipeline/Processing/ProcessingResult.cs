namespace SolidarityFn.Pipeline.Processing;

/// <summary>What one delivery of an upload came to.</summary>
public enum ProcessingResult
{
    /// <summary>Outputs stored and the submission is Ready.</summary>
    Ready,

    /// <summary>
    /// The submission is Failed: the media was refused (and deleted), or faults outlasted every attempt
    /// (<c>processing_failed</c>, the upload kept for an organizer's retry).
    /// </summary>
    Failed,

    /// <summary>Another worker holds the claim, or the submission is past processing: nothing done.</summary>
    Duplicate,

    /// <summary>No submission awaits this blob (or it was withdrawn): the blob was deleted unprocessed.</summary>
    Discarded,

    /// <summary>A retry is not due yet: nothing was done and no attempt was counted.</summary>
    NotDue,

    /// <summary>Withdrawn while it was being processed: everything made was deleted.</summary>
    Withdrawn,
}

/// <summary>A failure worth another try (storage hiccup, killed ffmpeg); the submission records when.</summary>
public sealed class TransientProcessingException : Exception
{
    public TransientProcessingException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public TransientProcessingException()
    {
    }

    public TransientProcessingException(string message)
        : base(message)
    {
    }
}
