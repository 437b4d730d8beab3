using System.Text.Json;

namespace SolidarityFn.Pipeline.Queue;

/// <summary>
/// A claimed item: held by this worker until <see cref="ExpiresAt"/> unless renewed. Complete, fail, renew or
/// release it through <see cref="TableQueue"/>; operations on one lease are serialized, so a renewal running in
/// the background never races the completion.
/// </summary>
public sealed class QueueLease
{
    private QueueRow _row;

    internal QueueLease(QueueRow row)
    {
        _row = row;
        LeaseId = row.LeaseId ?? throw new ArgumentException("The row carries no lease.", nameof(row));
        Queue = row.PartitionKey;
        IdempotencyKey = row.IdempotencyKey;
        Payload = row.Payload;
        Attempt = row.Attempts;
        MaxAttempts = row.MaxAttempts;
        EnqueuedAt = row.EnqueuedAt;
        LastError = row.LastError;
    }

    public string Queue { get; }

    public string IdempotencyKey { get; }

    public string Payload { get; }

    public string LeaseId { get; }

    /// <summary>Which attempt this is, from 1.</summary>
    public int Attempt { get; }

    public int MaxAttempts { get; }

    /// <summary>Whether a failure now dead-letters the item.</summary>
    public bool IsLastAttempt => Attempt >= MaxAttempts;

    public DateTimeOffset EnqueuedAt { get; }

    /// <summary>The error the previous attempt failed with, if any.</summary>
    public string? LastError { get; }

    /// <summary>When the lease ends unless renewed (moves on renewal).</summary>
    public DateTimeOffset ExpiresAt => Row.LeaseExpiresAt ?? DateTimeOffset.MinValue;

    /// <summary>The last state of the row this lease wrote or read, with its ETag. Replaced whole, never mutated.</summary>
    internal QueueRow Row
    {
        get => Volatile.Read(ref _row);
        set => Volatile.Write(ref _row, value);
    }

    /// <summary>Serializes renew, complete, fail and release on this lease (one in flight at a time).</summary>
    internal SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The payload read as <typeparamref name="T"/> (web defaults, as <see cref="QueuePayload.Serialize{T}"/> wrote it).</summary>
    public T? PayloadAs<T>(JsonSerializerOptions? options = null) => JsonSerializer.Deserialize<T>(Payload, options ?? JsonSerializerOptions.Web);
}
