namespace SolidarityFn.Pipeline.Submissions;

/// <summary>State changes that more than one part of the pipeline makes; callers write the row with If-Match.</summary>
public static class SubmissionTransitions
{
    public const string ExpiredReason = "expired";

    public static void Expire(SubmissionEntity submission)
    {
        submission.StatusValue = SubmissionStatus.Expired;
        submission.Reason = ExpiredReason;
        submission.Message = "The upload link expired before the file arrived. Open the campaign link again to send it.";
    }

    /// <summary>Keeps the record that consent was given and withdrawn, and erases what the contributor typed.</summary>
    public static void Withdraw(SubmissionEntity submission, DateTimeOffset now)
    {
        submission.StatusValue = SubmissionStatus.Withdrawn;
        submission.WithdrawnAt = now;
        submission.Reason = null;
        submission.Message = null;
        submission.EraseTypedText();
        submission.Position = null;
        submission.ClaimId = null;
        submission.ClaimedAt = null;
        submission.NextAttemptAt = null;
    }
}
