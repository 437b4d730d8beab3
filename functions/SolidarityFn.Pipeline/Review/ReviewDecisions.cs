using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Audit;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;
using SolidarityFn.Pipeline.Text;

namespace SolidarityFn.Pipeline.Review;

/// <summary>
/// Approve, reject and order (DESIGN.md §5). Each decision reads the submission, checks the caller's If-Match against
/// its version, changes it, and writes it with the table's ETag, moving its list row in the same transaction; a lost
/// race is retried unless the caller pinned a version, which then gets 412. Every decision is audited.
/// </summary>
public sealed partial class ReviewDecisions
{
    private const int MaxTries = 4;
    public const int MaxOrderLength = 1000;

    private readonly SubmissionStore _submissions;
    private readonly ReviewItems _items;
    private readonly AuditLog _audit;
    private readonly ReviewQueue _reviewQueue;
    private readonly PrerenderScheduler? _prerender;
    private readonly TimeProvider _time;
    private readonly ITextCoverage _coverage;
    private readonly ILogger<ReviewDecisions> _logger;
    private readonly Protection.ProtectedClipRenderer? _protectedClips;

    /// <summary>Decisions without pre-rendering (a host that runs no assemblies).</summary>
    public ReviewDecisions(
        SubmissionStore submissions, ReviewItems items, AuditLog audit, ReviewQueue reviewQueue, TimeProvider time, ITextCoverage coverage, ILogger<ReviewDecisions> logger)
        : this(submissions, items, audit, reviewQueue, null, time, coverage, logger)
    {
    }

    public ReviewDecisions(
        SubmissionStore submissions,
        ReviewItems items,
        AuditLog audit,
        ReviewQueue reviewQueue,
        PrerenderScheduler? prerender,
        TimeProvider time,
        ITextCoverage coverage,
        ILogger<ReviewDecisions> logger,
        Protection.ProtectedClipRenderer? protectedClips = null)
    {
        _protectedClips = protectedClips;
        _coverage = coverage;
        _prerender = prerender;
        _reviewQueue = reviewQueue;
        _submissions = submissions;
        _items = items;
        _audit = audit;
        _time = time;
        _logger = logger;
    }

    /// <summary>Approves (or re-approves with a new caption or trims) and queues a pre-render of the campaign's plan.</summary>
    public async Task<Outcome<ReviewItem>> ApproveAsync(
        string campaignId, string submissionId, ApproveRequest request, string? ifMatch, Organizer actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = ReviewRequestValidator.Check(request);
        // The organizer's caption is burned into the video like the contributor's: the same fonts must draw it.
        DrawableFields.Check(_coverage, request.Caption?.Trim(), "caption", errors);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var outcome = await DecideAsync(campaignId, submissionId, ifMatch, actor, "submission.approve", async (submission, token) =>
        {
            // A clip that asks for identity protection is approved only once an organizer confirmed what is hidden.
            if (Protection.ProtectionService.ApprovalRefusal(submission) is { } unprotected)
            {
                return unprotected;
            }

            var clipSeconds = submission.ClipSeconds ?? submission.SourceDurationSeconds ?? 0;
            var clipErrors = ReviewRequestValidator.CheckAgainstClip(request, clipSeconds);
            if (clipErrors.Count > 0)
            {
                return Problem.Validation(clipErrors);
            }

            if (request.Caption?.Trim() is { } caption && caption != submission.Caption)
            {
                // Keep what the contributor wrote; editing back to it drops the copy.
                submission.OriginalCaption ??= submission.Caption;
                submission.Caption = caption;
                if (submission.OriginalCaption == caption)
                {
                    submission.OriginalCaption = null;
                }
            }

            submission.TrimStartSeconds = request.TrimStartSeconds is > 0 ? request.TrimStartSeconds : null;
            submission.TrimEndSeconds = request.TrimEndSeconds is { } end && end < clipSeconds - 0.001 ? end : null;
            if (submission.StatusValue != SubmissionStatus.Approved)
            {
                submission.Position = await NextPositionAsync(campaignId, token);
                submission.DecidedAt = _time.GetUtcNow();
            }

            SubmissionLifecycle.Move(submission, SubmissionStatus.Approved, SubmissionActor.Organizer, _logger);
            submission.RejectionReason = null;
            return null;
        }, cancellationToken);
        if (outcome.Succeeded && outcome.Value!.Protect is not null && _protectedClips is not null)
        {
            // Approved with its confirmed regions: the unprotected clip is no longer needed to re-confirm. Erasure of
            // the media folder would take it anyway; a failure here leaves it private.
            await _protectedClips.DeleteUnprotectedAsync(campaignId, submissionId, cancellationToken);
        }

        if (outcome.Succeeded && _prerender is not null)
        {
            await _prerender.ScheduleAsync(campaignId, cancellationToken);
        }

        return outcome;
    }

    public Task<Outcome<ReviewItem>> RejectAsync(
        string campaignId, string submissionId, RejectRequest request, string? ifMatch, Organizer actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = ReviewRequestValidator.Check(request);
        if (errors.Count > 0)
        {
            return Task.FromResult<Outcome<ReviewItem>>(Problem.Validation(errors));
        }

        return DecideAsync(campaignId, submissionId, ifMatch, actor, "submission.reject", (submission, _) =>
        {
            SubmissionLifecycle.Move(submission, SubmissionStatus.Rejected, SubmissionActor.Organizer, _logger);
            submission.RejectionReason = request.Reason!.Trim();
            submission.DecidedAt = _time.GetUtcNow();
            submission.Position = null;
            return Task.FromResult<Problem?>(null);
        }, cancellationToken);
    }

    /// <summary>
    /// Puts the approved clips in the given order; approved clips not named keep their relative order after them.
    /// Only rows whose position changes are written.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<ReviewItem>>> OrderAsync(
        string campaignId, IReadOnlyList<string>? submissionIds, Organizer actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (submissionIds is null || submissionIds.Count > MaxOrderLength || submissionIds.Any(id => !SubmissionIds.IsValid(id)) ||
            submissionIds.Distinct(StringComparer.Ordinal).Count() != submissionIds.Count)
        {
            return Problem.Validation(new Dictionary<string, string[]>
            {
                ["order"] = [$"A JSON array of up to {MaxOrderLength} distinct submission ids."],
            });
        }

        var approved = await ApprovedAsync(campaignId, cancellationToken);
        var current = approved.Select(r => r.SubmissionId).ToList();
        var missing = submissionIds.Where(id => !current.Contains(id, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            return Problem.Conflict("Only approved submissions can be ordered.", "Not approved (any more): " + string.Join(", ", missing));
        }

        var order = submissionIds.Concat(current.Where(id => !submissionIds.Contains(id, StringComparer.Ordinal))).ToList();
        var positions = approved.ToDictionary(r => r.SubmissionId, r => r.Position, StringComparer.Ordinal);
        for (var i = 0; i < order.Count; i++)
        {
            if (positions[order[i]] != i + 1 && !await SetPositionAsync(campaignId, order[i], i + 1, cancellationToken))
            {
                return Problem.Conflict("A clip changed while the order was saved.", "Reload the list and order again.");
            }
        }

        await _audit.WriteAsync(new AuditRecord(campaignId, "campaign.order", actor, null, current, order), cancellationToken);
        Log.Ordered(_logger, campaignId, order.Count);
        var rows = await ApprovedAsync(campaignId, cancellationToken);
        var items = new List<ReviewItem>(rows.Count);
        foreach (var row in rows)
        {
            items.Add(await _items.FromRowAsync(row, cancellationToken));
        }

        return Outcome<IReadOnlyList<ReviewItem>>.Ok(items);
    }

    private async Task<Outcome<ReviewItem>> DecideAsync(
        string campaignId,
        string submissionId,
        string? ifMatch,
        Organizer actor,
        string action,
        Func<SubmissionEntity, CancellationToken, Task<Problem?>> apply,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        for (var attempt = 1; attempt <= MaxTries; attempt++)
        {
            var submission = await _submissions.GetAsync(campaignId, submissionId, cancellationToken);
            if (submission is null)
            {
                return Problem.NotFound("The submission");
            }

            // A withdrawn or failed clip is refused as such (409) whatever version the caller saw: that says more than 412.
            if (NotDecidable(submission.StatusValue) is { } refusal)
            {
                return refusal;
            }

            if (!ReviewEtags.Matches(ifMatch, submission.Version))
            {
                return Problem.PreconditionFailed(ReviewEtags.For(submission.Version));
            }

            var before = AuditView.Of(submission);
            if (await apply(submission, cancellationToken) is { } problem)
            {
                return problem;
            }

            if (await _submissions.TryReplaceAsync(submission, cancellationToken))
            {
                await _audit.WriteAsync(new AuditRecord(campaignId, action, actor, submissionId, before, AuditView.Of(submission)), cancellationToken);
                Log.Decided(_logger, action, submissionId, campaignId);
                await CompleteReviewItemAsync(campaignId, submissionId, cancellationToken);
                return Outcome<ReviewItem>.Ok(await _items.FromSubmissionAsync(submission, cancellationToken));
            }

            if (!string.IsNullOrWhiteSpace(ifMatch))
            {
                // Someone changed it between our read and our write; their version is not known without a read.
                return Problem.PreconditionFailed(null);
            }
        }

        return Problem.Conflict("This submission is changing right now.", "Try again in a moment.");
    }

    /// <summary>
    /// Decided: nobody needs to be handed this clip any more. Best effort: "review next" skips decided clips anyway,
    /// so a failure here only costs one wasted claim later.
    /// </summary>
    private async Task CompleteReviewItemAsync(string campaignId, string submissionId, CancellationToken cancellationToken)
    {
        try
        {
            await _reviewQueue.CompleteAsync(campaignId, submissionId, cancellationToken);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or TimeoutException or IOException)
        {
            Log.ReviewItemNotCompleted(_logger, e, submissionId, campaignId);
        }
    }

    private static Problem? NotDecidable(SubmissionStatus status) => status switch
    {
        SubmissionStatus.Ready or SubmissionStatus.Approved or SubmissionStatus.Rejected => null,
        SubmissionStatus.Withdrawn => Problem.Conflict("The contributor withdrew this submission.", "It can no longer be used."),
        SubmissionStatus.Failed => Problem.Conflict("This submission failed processing.", "There is no clip to review."),
        SubmissionStatus.Expired => Problem.Conflict("This upload never arrived.", "There is no clip to review."),
        _ => Problem.Conflict("This submission is not ready for review yet.", "Its clip is still being uploaded or processed."),
    };

    private async Task<bool> SetPositionAsync(string campaignId, string submissionId, int position, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxTries; attempt++)
        {
            var submission = await _submissions.GetAsync(campaignId, submissionId, cancellationToken);
            if (submission is null || submission.StatusValue != SubmissionStatus.Approved)
            {
                return false;
            }

            submission.Position = position;
            if (await _submissions.TryReplaceAsync(submission, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The approved list rows in organizer order (a campaign's approved clips number in the dozens or hundreds).</summary>
    private async Task<List<ReviewIndexEntity>> ApprovedAsync(string campaignId, CancellationToken cancellationToken)
    {
        return await _submissions.ListedAsync(campaignId, SubmissionStatus.Approved, null, cancellationToken).ToListAsync(cancellationToken);
    }

    private async Task<int> NextPositionAsync(string campaignId, CancellationToken cancellationToken)
    {
        var last = 0;
        await foreach (var row in _submissions.ListedAsync(campaignId, SubmissionStatus.Approved, ["Position"], cancellationToken))
        {
            last = Math.Max(last, row.Position ?? 0);
        }

        return last + 1;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Organizer decision {Action} on submission {SubmissionId} of campaign {CampaignId}")]
        public static partial void Decided(ILogger logger, string action, string submissionId, string campaignId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark the review item of {SubmissionId} ({CampaignId}) done; review-next will skip it")]
        public static partial void ReviewItemNotCompleted(ILogger logger, Exception exception, string submissionId, string campaignId);

        [LoggerMessage(Level = LogLevel.Information, Message = "Organizer ordered {Count} approved clips of campaign {CampaignId}")]
        public static partial void Ordered(ILogger logger, string campaignId, int count);
    }
}

/// <summary>What the audit keeps of a submission before and after a decision: the review fields, nothing secret.</summary>
internal sealed record AuditView(string Status, string Caption, string? OriginalCaption, int? Position, double? TrimStartSeconds, double? TrimEndSeconds, string? RejectionReason, int Version)
{
    public static AuditView Of(SubmissionEntity s) =>
        new(s.Status, s.Caption, s.OriginalCaption, s.Position, s.TrimStartSeconds, s.TrimEndSeconds, s.RejectionReason, s.Version);
}
