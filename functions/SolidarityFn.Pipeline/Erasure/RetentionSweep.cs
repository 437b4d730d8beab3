using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Audit;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Review;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Erasure;

/// <summary>
/// Applies every campaign's retention: once <see cref="RetentionClock.ErasureDueAt"/> has passed, each submission not
/// yet erased goes through <see cref="SubmissionErasure.EraseForRetentionAsync"/> (media, segments and typed text; the
/// row keeps its status and consent facts), then the audit details of the whole campaign's submissions, and the campaign
/// is recorded as done for that due time. Assembled videos stay. A campaign that ends again later (reopened, closed
/// again) has a new due time and is run again for what came since. Resumable: an interrupted run is simply run again.
/// </summary>
public sealed partial class RetentionSweep(
    SubmissionStore submissions,
    CampaignStore campaigns,
    SubmissionErasure erasure,
    AuditLog audit,
    TimeProvider time,
    ILogger<RetentionSweep> logger)
{

    /// <returns>How many campaigns were completed and how many submissions erased in this run.</returns>
    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        int campaignsDone = 0, erased = 0, failed = 0;
        await foreach (var campaign in campaigns.ListAsync(cancellationToken))
        {
            if (RetentionClock.ErasureDueAt(campaign) is not { } due || due > now
                || await campaigns.RetentionDoneForAsync(campaign.Id, cancellationToken) == due)
            {
                continue;
            }

            try
            {
                var (count, complete) = await EraseCampaignAsync(campaign.Id, cancellationToken);
                erased += count;
                if (complete)
                {
                    await campaigns.RecordRetentionDoneAsync(campaign.Id, due, time.GetUtcNow(), cancellationToken);
                    campaignsDone++;
                    Log.CampaignErased(logger, campaign.Id, count, due);
                }
            }
            catch (RequestFailedException e)
            {
                failed++;
                Log.CampaignNotErased(logger, e, campaign.Id);
            }
        }

        return new RetentionReport(campaignsDone, erased, failed);
    }

    /// <summary>Erases every submission of the campaign not erased yet, then its audit details.</summary>
    /// <returns>How many were erased now, and whether all were (a row that kept changing is left for the next run).</returns>
    public async Task<(int Erased, bool Complete)> EraseCampaignAsync(string campaignId, CancellationToken cancellationToken)
    {
        // Submission rows only: the organizers' list rows sort after them, from '~'.

        var pending = new List<SubmissionEntity>();
        await foreach (var row in submissions.OfCampaignAsync(campaignId, null, cancellationToken))
        {
            if (row.ErasedAt is null)
            {
                pending.Add(row);
            }
        }

        var erased = 0;
        var complete = true;
        foreach (var row in pending)
        {
            if (await erasure.EraseForRetentionAsync(row, cancellationToken))
            {
                erased++;
            }
            else
            {
                complete = false;
            }
        }

        // After the rows: an organizer's decision that raced the erasure has written its audit row by now.
        await audit.EraseSubmissionDetailsAsync(campaignId, submissionId: null, cancellationToken);
        return (erased, complete);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Retention of campaign {CampaignId} (due {DueAt}) applied: {Erased} submissions erased")]
        public static partial void CampaignErased(ILogger logger, string campaignId, int erased, DateTimeOffset dueAt);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Retention of campaign {CampaignId} could not finish; the next run goes on")]
        public static partial void CampaignNotErased(ILogger logger, Exception exception, string campaignId);
    }
}

public sealed record RetentionReport(int CampaignsCompleted, int SubmissionsErased, int CampaignsFailed);
