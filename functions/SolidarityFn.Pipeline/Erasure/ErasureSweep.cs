using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Erasure;

/// <summary>
/// Finishes erasures a crash interrupted, and deletes what a late worker stored for a submission already erased: every
/// row whose <see cref="SubmissionEntity.ErasurePending"/> is still raised goes through the erasure's blob, retraction and
/// audit steps again. Runs on a timer; each row is independent, so one that fails is tried again on the next run.
/// </summary>
public sealed partial class ErasureSweep(SubmissionStore submissions, SubmissionErasure erasure, ILogger<ErasureSweep> logger)
{

    /// <returns>How many pending erasures were run again, and how many of those failed this time.</returns>
    public async Task<ErasureSweepReport> SweepAsync(CancellationToken cancellationToken)
    {
        // Only submission rows carry the column, never the organizers' list rows beside them.

        int finished = 0, failed = 0;
        await foreach (var row in submissions.WhereAsync($"ErasurePending eq {true}", cancellationToken))
        {
            try
            {
                await erasure.FinishAsync(row, cancellationToken);
                finished++;
            }
            catch (RequestFailedException e)
            {
                failed++;
                Log.NotFinished(logger, e, row.SubmissionId, row.CampaignId);
            }
        }

        var report = new ErasureSweepReport(finished, failed);
        if (report != ErasureSweepReport.Empty)
        {
            Log.Swept(logger, finished, failed);
        }

        return report;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Erasure sweep: {Finished} pending erasures run again, {Failed} failed and wait for the next run")]
        public static partial void Swept(ILogger logger, int finished, int failed);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Erasure sweep could not finish submission {SubmissionId} of campaign {CampaignId}")]
        public static partial void NotFinished(ILogger logger, Exception exception, string submissionId, string campaignId);
    }
}

public sealed record ErasureSweepReport(int Finished, int Failed)
{
    public static readonly ErasureSweepReport Empty = new(0, 0);
}
