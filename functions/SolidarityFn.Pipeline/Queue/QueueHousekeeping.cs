using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Queue;

/// <summary>What one purge run did.</summary>
public sealed record HousekeepingReport(int Queues, int Purged, DateTimeOffset FinishedBefore);

/// <summary>
/// Deletes Done items finished more than Queue:KeepDoneFor ago, in every queue of the Queue table, so partitions
/// (which claim queries scan) do not grow for ever. Dead-lettered items are kept for a person to look at.
/// <para>
/// Queues are found from the rows themselves, not from the registered handlers: review queues are one per campaign
/// and have no handler. One cross-partition query, filtered to purgeable rows and projecting PartitionKey only,
/// names the queues that have something to purge; each is then purged with <see cref="TableQueue.PurgeAsync"/>.
/// This was chosen over a list of queue names kept in a row because it adds no write to the enqueue path and
/// cannot miss a queue or go stale; its cost is a server-side scan of the table once per run (the table stays
/// small because this purge runs), off every request's path.
/// </para>
/// </summary>
public sealed partial class QueueHousekeeping
{
    private readonly TableQueue _queue;
    private readonly QueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueHousekeeping> _logger;

    public QueueHousekeeping(TableQueue queue, IOptions<QueueOptions> options, TimeProvider time, ILogger<QueueHousekeeping> logger)
        : this(queue, options.Value, time, logger)
    {
    }

    /// <summary>Over whatever table the <paramref name="queue"/> owns (tests give it their own).</summary>
    public QueueHousekeeping(TableQueue queue, QueueOptions options, TimeProvider time, ILogger<QueueHousekeeping> logger)
    {
        QueueOptions.ThrowIfInvalid(options);
        _queue = queue;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task<HousekeepingReport> PurgeDoneAsync(CancellationToken cancellationToken)
    {
        var finishedBefore = _time.GetUtcNow() - _options.KeepDoneFor;
        var queues = await _queue.QueuesWithFinishedAsync(QueueItemState.Done, finishedBefore, cancellationToken);
        var purged = 0;
        foreach (var queue in queues)
        {
            purged += await _queue.PurgeAsync(queue, QueueItemState.Done, finishedBefore, cancellationToken);
        }

        var report = new HousekeepingReport(queues.Count, purged, finishedBefore);
        Log.Purged(_logger, report.Purged, report.Queues, report.FinishedBefore);
        return report;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Queue housekeeping: purged {Purged} Done items in {Queues} queues, finished before {FinishedBefore}")]
        public static partial void Purged(ILogger logger, int purged, int queues, DateTimeOffset finishedBefore);
    }
}
