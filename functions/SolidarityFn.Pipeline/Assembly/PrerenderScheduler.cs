using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>The queue item of a pre-render (queue "prerender"): render what the campaign's current plan lacks.</summary>
public sealed record PrerenderWork(string CampaignId)
{
    public const string QueueName = "prerender";
}

/// <summary>
/// Queues a pre-render when a clip is approved. Approvals are coalesced by time window: every approval in one
/// <see cref="AssemblyOptions.PrerenderDelay"/> window maps to the same idempotency key ("{campaign}@{window start}"),
/// whose item becomes visible when the window ends, so it runs once and sees all of them. A key is never reused after
/// its window, so a Done item (kept until purged) never swallows a later approval.
/// </summary>
public sealed partial class PrerenderScheduler(TableQueue queue, IOptions<AssemblyOptions> options, TimeProvider time, ILogger<PrerenderScheduler> logger)
{
    /// <summary>Best effort: an approval never fails because its pre-render could not be queued.</summary>
    public async Task ScheduleAsync(string campaignId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.PrerenderOnApproval)
        {
            return;
        }

        var now = time.GetUtcNow();
        var window = settings.PrerenderDelay;
        var start = window > TimeSpan.Zero ? new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero) : now;
        var key = campaignId + "@" + start.UtcTicks.ToString(CultureInfo.InvariantCulture);
        try
        {
            await queue.EnqueueAsync(PrerenderWork.QueueName, key, QueuePayload.Serialize(new PrerenderWork(campaignId)), start + window, maxAttempts: null, cancellationToken);
        }
        catch (Azure.RequestFailedException e)
        {
            Log.NotQueued(logger, e, campaignId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not queue a pre-render for {CampaignId}; the next assembly renders what is missing")]
        public static partial void NotQueued(ILogger logger, Exception exception, string campaignId);
    }
}
