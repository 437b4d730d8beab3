namespace SolidarityFn.Pipeline.Queue;

/// <summary>A read-only view of a queue item, for listing and inspection.</summary>
public sealed record QueueItem(
    string Queue,
    string IdempotencyKey,
    string Payload,
    QueueItemState State,
    int Attempts,
    int MaxAttempts,
    DateTimeOffset VisibleAt,
    DateTimeOffset EnqueuedAt,
    string? LeaseId,
    DateTimeOffset? LeaseExpiresAt,
    string? LastError,
    DateTimeOffset? CompletedAt,
    string ETag)
{
    /// <summary>Whether a worker holds the item at <paramref name="now"/>.</summary>
    public bool IsLeasedAt(DateTimeOffset now) =>
        State == QueueItemState.Pending && LeaseId is not null && LeaseExpiresAt is { } end && end > now;
}

/// <summary>What an enqueue did: <see cref="Created"/> is false when the idempotency key was already there.</summary>
public sealed record EnqueueResult(QueueItem Item, bool Created);

/// <summary>What <see cref="TableQueue.CompleteByKeyAsync"/> found and did.</summary>
public enum KeyCompletion
{
    /// <summary>The item was Pending (held or not) or dead-lettered; it is Done now.</summary>
    Completed,

    /// <summary>It was Done already; nothing was written.</summary>
    AlreadyDone,

    /// <summary>No item has this key (never enqueued, or purged).</summary>
    NotFound,
}

/// <summary>What a failure did to the item: scheduled another attempt at <see cref="RetryAt"/>, or dead-lettered it.</summary>
public readonly record struct FailOutcome(bool DeadLettered, DateTimeOffset? RetryAt);

/// <summary>
/// One page of a listing. Table storage may return fewer items than asked (even none) together with a
/// continuation token: keep paging while <see cref="ContinuationToken"/> is not null.
/// </summary>
public sealed record QueueItemPage(IReadOnlyList<QueueItem> Items, string? ContinuationToken);
