using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Audit;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Review;
using SolidarityFn.Pipeline.Security;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Protection;

/// <summary>
/// The one owner of a submission's identity protection (issue 15): the contributor turns it on from the receipt (never
/// off); organizers read the proposed regions, edit them and confirm, which renders the protected clip. Every change
/// resets the confirmation, and <see cref="ReviewDecisions"/> refuses to approve a protected clip without one.
/// </summary>
public sealed partial class ProtectionService(
    SubmissionStore submissions,
    AuditLog audit,
    ProtectedClipRenderer renderer,
    RegionProposer proposer,
    TimeProvider time,
    ILogger<ProtectionService> logger)
{
    /// <summary>Who the audit names for a contributor's change: the receipt names nobody.</summary>
    public static Organizer ContributorActor { get; } = new("contributor", "Contributor (receipt)", "receipt");

    public static readonly Problem NotConfirmed = Problem.Conflict(
        "This clip asks for identity protection and nobody has checked it yet.",
        "Open its protection check, make sure every face that must be hidden is covered, and confirm before approving.");

    private const int MaxTries = 4;

    /// <summary>Turns on what <paramref name="choice"/> asks for; a false or absent member changes nothing.</summary>
    public async Task<Outcome<ProtectView>> TurnOnAsync(string submissionId, string? receiptToken, ProtectChoice choice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        if (string.IsNullOrEmpty(receiptToken) || ReceiptTokens.CampaignOf(receiptToken) is not { } campaignId)
        {
            return Problem.NotFound("The submission");
        }

        for (var attempt = 1; attempt <= MaxTries; attempt++)
        {
            var submission = await submissions.GetAsync(campaignId, submissionId, cancellationToken);
            if (submission is null || !ReceiptTokens.Matches(receiptToken, submission.ReceiptTokenHash))
            {
                return Problem.NotFound("The submission");
            }

            var faces = choice.Faces == true && submission.ProtectFaces != true;
            var voice = choice.Voice == true && submission.ProtectVoice != true;
            if (!faces && !voice)
            {
                return Outcome<ProtectView>.Ok(ViewOf(submission));
            }

            if (ContributorRefusal(submission.StatusValue) is { } refusal)
            {
                return refusal;
            }

            var before = AuditOf(submission);
            submission.ProtectFaces = submission.ProtectFaces == true || faces ? true : null;
            submission.ProtectVoice = submission.ProtectVoice == true || voice ? true : null;
            Unconfirm(submission);
            if (await submissions.TryReplaceAsync(submission, cancellationToken))
            {
                await audit.WriteAsync(new AuditRecord(campaignId, "submission.protect", ContributorActor, submissionId, before, AuditOf(submission)), cancellationToken);
                Log.TurnedOn(logger, submissionId, campaignId, submission.ProtectFaces == true, submission.ProtectVoice == true);
                return Outcome<ProtectView>.Ok(ViewOf(submission));
            }
        }

        return Problem.Conflict("The submission is changing right now.", "Try again in a moment.");
    }

    /// <summary>The protection as stored; regions are proposed first if faces are asked and none were proposed yet.</summary>
    public async Task<Outcome<ProtectionState>> GetAsync(string campaignId, string submissionId, CancellationToken cancellationToken)
    {
        var submission = await submissions.GetAsync(campaignId, submissionId, cancellationToken);
        if (submission is null)
        {
            return Problem.NotFound("The submission");
        }

        if (submission.ProtectFaces == true && submission.ProtectionProposedAt is null &&
            submission.StatusValue is SubmissionStatus.Ready or SubmissionStatus.Rejected)
        {
            // Asked for after processing (from the receipt): propose now, once.
            submission = await proposer.ProposeForStoredAsync(submission, cancellationToken) ?? submission;
        }

        return Outcome<ProtectionState>.Ok(StateOf(submission));
    }

    /// <summary>Saves the organizer's regions (and choices turned on); with confirm, renders the protected clip and confirms.</summary>
    public async Task<Outcome<ProtectionState>> PutAsync(
        string campaignId, string submissionId, ProtectionUpdate update, string? ifMatch, Organizer actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(actor);
        for (var attempt = 1; attempt <= MaxTries; attempt++)
        {
            var submission = await submissions.GetAsync(campaignId, submissionId, cancellationToken);
            if (submission is null)
            {
                return Problem.NotFound("The submission");
            }

            if (OrganizerRefusal(submission.StatusValue) is { } refusal)
            {
                return refusal;
            }

            if (!ReviewEtags.Matches(ifMatch, submission.Version))
            {
                return Problem.PreconditionFailed(ReviewEtags.For(submission.Version));
            }

            var clipSeconds = submission.ClipSeconds ?? submission.SourceDurationSeconds ?? 0;
            var errors = ProtectionRegions.Check(update.Regions, clipSeconds);
            if (update.Faces == false && submission.ProtectFaces == true)
            {
                errors["faces"] = ["The contributor asked for their face to be hidden: it cannot be turned off."];
            }

            if (update.Voice == false && submission.ProtectVoice == true)
            {
                errors["voice"] = ["The contributor asked for their voice to be removed: it cannot be turned off."];
            }

            if (errors.Count > 0)
            {
                return Problem.Validation(errors);
            }

            var before = AuditOf(submission);
            submission.ProtectFaces = submission.ProtectFaces == true || update.Faces == true ? true : null;
            submission.ProtectVoice = submission.ProtectVoice == true || update.Voice == true ? true : null;
            if (update.Regions is not null)
            {
                submission.ProtectionRegionsJson = ProtectionRegions.Serialize(update.Regions);
            }

            Unconfirm(submission);
            if (update.Confirm == true)
            {
                if (!submission.WantsProtection)
                {
                    return Problem.Conflict("There is nothing to protect.", "Turn on faces or voice to confirm a protection.");
                }

                var regions = submission.ProtectFaces == true ? ProtectionRegions.Parse(submission.ProtectionRegionsJson) : [];
                try
                {
                    await renderer.RenderAsync(campaignId, submissionId, regions, submission.ProtectVoice == true, clipSeconds, cancellationToken);
                }
                catch (InvalidOperationException)
                {
                    return Problem.Conflict("The unprotected clip is gone.", "This clip was approved with its protection; it can no longer be changed.");
                }

                submission.ProtectionConfirmedAt = time.GetUtcNow();
                submission.ProtectionConfirmedBy = actor.DisplayName;
            }

            if (await submissions.TryReplaceAsync(submission, cancellationToken))
            {
                var action = update.Confirm == true ? "submission.protection.confirm" : "submission.protection";
                await audit.WriteAsync(new AuditRecord(campaignId, action, actor, submissionId, before, AuditOf(submission)), cancellationToken);
                Log.Saved(logger, submissionId, campaignId, update.Confirm == true);
                return Outcome<ProtectionState>.Ok(StateOf(submission));
            }

            if (!string.IsNullOrWhiteSpace(ifMatch))
            {
                return Problem.PreconditionFailed(null);
            }
        }

        return Problem.Conflict("This submission is changing right now.", "Try again in a moment.");
    }

    /// <summary>Null when the submission may be approved as far as its protection goes, else the 409 to answer.</summary>
    public static Problem? ApprovalRefusal(SubmissionEntity submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return submission.WantsProtection && submission.ProtectionConfirmedAt is null ? NotConfirmed : null;
    }

    public static ProtectView ViewOf(SubmissionEntity s) =>
        new(s.ProtectFaces == true, s.ProtectVoice == true, s.ProtectionConfirmedAt is not null);

    public static ProtectionState StateOf(SubmissionEntity s) =>
        new(
            s.ProtectFaces == true,
            s.ProtectVoice == true,
            ProtectionRegions.Parse(s.ProtectionRegionsJson),
            s.ProtectionProposedAt,
            s.ProtectionConfirmedBy,
            s.ProtectionConfirmedAt,
            ReviewEtags.For(s.Version));

    private static void Unconfirm(SubmissionEntity submission)
    {
        submission.ProtectionConfirmedAt = null;
        submission.ProtectionConfirmedBy = null;
    }

    /// <summary>
    /// The receipt may turn protection on until the clip is approved. Not while processing runs: its final write is
    /// If-Match on its claim, which a change here would make it lose.
    /// </summary>
    private static Problem? ContributorRefusal(SubmissionStatus status) => status switch
    {
        SubmissionStatus.Issued or SubmissionStatus.Uploaded or SubmissionStatus.Ready or SubmissionStatus.Rejected => null,
        SubmissionStatus.Processing => Problem.Conflict("Your clip is being processed right now.", "Try again in a minute."),
        SubmissionStatus.Approved => Problem.Conflict("Your clip is already approved.", "Protection can no longer be added; you can still withdraw it."),
        _ => Problem.Conflict("This submission can no longer change.", null),
    };

    private static Problem? OrganizerRefusal(SubmissionStatus status) => status switch
    {
        SubmissionStatus.Ready or SubmissionStatus.Rejected => null,
        SubmissionStatus.Approved => Problem.Conflict("This clip is approved.", "Its protection is final: the unprotected clip was deleted at approval."),
        SubmissionStatus.Withdrawn => Problem.Conflict("The contributor withdrew this submission.", "It can no longer be used."),
        _ => Problem.Conflict("This submission has no clip to protect yet.", "Wait until it is ready for review."),
    };

    private static object AuditOf(SubmissionEntity s) => new
    {
        faces = s.ProtectFaces == true,
        voice = s.ProtectVoice == true,
        regions = ProtectionRegions.Parse(s.ProtectionRegionsJson).Count,
        confirmedAt = s.ProtectionConfirmedAt,
    };

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Contributor turned protection on for {SubmissionId} ({CampaignId}): faces {Faces}, voice {Voice}")]
        public static partial void TurnedOn(ILogger logger, string submissionId, string campaignId, bool faces, bool voice);

        [LoggerMessage(Level = LogLevel.Information, Message = "Organizer saved the protection of {SubmissionId} ({CampaignId}), confirmed {Confirmed}")]
        public static partial void Saved(ILogger logger, string submissionId, string campaignId, bool confirmed);
    }
}
