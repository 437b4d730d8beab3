using Azure;
using Azure.Data.Tables;

namespace SolidarityFn.Pipeline.Queue;

/// <summary>
/// Table row of a queue item: PartitionKey = queue name, RowKey = SHA-256 hex of the idempotency key
/// (<see cref="QueueKeys.RowKeyFor"/>); the key itself is kept in <see cref="IdempotencyKey"/>.
/// </summary>
internal sealed class QueueRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string IdempotencyKey { get; set; } = "";

    /// <summary>JSON, at most <see cref="QueuePayload.MaxBytes"/> UTF-8 bytes.</summary>
    public string Payload { get; set; } = "";

    public string State { get; set; } = nameof(QueueItemState.Pending);

    /// <summary>When the item may be claimed: enqueue time, a retry time after a failure, or the end of the current lease.</summary>
    public DateTimeOffset VisibleAt { get; set; }

    /// <summary>Claims so far (a claim counts as an attempt; a release hands it back).</summary>
    public int Attempts { get; set; }

    public int MaxAttempts { get; set; }

    /// <summary>The current or last lease. Kept on Done rows to show which lease finished the item.</summary>
    public string? LeaseId { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>Sanitized and bounded (<see cref="QueueErrorText"/>).</summary>
    public string? LastError { get; set; }

    public DateTimeOffset EnqueuedAt { get; set; }

    /// <summary>When the item became Done or DeadLetter.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>
    /// A fresh id stamped by every write. After a 409 or 412 the row is read again: if it carries the id this
    /// write stamped, the write had landed and the error came from the SDK retrying a request whose response was lost.
    /// </summary>
    public string? WriteId { get; set; }

    public QueueItemState StateValue() => Enum.Parse<QueueItemState>(State);

    public bool IsHeldBy(string leaseId) =>
        State == nameof(QueueItemState.Pending) && string.Equals(LeaseId, leaseId, StringComparison.Ordinal);

    public QueueRow Clone() => (QueueRow)MemberwiseClone();

    public QueueItem ToItem() => new(
        PartitionKey,
        IdempotencyKey,
        Payload,
        StateValue(),
        Attempts,
        MaxAttempts,
        VisibleAt,
        EnqueuedAt,
        LeaseId,
        LeaseExpiresAt,
        LastError,
        CompletedAt,
        ETag.ToString());
}
