namespace SolidarityFn.Pipeline.Processing;

/// <summary>What one delivery of an upload came to.</summary>
public enum ProcessingResult
{
    /// <summary>Outputs stored and the submission is Ready.</summary>
    Ready,

    /// <summary>The media was refused; the submission is Failed with a reason.</summary>
    Failed,

    /// <summary>Another worker holds the claim, or the submission is past processing: nothing done.</summary>
    Duplicate,

    /// <summary>No submission awaits this blob (or it was withdrawn): the blob was deleted unprocessed.</summary>
    Discarded,

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
