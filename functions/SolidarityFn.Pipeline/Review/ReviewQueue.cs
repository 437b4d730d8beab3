using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Review;

/// <summary>The payload of a review item.</summary>
public sealed record ReviewQueueItem(string CampaignId, string SubmissionId);

/// <summary>
/// Submissions waiting for a person, one queue per campaign ("review-{campaignId}"), over the table queue. No
/// handler drains it: organizers claim items so that two of them reviewing at once are not shown the same clip.
/// The idempotency key is the submission id, so enqueueing the same submission again is a no-op. Claims pick
/// among due items at random (the queue's claim strategy), not in arrival order.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a work queue; the name says so.")]
public sealed partial class ReviewQueue(TableQueue queue, ILogger<ReviewQueue> logger)
{
    public const string QueuePrefix = "review-";

    /// <summary>
    /// A claim counts as an attempt until it is released; only leases that run out unreleased stay counted. Review
    /// items get the queue's highest limit so that organizers walking away from claimed clips hardly ever dead-letter one.
    /// </summary>
    public const int MaxAttempts = 100;

    public static string QueueName(string campaignId)
    {
        if (!CampaignIds.IsValid(campaignId))
        {
            throw new ArgumentException("Not a campaign id.", nameof(campaignId));
        }

        return QueuePrefix + campaignId;
    }

    /// <summary>The submission a claimed review item is for (its idempotency key).</summary>
    public static string SubmissionIdOf(QueueLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return lease.IdempotencyKey;
    }

    public async Task<EnqueueResult> EnqueueAsync(string campaignId, string submissionId, CancellationToken cancellationToken)
    {
        var name = QueueName(campaignId);
        ThrowIfNotSubmissionId(submissionId);
        var payload = QueuePayload.Serialize(new ReviewQueueItem(campaignId, submissionId));
        return await queue.EnqueueAsync(name, submissionId, payload, visibleAt: null, MaxAttempts, cancellationToken);
    }

    /// <summary>
    /// Claims the next item whose submission is still reviewable, for <paramref name="lease"/>; null when none is
    /// left. Items whose submission is no longer reviewable (withdrawn, decided from the grid, or never Ready) are
    /// completed and skipped. If <paramref name="stillReviewable"/> throws, the item is released and the error passes on.
    /// </summary>
    public async Task<QueueLease?> ClaimNextAsync(
        string campaignId,
        Func<string, CancellationToken, Task<bool>> stillReviewable,
        TimeSpan lease,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stillReviewable);
        var name = QueueName(campaignId);
        while (true)
        {
            var claimed = await queue.ClaimAsync(name, lease, cancellationToken);
            if (claimed is null)
            {
                return null;
            }

            bool reviewable;
            try
            {
                reviewable = await stillReviewable(claimed.IdempotencyKey, cancellationToken);
            }
            catch (Exception e)
            {
                // Hand the item back (even when the caller gave up) so it is not hidden for a whole lease.
                try
                {
                    await ReleaseAsync(claimed, CancellationToken.None);
                }
                catch (Exception releaseError)
                {
                    Log.ReleaseFailed(logger, releaseError, claimed.IdempotencyKey, campaignId, e.GetType().Name);
                }

                throw;
            }

            if (reviewable)
            {
                return claimed;
            }

            try
            {
                await queue.CompleteAsync(claimed, cancellationToken);
                Log.Skipped(logger, claimed.IdempotencyKey, campaignId);
            }
            catch (LeaseLostException)
            {
                // Finished or taken elsewhere meanwhile: either way not ours to show.
            }
        }
    }

    /// <summary>The submission was decided: its item is Done, whoever holds it (an organizer may decide from the grid).</summary>
    public Task<KeyCompletion> CompleteAsync(string campaignId, string submissionId, CancellationToken cancellationToken)
    {
        var name = QueueName(campaignId);
        ThrowIfNotSubmissionId(submissionId);
        return queue.CompleteByKeyAsync(name, submissionId, cancellationToken);
    }

    /// <summary>
    /// Skip: the item is visible again at once and the claim is not counted as an attempt. False when the lease was
    /// already gone (the item was decided or claimed by someone else meanwhile): there is nothing to hand back.
    /// </summary>
    public async Task<bool> ReleaseAsync(QueueLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        try
        {
            await queue.ReleaseAsync(lease, TimeSpan.Zero, cancellationToken);
            return true;
        }
        catch (LeaseLostException)
        {
            return false;
        }
    }

    /// <summary>
    /// Skip from another request than the claim's (HTTP is stateless: the page sends back the lease id it was given).
    /// False when that lease no longer holds the item.
    /// </summary>
    public async Task<bool> ReleaseAsync(string campaignId, string submissionId, string leaseId, CancellationToken cancellationToken)
    {
        var name = QueueName(campaignId);
        ThrowIfNotSubmissionId(submissionId);
        var lease = await queue.FindLeaseAsync(name, submissionId, leaseId, cancellationToken);
        return lease is not null && await ReleaseAsync(lease, cancellationToken);
    }

    private static void ThrowIfNotSubmissionId(string submissionId)
    {
        if (!SubmissionIds.IsValid(submissionId))
        {
            throw new ArgumentException("Not a submission id.", nameof(submissionId));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Review item {SubmissionId} of {CampaignId} is no longer reviewable; completed and skipped")]
        public static partial void Skipped(ILogger logger, string submissionId, string campaignId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release review item {SubmissionId} of {CampaignId} after the reviewability check failed ({Error}); it comes back when its lease ends")]
        public static partial void ReleaseFailed(ILogger logger, Exception exception, string submissionId, string campaignId, string error);
    }
}
