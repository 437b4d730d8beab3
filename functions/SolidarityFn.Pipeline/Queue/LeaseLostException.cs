namespace SolidarityFn.Pipeline.Queue;

/// <summary>
/// The lease no longer holds the item: it ran out and another worker claimed the item, or the item was finished
/// by someone else. Whatever this worker did must not be recorded; the other holder owns the item now.
/// Every lease operation (renew, complete, fail, release) throws this and only this when the lease is gone.
/// </summary>
public sealed class LeaseLostException : Exception
{
    public LeaseLostException()
        : base("The queue lease was lost.")
    {
    }

    public LeaseLostException(string message)
        : base(message)
    {
    }

    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal LeaseLostException(QueueLease lease, string operation)
        : base($"Cannot {operation}: lease {lease.LeaseId} on an item of queue '{lease.Queue}' was lost (it expired and the item was claimed again, or the item was finished elsewhere).")
    {
        Queue = lease.Queue;
        LeaseId = lease.LeaseId;
        Operation = operation;
    }

    public string? Queue { get; }

    public string? LeaseId { get; }

    public string? Operation { get; }
}
