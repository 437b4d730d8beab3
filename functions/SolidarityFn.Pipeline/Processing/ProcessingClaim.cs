using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Processing;

/// <summary>Whether a delivery of an upload may start processing it: the pure half of the ETag-checked claim.</summary>
public static class ProcessingClaim
{
    public static ClaimDecision Decide(SubmissionEntity submission, DateTimeOffset now, TimeSpan staleAfter) => submission.StatusValue switch
    {
        // A retry waits out its backoff: an early redelivery neither works nor counts an attempt.
        SubmissionStatus.Uploaded when submission.NextAttemptAt > now => ClaimDecision.NotDue,
        SubmissionStatus.Issued or SubmissionStatus.Uploaded or SubmissionStatus.Expired => ClaimDecision.Claim,
        SubmissionStatus.Processing when submission.ClaimedAt is null || submission.ClaimedAt + staleAfter <= now => ClaimDecision.TakeOver,
        SubmissionStatus.Processing => ClaimDecision.AlreadyClaimed,
        _ => ClaimDecision.NotClaimable,
    };

    /// <summary>Marks the row as being processed by <paramref name="claimId"/>; the caller writes it with If-Match.</summary>
    public static void Apply(SubmissionEntity submission, string claimId, DateTimeOffset now, ILogger logger)
    {
        SubmissionLifecycle.Move(submission, SubmissionStatus.Processing, SubmissionActor.Processor, logger);
        submission.ClaimId = claimId;
        submission.ClaimedAt = now;
        submission.ProcessingAttempts++;
        submission.NextAttemptAt = null;
        submission.Reason = null;
        submission.Message = null;
    }

    /// <summary>Delay before the next try: base × 2^(attempts-1), capped at an hour.</summary>
    public static TimeSpan Backoff(int attempts, TimeSpan baseDelay)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 16));
        return TimeSpan.FromTicks((long)Math.Min(baseDelay.Ticks * factor, TimeSpan.FromHours(1).Ticks));
    }
}

public enum ClaimDecision
{
    /// <summary>Uploaded and not yet processed: claim it.</summary>
    Claim,

    /// <summary>Claimed by a worker that stopped answering: take it over.</summary>
    TakeOver,

    /// <summary>Waiting for its next try after a fault: the sweep starts it when it is due.</summary>
    NotDue,

    /// <summary>Another worker is on it right now: this delivery is a duplicate.</summary>
    AlreadyClaimed,

    /// <summary>Done, failed, withdrawn or reviewed: a blob here is not to be processed.</summary>
    NotClaimable,
}
