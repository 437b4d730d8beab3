using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// ffmpeg refused to render one segment (a clip it cannot decode, a render over its time limit). Unlike a contributor's
/// upload nothing is "rejected" here: the assembly fails at once with a message naming the part, since trying the same
/// render again gives the same answer.
/// </summary>
public sealed class SegmentRenderException : Exception
{
    public SegmentRenderException(TimelineEntry entry, AssemblyFormat format, MediaRejectedException inner)
        : base(Describe(entry, format, inner), inner)
    {
        ArgumentNullException.ThrowIfNull(entry);
        SubmissionId = entry.Clip?.SubmissionId;
    }

    public SegmentRenderException()
    {
    }

    public SegmentRenderException(string message)
        : base(message)
    {
    }

    public SegmentRenderException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The clip whose segment failed (null for a card).</summary>
    public string? SubmissionId { get; }

    private static string Describe(TimelineEntry entry, AssemblyFormat format, MediaRejectedException inner)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(inner);
        var what = entry.Kind switch
        {
            SegmentKind.TitleCard => "The title card",
            SegmentKind.EndCard => "The end card",
            _ => $"The clip {entry.Clip?.SubmissionId}",
        };
        var why = inner.Reason == RejectionReasons.Timeout ? "took longer than the render time limit" : "could not be rendered";
        var hint = entry.Kind == SegmentKind.Clip ? " Reject that clip or move it out, then assemble again." : " Shorten the card text and assemble again.";
        return $"{what} ({format.Name}) {why}.{hint}";
    }
}
