using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Review;

/// <summary>A clip handed to one organizer for a while, so others reviewing at the same time are shown other clips.</summary>
public sealed record ReviewAssignment(ReviewItem Item, string LeaseId, DateTimeOffset LeaseExpiresAt);

/// <summary>
/// "Review next": claims the campaign's next review item (<see cref="ReviewQueue"/>) for <see cref="LeaseDuration"/>,
/// skipping clips that were decided, withdrawn or never became Ready. Deciding completes the item
/// (<see cref="ReviewDecisions"/>); "skip" hands it back at once; a lease that runs out hands it back by itself.
/// </summary>
public sealed partial class ReviewAssignments(
    ReviewQueue queue, SubmissionStore submissions, CampaignCache campaigns, ReviewItems items, ILogger<ReviewAssignments> logger)
{
    /// <summary>Long enough to watch a clip and fix a caption; short enough that a closed laptop does not hide one for long.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(5);

    /// <summary>The next clip to review, or a null value when every Ready clip is decided or held by someone else.</summary>
    public async Task<Outcome<ReviewAssignment?>> NextAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (!CampaignIds.IsValid(campaignId) || await campaigns.GetAsync(campaignId, cancellationToken) is null)
        {
            return Problem.NotFound("The campaign");
        }

        SubmissionEntity? submission = null;
        var lease = await queue.ClaimNextAsync(
            campaignId,
            async (submissionId, token) =>
            {
                submission = await submissions.GetAsync(campaignId, submissionId, token);
                return submission?.StatusValue == SubmissionStatus.Ready;
            },
            LeaseDuration,
            cancellationToken);
        if (lease is null || submission is null)
        {
            return Outcome<ReviewAssignment?>.Ok(null);
        }

        Log.Assigned(logger, lease.IdempotencyKey, campaignId);
        var item = await items.FromSubmissionAsync(submission, cancellationToken);
        return Outcome<ReviewAssignment?>.Ok(new ReviewAssignment(item, lease.LeaseId, lease.ExpiresAt));
    }

    /// <summary>Skip: the clip goes back to the others at once. 409 when this lease no longer holds it.</summary>
    public async Task<Outcome<bool>> SkipAsync(string campaignId, string submissionId, string? leaseId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(leaseId) || leaseId.Length > 100)
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["leaseId"] = ["The leaseId of the assignment being skipped."] });
        }

        if (!CampaignIds.IsValid(campaignId) || !SubmissionIds.IsValid(submissionId))
        {
            return Problem.NotFound("The review item");
        }

        return await queue.ReleaseAsync(campaignId, submissionId, leaseId, cancellationToken)
            ? Outcome<bool>.Ok(true)
            : Problem.Conflict("This clip is no longer assigned to you.", "It was decided, or its time ran out and someone else has it.");
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Review item {SubmissionId} of {CampaignId} assigned to an organizer")]
        public static partial void Assigned(ILogger logger, string submissionId, string campaignId);
    }
}

/// <summary>Body of a skip.</summary>
public sealed record SkipRequest(string? LeaseId);
