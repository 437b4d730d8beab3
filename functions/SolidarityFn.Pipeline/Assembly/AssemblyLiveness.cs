using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// Whether an assembly row that says Queued or Running is really in the pump's hands: its queue item is still pending,
/// or was written a moment ago by the start that is still enqueueing it. A row whose item ended without it (dead-lettered
/// after every lease ran out, or purged) only says so; nothing will run it again.
/// </summary>
public sealed class AssemblyLiveness(TableQueue queue, TimeProvider time)
{
    /// <summary>How long a start may take between writing the row and enqueueing its item.</summary>
    public static readonly TimeSpan EnqueueGrace = TimeSpan.FromMinutes(5);

    public async Task<bool> IsLiveAsync(AssemblyEntity row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!row.IsActive)
        {
            return false;
        }

        var item = await queue.GetAsync(AssemblyWork.QueueName, row.AssemblyId, cancellationToken);
        return item is { State: QueueItemState.Pending } || (item is null && time.GetUtcNow() - row.CreatedAt < EnqueueGrace);
    }
}
