namespace SolidarityFn.Pipeline.Queue;

/// <summary>
/// Does the work of one queue's items. Registered as <see cref="IQueueHandler"/> singletons; the pump claims, calls
/// <see cref="HandleAsync"/>, and completes the item when it returns or fails it (with backoff) when it throws.
/// Handlers must be idempotent: an item whose worker died or overran its lease is handled again.
/// </summary>
public interface IQueueHandler
{
    /// <summary>The queue (PartitionKey) this handler drains, such as "review", "render" or "assembly".</summary>
    string QueueName { get; }

    /// <summary>Lease per claim; null takes Queue:LeaseDuration. The pump renews it at half-time while the handler runs.</summary>
    TimeSpan? LeaseDuration => null;

    /// <summary>
    /// Handles one item. The token is cancelled when the host shuts down (the item is then released, not counted
    /// as an attempt) or when the lease is lost (another worker has the item: stop without side effects).
    /// </summary>
    Task HandleAsync(QueueLease lease, CancellationToken cancellationToken);
}
