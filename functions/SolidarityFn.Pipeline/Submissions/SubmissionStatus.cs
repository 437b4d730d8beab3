namespace SolidarityFn.Pipeline.Submissions;

/// <summary>Lifecycle of DESIGN.md §4.</summary>
public enum SubmissionStatus
{
    Issued,
    Uploaded,
    Processing,
    Ready,
    Approved,
    Rejected,
    Failed,
    Withdrawn,
    Expired,
}
