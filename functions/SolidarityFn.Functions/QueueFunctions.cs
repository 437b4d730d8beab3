using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.Functions;

/// <summary>
/// The table queue's timers. Schedules are app settings (NCRONTAB, seconds first), resolved by the Functions host,
/// and by the DevHost from its configuration: QueuePumpSchedule and QueuePurgeSchedule.
/// </summary>
public sealed partial class QueueFunctions(QueuePump pump, QueueHousekeeping housekeeping, ILogger<QueueFunctions> logger)
{
    /// <summary>Drains due items of every registered queue handler (review queues have none: people claim those).</summary>
    [Function(nameof(PumpQueue))]
    public async Task PumpQueue([TimerTrigger("%QueuePumpSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var summary = await pump.RunAsync(cancellationToken);
        var level = summary.Claimed > 0 || summary.StoppedBecause != PumpStopReason.Drained ? LogLevel.Information : LogLevel.Debug;
        Log.Pumped(
            logger,
            level,
            summary.Claimed,
            summary.Completed,
            summary.Failed,
            summary.DeadLettered,
            summary.LeaseLost,
            summary.Released,
            summary.Unrecorded,
            summary.StoppedBecause,
            summary.Elapsed.TotalMilliseconds,
            timer.IsPastDue);
    }

    /// <summary>Deletes Done items older than Queue:KeepDoneFor in every queue; dead-lettered items stay.</summary>
    [Function(nameof(PurgeQueue))]
    public async Task PurgeQueue([TimerTrigger("%QueuePurgeSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        await housekeeping.PurgeDoneAsync(cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(Message = "PumpQueue: {Claimed} claimed, {Completed} completed, {Failed} failed, {DeadLettered} dead-lettered, {LeaseLost} leases lost, {Released} released, {Unrecorded} unrecorded; stopped: {StoppedBecause} after {ElapsedMs} ms (past due: {IsPastDue})")]
        public static partial void Pumped(
            ILogger logger,
            LogLevel level,
            int claimed,
            int completed,
            int failed,
            int deadLettered,
            int leaseLost,
            int released,
            int unrecorded,
            PumpStopReason stoppedBecause,
            double elapsedMs,
            bool isPastDue);
    }
}
