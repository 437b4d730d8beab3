using System.Collections.Frozen;
using Microsoft.Extensions.Logging;

namespace SolidarityFn.Pipeline.Submissions;

/// <summary>Who changes a submission's status. Each legal move in <see cref="SubmissionLifecycle"/> names one.</summary>
public enum SubmissionActor
{
    /// <summary>The upload request: creates the row, <c>Issued</c>.</summary>
    Intake,

    /// <summary>A processing run, whoever started it (the blob event, the sweep, the pump after an organizer's retry).</summary>
    Processor,

    /// <summary>The stalled-upload sweep's own decisions (expiring links nobody used).</summary>
    Sweep,

    /// <summary>An organizer: review decisions and retries.</summary>
    Organizer,

    /// <summary>The contributor through the receipt link: withdrawal, and the expiry recorded when the receipt is read.</summary>
    Contributor,
}

/// <summary>
/// The one owner of submission status (DESIGN.md §4): the legal moves between states and who may make each. Every
/// status change in the pipeline goes through <see cref="Move"/> (or <see cref="Issue"/>, <see cref="Expire"/>,
/// <see cref="Withdraw"/>, which also set the fields that go with the state); an illegal move changes nothing, is logged
/// and throws <see cref="SubmissionMoveRefusedException"/>. Callers still write the row with If-Match: this decides
/// what may be written, the store decides whether it still may.
/// </summary>
public static partial class SubmissionLifecycle
{
    public const string ExpiredReason = "expired";

    /// <summary>
    /// Every legal (from, to, by); a null from is the creation of the row. Written from what the pipeline does, in
    /// README "Submission states". Withdrawn is terminal; Expired only lets the upload that did arrive be processed and
    /// the contributor withdraw (which erases what they typed).
    /// </summary>
    public static readonly FrozenSet<SubmissionMove> LegalMoves = new SubmissionMove[]
    {
        new(null, SubmissionStatus.Issued, SubmissionActor.Intake),

        // Claim a committed upload (an Expired row whose upload landed after all is still processed: never lose one).
        new(SubmissionStatus.Issued, SubmissionStatus.Processing, SubmissionActor.Processor),
        new(SubmissionStatus.Uploaded, SubmissionStatus.Processing, SubmissionActor.Processor),
        new(SubmissionStatus.Expired, SubmissionStatus.Processing, SubmissionActor.Processor),

        // Take over a claim whose worker stopped answering.
        new(SubmissionStatus.Processing, SubmissionStatus.Processing, SubmissionActor.Processor),
        new(SubmissionStatus.Processing, SubmissionStatus.Ready, SubmissionActor.Processor),
        new(SubmissionStatus.Processing, SubmissionStatus.Failed, SubmissionActor.Processor),

        // A fault of ours (or shutting down): handed back for a later attempt.
        new(SubmissionStatus.Processing, SubmissionStatus.Uploaded, SubmissionActor.Processor),

        new(SubmissionStatus.Issued, SubmissionStatus.Expired, SubmissionActor.Sweep),
        new(SubmissionStatus.Issued, SubmissionStatus.Expired, SubmissionActor.Contributor),

        // Decisions, and changing one's mind: re-approving saves a new caption or trims, re-rejecting a new reason.
        new(SubmissionStatus.Ready, SubmissionStatus.Approved, SubmissionActor.Organizer),
        new(SubmissionStatus.Ready, SubmissionStatus.Rejected, SubmissionActor.Organizer),
        new(SubmissionStatus.Approved, SubmissionStatus.Approved, SubmissionActor.Organizer),
        new(SubmissionStatus.Approved, SubmissionStatus.Rejected, SubmissionActor.Organizer),
        new(SubmissionStatus.Rejected, SubmissionStatus.Approved, SubmissionActor.Organizer),
        new(SubmissionStatus.Rejected, SubmissionStatus.Rejected, SubmissionActor.Organizer),

        // Retry of an upload our faults kept from Ready (the caller checks the upload is still kept).
        new(SubmissionStatus.Failed, SubmissionStatus.Uploaded, SubmissionActor.Organizer),

        // Consent can be withdrawn from every state but Withdrawn itself.
        new(SubmissionStatus.Issued, SubmissionStatus.Withdrawn, SubmissionActor.Contributor),
        new(SubmissionStatus.Uploaded, SubmissionStatus.Withdrawn, SubmissionActor.Contributor),
        new(SubmissionStatus.Processing, SubmissionStatus.Withdrawn, SubmissionActor.Contributor),
        new(SubmissionStatus.Ready, SubmissionStatus.Withdrawn, SubmissionActor.Contributor),
        new(SubmissionStatus.Approved, SubmissionStatus.Withdrawn, SubmissionActor.Contributor),
        new(SubmissionStatus.Rejected, SubmissionStatus.Withdrawn, SubmissionActor.Contributor),
        new(SubmissionStatus.Failed, SubmissionStatus.Withdrawn, SubmissionActor.Contributor),
        new(SubmissionStatus.Expired, SubmissionStatus.Withdrawn, SubmissionActor.Contributor),
    }.ToFrozenSet();

    public static bool Allows(SubmissionStatus? from, SubmissionStatus to, SubmissionActor by) => LegalMoves.Contains(new SubmissionMove(from, to, by));

    /// <summary>Marks a row that is not stored yet as <c>Issued</c>.</summary>
    public static void Issue(SubmissionEntity fresh, SubmissionActor by, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        Check(fresh, null, SubmissionStatus.Issued, by, logger);
        fresh.StatusValue = SubmissionStatus.Issued;
    }

    /// <summary>Moves the row to <paramref name="to"/>, or throws (changing nothing) if <paramref name="by"/> may not.</summary>
    public static void Move(SubmissionEntity row, SubmissionStatus to, SubmissionActor by, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(row);
        Check(row, row.StatusValue, to, by, logger);
        row.StatusValue = to;
    }

    /// <summary>The upload link ran out and nothing came.</summary>
    public static void Expire(SubmissionEntity row, SubmissionActor by, ILogger logger)
    {
        Move(row, SubmissionStatus.Expired, by, logger);
        row.Reason = ExpiredReason;
        row.Message = "The upload link expired before the file arrived. Open the campaign link again to send it.";
    }

    /// <summary>Keeps the record that consent was given and withdrawn, and erases what the contributor typed.</summary>
    public static void Withdraw(SubmissionEntity row, DateTimeOffset now, SubmissionActor by, ILogger logger)
    {
        Move(row, SubmissionStatus.Withdrawn, by, logger);
        row.WithdrawnAt = now;
        row.Reason = null;
        row.Message = null;
        row.EraseTypedText();
        row.Position = null;
        row.ClaimId = null;
        row.ClaimedAt = null;
        row.NextAttemptAt = null;
    }

    private static void Check(SubmissionEntity row, SubmissionStatus? from, SubmissionStatus to, SubmissionActor by, ILogger logger)
    {
        if (Allows(from, to, by))
        {
            return;
        }

        // Ids and states only: nothing the contributor typed.
        Log.Refused(logger, row.SubmissionId, row.CampaignId, from?.ToString() ?? "new", to, by);
        throw new SubmissionMoveRefusedException(row.SubmissionId, from, to, by);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Refused to move submission {SubmissionId} of campaign {CampaignId} from {From} to {To} by {Actor}")]
        public static partial void Refused(ILogger logger, string submissionId, string campaignId, string from, SubmissionStatus to, SubmissionActor actor);
    }
}

/// <summary>A status change: from (null for a new row), to, and who makes it.</summary>
public readonly record struct SubmissionMove(SubmissionStatus? From, SubmissionStatus To, SubmissionActor By);

/// <summary>A status change the lifecycle does not allow; the row was left as it was.</summary>
public sealed class SubmissionMoveRefusedException : InvalidOperationException
{
    public SubmissionMoveRefusedException(string submissionId, SubmissionStatus? from, SubmissionStatus to, SubmissionActor by)
        : base($"Submission {submissionId} may not move from {from?.ToString() ?? "new"} to {to} by {by}.")
    {
        SubmissionId = submissionId;
        From = from;
        To = to;
        By = by;
    }

    public SubmissionMoveRefusedException()
    {
        SubmissionId = "";
    }

    public SubmissionMoveRefusedException(string message)
        : base(message)
    {
        SubmissionId = "";
    }

    public SubmissionMoveRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        SubmissionId = "";
    }

    public string SubmissionId { get; }

    public SubmissionStatus? From { get; }

    public SubmissionStatus To { get; }

    public SubmissionActor By { get; }
}
