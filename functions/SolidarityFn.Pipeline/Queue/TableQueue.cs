using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Queue;

/// <summary>
/// A work queue over the Queue table (DESIGN.md §7). Enqueue is idempotent on a caller-chosen key; a claim is a
/// lease taken with If-Match on the row's ETag, so exactly one of any number of concurrent claimants wins an item;
/// a leased item stays Pending with VisibleAt at the lease's end, so it comes back by itself when its worker dies.
/// Every write stamps a fresh WriteId: a 409 or 412 that the SDK's own retry produced after the first try had in
/// fact landed is recognised by reading the row back, and counted as the success it was. Losing a lease is reported
/// the same way by every lease operation: <see cref="LeaseLostException"/>.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a work queue; the name says so.")]
public sealed partial class TableQueue
{
    private const int MaxWriteTries = 3;

    /// <summary>Read-then-write rounds of a complete by key; only a holder renewing at that very moment makes one fail.</summary>
    private const int MaxKeyCompleteTries = 5;

    /// <summary>Queries one claim makes at most when every candidate found is taken by others first.</summary>
    private const int MaxClaimQueries = 10;
    private const string Pending = nameof(QueueItemState.Pending);
    private const string Done = nameof(QueueItemState.Done);
    private const string DeadLetter = nameof(QueueItemState.DeadLetter);

    private readonly TableClient _table;
    private readonly QueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TableQueue> _logger;
    private readonly ConcurrentDictionary<string, CandidateBuffer> _candidates = new(StringComparer.Ordinal);

    public TableQueue(StorageClients storage, IOptions<QueueOptions> options, TimeProvider time, ILogger<TableQueue> logger)
        : this(storage.Table(StorageNames.QueueTable), options.Value, time, logger)
    {
    }

    /// <summary>Over any table client (tests and benchmarks give their own, with their own pipeline).</summary>
    public TableQueue(TableClient table, QueueOptions options, TimeProvider time, ILogger<TableQueue> logger)
    {
        QueueOptions.ThrowIfInvalid(options);
        _table = table;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Adds an item visible now, with the default attempt limit.</summary>
    public Task<EnqueueResult> EnqueueAsync(string queue, string idempotencyKey, string payload, CancellationToken cancellationToken) =>
        EnqueueAsync(queue, idempotencyKey, payload, visibleAt: null, maxAttempts: null, cancellationToken);

    /// <summary>
    /// Adds an item unless one with the same idempotency key is already in the queue (whatever its state); then the
    /// existing item is returned with Created = false and nothing changes. Done items stay until purged, so a key
    /// is not run twice while its row is kept.
    /// </summary>
    public async Task<EnqueueResult> EnqueueAsync(
        string queue,
        string idempotencyKey,
        string payload,
        DateTimeOffset? visibleAt,
        int? maxAttempts,
        CancellationToken cancellationToken)
    {
        QueueKeys.ThrowIfInvalidQueueName(queue);
        var rowKey = QueueKeys.RowKeyFor(idempotencyKey);
        QueuePayload.ThrowIfInvalid(payload);
        if (maxAttempts is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(maxAttempts), maxAttempts, "Between 1 and 100.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var now = _time.GetUtcNow();
            var row = new QueueRow
            {
                PartitionKey = queue,
                RowKey = rowKey,
                IdempotencyKey = idempotencyKey,
                Payload = payload,
                State = Pending,
                VisibleAt = visibleAt ?? now,
                MaxAttempts = maxAttempts ?? _options.DefaultMaxAttempts,
                EnqueuedAt = now,
                WriteId = NewId(),
            };

            try
            {
                var response = await _table.AddEntityAsync(row, cancellationToken);
                row.ETag = response.Headers.ETag ?? default;
                Log.Enqueued(_logger, queue, idempotencyKey, row.VisibleAt);
                return new EnqueueResult(row.ToItem(), Created: true);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                var existing = await ReadAsync(queue, rowKey, cancellationToken);
                if (existing is null)
                {
                    // Purged between the insert and the read: insert again.
                    if (attempt < MaxWriteTries)
                    {
                        continue;
                    }

                    throw;
                }

                if (!string.Equals(existing.IdempotencyKey, idempotencyKey, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Two idempotency keys share RowKey {rowKey} in queue '{queue}'.", e);
                }

                if (string.Equals(existing.WriteId, row.WriteId, StringComparison.Ordinal))
                {
                    // Our insert landed; the 409 answered the SDK's retry of it.
                    Log.ReplayedWriteLanded(_logger, "enqueue", queue);
                    return new EnqueueResult(existing.ToItem(), Created: true);
                }

                if (!string.Equals(existing.Payload, payload, StringComparison.Ordinal))
                {
                    Log.SameKeyOtherPayload(_logger, queue, idempotencyKey);
                }

                return new EnqueueResult(existing.ToItem(), Created: false);
            }
        }
    }

    /// <summary>
    /// Claims one due item for <paramref name="leaseDuration"/>, or returns null when none is due.
    /// <para>
    /// Due items are found with a query that starts at a random RowKey: RowKeys are SHA-256 hex, spread evenly over
    /// the key space, so claimants on different instances read different stretches of the queue instead of all
    /// racing for its first rows (and no item is starved by sitting at the end of the key order). The page read is
    /// shuffled; one candidate is tried and the rest are kept, briefly, for this instance's next claims, so most
    /// claims cost one conditional write and no query. A candidate is only ever taken with If-Match on the ETag it
    /// was read with: a stale one (someone else took it meanwhile) fails with 412 and the next is tried.
    /// </para>
    /// An item whose earlier leases all ran out without an answer (its workers died) is dead-lettered here once it
    /// has used up its attempts.
    /// </summary>
    public async Task<QueueLease?> ClaimAsync(string queue, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        QueueKeys.ThrowIfInvalidQueueName(queue);
        ThrowIfBadLease(leaseDuration, nameof(leaseDuration));

        var buffer = _candidates.GetOrAdd(queue, static _ => new CandidateBuffer());
        for (var queries = 0; ;)
        {
            var candidate = buffer.TryTake(_time);
            if (candidate is null)
            {
                if (queries++ == MaxClaimQueries)
                {
                    // Every candidate of every query was taken by others first: heavy contention, try again later.
                    Log.ClaimGaveUp(_logger, queue, MaxClaimQueries);
                    return null;
                }

                var due = await FindDueAsync(queue, cancellationToken);
                if (due.Length == 0)
                {
                    return null;
                }

                buffer.Fill(due.AsSpan(1), _time);
                candidate = due[0];
            }

            if (candidate.Attempts >= candidate.MaxAttempts)
            {
                await DeadLetterAbandonedAsync(candidate, cancellationToken);
                continue;
            }

            var lease = await TryTakeAsync(candidate, leaseDuration, cancellationToken);
            if (lease is not null)
            {
                return lease;
            }

            // Lost the race: another claimant is working this stretch of the queue. Look elsewhere.
            buffer.Clear();
        }
    }

    /// <summary>Extends the lease to now + <paramref name="extension"/>. Throws <see cref="LeaseLostException"/> when the lease is gone.</summary>
    public async Task RenewAsync(QueueLease lease, TimeSpan extension, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ThrowIfBadLease(extension, nameof(extension));
        await WriteLeasedAsync(
            lease,
            "renew",
            (row, now) =>
            {
                row.VisibleAt = now + extension;
                row.LeaseExpiresAt = row.VisibleAt;
            },
            alreadyApplied: null,
            cancellationToken);
    }

    /// <summary>Marks the item Done (the row is kept for inspection). Throws <see cref="LeaseLostException"/> when the lease is gone.</summary>
    public async Task CompleteAsync(QueueLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await WriteLeasedAsync(
            lease,
            "complete",
            (row, now) =>
            {
                row.State = Done;
                row.CompletedAt = now;
                row.LeaseExpiresAt = null;
            },
            alreadyApplied: row => row.State == Done && string.Equals(row.LeaseId, lease.LeaseId, StringComparison.Ordinal),
            cancellationToken);
        Log.Completed(_logger, lease.Queue, lease.IdempotencyKey, lease.Attempt);
    }

    /// <summary>
    /// Marks the item with this key Done whoever holds it, or nobody (a decision taken without claiming). Read, then
    /// If-Match; a 412 means a holder renewed, released or claimed it meanwhile, so read again and go again. Already
    /// Done is success (idempotent); a dead-lettered item is closed too. A holder's own later complete then counts as
    /// already applied, while its renew, fail or release get <see cref="LeaseLostException"/>.
    /// </summary>
    public async Task<KeyCompletion> CompleteByKeyAsync(string queue, string idempotencyKey, CancellationToken cancellationToken)
    {
        QueueKeys.ThrowIfInvalidQueueName(queue);
        var rowKey = QueueKeys.RowKeyFor(idempotencyKey);
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadAsync(queue, rowKey, cancellationToken);
            if (current is null)
            {
                return KeyCompletion.NotFound;
            }

            if (current.State == Done)
            {
                return KeyCompletion.AlreadyDone;
            }

            var next = current.Clone();
            next.State = Done;
            next.CompletedAt = _time.GetUtcNow();
            next.LeaseExpiresAt = null; // LeaseId stays: the holder's own complete then reads as already applied
            next.WriteId = NewId();
            try
            {
                await _table.UpdateEntityAsync(next, current.ETag, TableUpdateMode.Replace, cancellationToken);
                Log.CompletedByKey(_logger, queue, idempotencyKey);
                return KeyCompletion.Completed;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                var after = e.Status == 404 ? null : await ReadAsync(queue, rowKey, cancellationToken);
                if (after is not null && string.Equals(after.WriteId, next.WriteId, StringComparison.Ordinal))
                {
                    Log.ReplayedWriteLanded(_logger, "complete-by-key", queue);
                    return KeyCompletion.Completed;
                }

                if (attempt >= MaxKeyCompleteTries)
                {
                    throw new InvalidOperationException(
                        $"Could not complete an item of queue '{queue}': it changed under {MaxKeyCompleteTries} writes in a row.", e);
                }
            }
        }
    }

    /// <summary>
    /// Records a failed attempt: the item comes back after an exponential backoff, or is dead-lettered when it has
    /// used all its attempts. <paramref name="error"/> is stored sanitized and bounded (<see cref="QueueErrorText"/>).
    /// Throws <see cref="LeaseLostException"/> when the lease is gone.
    /// </summary>
    public async Task<FailOutcome> FailAsync(QueueLease lease, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var lastError = QueueErrorText.Sanitize(error);
        var row = await WriteLeasedAsync(
            lease,
            "fail",
            (row, now) =>
            {
                row.LastError = lastError;
                row.LeaseId = null;
                row.LeaseExpiresAt = null;
                if (row.Attempts >= row.MaxAttempts)
                {
                    row.State = DeadLetter;
                    row.CompletedAt = now;
                }
                else
                {
                    row.VisibleAt = now + QueueBackoff.Delay(row.Attempts, _options.BackoffBase, _options.BackoffCap);
                }
            },
            alreadyApplied: null,
            cancellationToken);

        if (row.State == DeadLetter)
        {
            Log.DeadLettered(_logger, lease.Queue, lease.IdempotencyKey, row.Attempts, lastError);
            return new FailOutcome(DeadLettered: true, RetryAt: null);
        }

        Log.WillRetry(_logger, lease.Queue, lease.IdempotencyKey, row.Attempts, row.VisibleAt, lastError);
        return new FailOutcome(DeadLettered: false, RetryAt: row.VisibleAt);
    }

    /// <summary>
    /// Hands the item back without counting the attempt (shutting down, or "not yet"): visible again after
    /// <paramref name="delay"/>. Throws <see cref="LeaseLostException"/> when the lease is gone.
    /// </summary>
    public async Task ReleaseAsync(QueueLease lease, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delay, TimeSpan.FromDays(7));
        await WriteLeasedAsync(
            lease,
            "release",
            (row, now) =>
            {
                row.Attempts = Math.Max(0, row.Attempts - 1);
                row.VisibleAt = now + delay;
                row.LeaseId = null;
                row.LeaseExpiresAt = null;
            },
            alreadyApplied: null,
            cancellationToken);
        Log.Released(_logger, lease.Queue, lease.IdempotencyKey);
    }

    /// <summary>
    /// The lease <paramref name="leaseId"/> on this item, if it still holds it: for finishing, from another request
    /// or instance, work claimed earlier. Null when the item is gone, finished, or held by another lease or by none.
    /// </summary>
    public async Task<QueueLease?> FindLeaseAsync(string queue, string idempotencyKey, string leaseId, CancellationToken cancellationToken)
    {
        QueueKeys.ThrowIfInvalidQueueName(queue);
        ArgumentException.ThrowIfNullOrWhiteSpace(leaseId);
        var row = await ReadAsync(queue, QueueKeys.RowKeyFor(idempotencyKey), cancellationToken);
        return row is not null && row.IsHeldBy(leaseId) && row.LeaseExpiresAt > _time.GetUtcNow() ? new QueueLease(row) : null;
    }

    public async Task<QueueItem?> GetAsync(string queue, string idempotencyKey, CancellationToken cancellationToken)
    {
        QueueKeys.ThrowIfInvalidQueueName(queue);
        var row = await ReadAsync(queue, QueueKeys.RowKeyFor(idempotencyKey), cancellationToken);
        return row?.ToItem();
    }

    /// <summary>
    /// One page of a queue's items, optionally of one state, in RowKey (hash) order. Pass the returned token back
    /// for the next page.
    /// </summary>
    public async Task<QueueItemPage> ListAsync(
        string queue,
        QueueItemState? state,
        int maxItems,
        string? continuationToken,
        CancellationToken cancellationToken)
    {
        QueueKeys.ThrowIfInvalidQueueName(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxItems, 1000);

        var stateName = state?.ToString();
        var filter = stateName is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {queue}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {queue} and State eq {stateName}");

        await foreach (var page in _table.QueryAsync<QueueRow>(filter, maxItems, cancellationToken: cancellationToken).AsPages(continuationToken, maxItems))
        {
            return new QueueItemPage(page.Values.Select(r => r.ToItem()).ToList(), page.ContinuationToken);
        }

        return new QueueItemPage([], null);
    }

    /// <summary>Puts a dead-lettered item back as new (attempts reset, visible now); false when it is not dead-lettered.</summary>
    public async Task<bool> RequeueDeadLetterAsync(string queue, string idempotencyKey, CancellationToken cancellationToken)
    {
        QueueKeys.ThrowIfInvalidQueueName(queue);
        var rowKey = QueueKeys.RowKeyFor(idempotencyKey);
        for (var attempt = 1; attempt <= MaxWriteTries; attempt++)
        {
            var current = await ReadAsync(queue, rowKey, cancellationToken);
            if (current is null || current.State != DeadLetter)
            {
                return false;
            }

            var next = current.Clone();
            next.State = Pending;
            next.Attempts = 0;
            next.VisibleAt = _time.GetUtcNow();
            next.CompletedAt = null;
            next.LeaseId = null;
            next.LeaseExpiresAt = null;
            next.WriteId = NewId();
            try
            {
                await _table.UpdateEntityAsync(next, current.ETag, TableUpdateMode.Replace, cancellationToken);
                Log.Requeued(_logger, queue, idempotencyKey);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                var after = await ReadAsync(queue, rowKey, cancellationToken);
                if (after is not null && string.Equals(after.WriteId, next.WriteId, StringComparison.Ordinal))
                {
                    Log.ReplayedWriteLanded(_logger, "requeue", queue);
                    return true;
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The queues (partitions) that hold items in <paramref name="state"/> finished before <paramref name="finishedBefore"/>:
    /// one scan of the table fetching only the keys; rows whose partition is not a well-formed queue name are not queues.
    /// </summary>
    public async Task<IReadOnlySet<string>> QueuesWithFinishedAsync(QueueItemState state, DateTimeOffset finishedBefore, CancellationToken cancellationToken)
    {
        var name = state.ToString();
        var filter = TableClient.CreateQueryFilter($"State eq {name} and CompletedAt lt {finishedBefore}");
        var queues = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, 1000, [nameof(ITableEntity.PartitionKey)], cancellationToken))
        {
            if (QueueKeys.IsValidQueueName(row.PartitionKey))
            {
                queues.Add(row.PartitionKey);
            }
        }

        return queues;
    }

    /// <summary>
    /// Deletes Done or DeadLetter rows finished before <paramref name="finishedBefore"/>, so a queue's partition does
    /// not grow for ever (claim queries scan it). A purged key can be enqueued again.
    /// </summary>
    public async Task<int> PurgeAsync(string queue, QueueItemState state, DateTimeOffset finishedBefore, CancellationToken cancellationToken)
    {
        QueueKeys.ThrowIfInvalidQueueName(queue);
        if (state == QueueItemState.Pending)
        {
            throw new ArgumentException("Only Done and DeadLetter items are purged.", nameof(state));
        }

        var stateName = state.ToString();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {queue} and State eq {stateName} and CompletedAt lt {finishedBefore}");
        var deleted = 0;
        await foreach (var row in _table.QueryAsync<QueueRow>(filter, 1000, [nameof(QueueRow.PartitionKey), nameof(QueueRow.RowKey)], cancellationToken))
        {
            try
            {
                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Gone already, or requeued since it was read: leave it.
            }
        }

        if (deleted > 0)
        {
            Log.Purged(_logger, deleted, queue, state);
        }

        return deleted;
    }

    private async Task<QueueLease?> TryTakeAsync(QueueRow candidate, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        var claimed = candidate.Clone();
        claimed.LeaseId = NewId();
        claimed.Attempts++;
        claimed.VisibleAt = _time.GetUtcNow() + leaseDuration;
        claimed.LeaseExpiresAt = claimed.VisibleAt;
        claimed.WriteId = NewId();
        try
        {
            var response = await _table.UpdateEntityAsync(claimed, candidate.ETag, TableUpdateMode.Replace, cancellationToken);
            claimed.ETag = response.Headers.ETag ?? default;
            Log.Claimed(_logger, claimed.PartitionKey, claimed.IdempotencyKey, claimed.Attempts, claimed.LeaseExpiresAt.Value);
            return new QueueLease(claimed);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            var current = await ReadAsync(candidate.PartitionKey, candidate.RowKey, cancellationToken);
            if (current is not null && string.Equals(current.WriteId, claimed.WriteId, StringComparison.Ordinal))
            {
                // Our claim landed; the 412 answered the SDK's retry of it.
                Log.ReplayedWriteLanded(_logger, "claim", candidate.PartitionKey);
                return new QueueLease(current);
            }

            Log.LostRace(_logger, candidate.PartitionKey, candidate.IdempotencyKey);
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Every lease of this item ran out without an answer and it has no attempts left: its workers keep dying on it.</summary>
    private async Task DeadLetterAbandonedAsync(QueueRow candidate, CancellationToken cancellationToken)
    {
        var dead = candidate.Clone();
        dead.State = DeadLetter;
        dead.CompletedAt = _time.GetUtcNow();
        dead.LastError = QueueErrorText.Sanitize(
            $"Abandoned: the lease of attempt {candidate.Attempts} of {candidate.MaxAttempts} ran out without completion or failure (the worker stopped or overran its lease)."
            + (candidate.LastError is null ? "" : " Earlier: " + candidate.LastError));
        dead.LeaseId = null;
        dead.LeaseExpiresAt = null;
        dead.WriteId = NewId();
        try
        {
            await _table.UpdateEntityAsync(dead, candidate.ETag, TableUpdateMode.Replace, cancellationToken);
            Log.Abandoned(_logger, candidate.PartitionKey, candidate.IdempotencyKey, candidate.Attempts);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Someone else got to it first (or the write landed and this is the retry's answer): either way it is handled.
        }
    }

    /// <summary>
    /// The If-Match write behind every lease operation. On a 412 the row is read back: our own WriteId means the
    /// write landed (a retry artefact); our lease still on a Pending row means an earlier write of this lease landed
    /// unseen and moved the ETag, so go again on the fresh row; anything else means the lease is lost.
    /// </summary>
    private async Task<QueueRow> WriteLeasedAsync(
        QueueLease lease,
        string operation,
        Action<QueueRow, DateTimeOffset> change,
        Func<QueueRow, bool>? alreadyApplied,
        CancellationToken cancellationToken)
    {
        await lease.Gate.WaitAsync(cancellationToken);
        try
        {
            var basis = lease.Row;
            if (!basis.IsHeldBy(lease.LeaseId))
            {
                throw new InvalidOperationException($"Cannot {operation}: this lease has already ended (completed, failed or released).");
            }

            for (var attempt = 1; ; attempt++)
            {
                var next = basis.Clone();
                change(next, _time.GetUtcNow());
                next.WriteId = NewId();
                try
                {
                    var response = await _table.UpdateEntityAsync(next, basis.ETag, TableUpdateMode.Replace, cancellationToken);
                    next.ETag = response.Headers.ETag ?? default;
                    lease.Row = next;
                    return next;
                }
                catch (RequestFailedException e) when (e.Status is 404 or 412)
                {
                    var current = e.Status == 404 ? null : await ReadAsync(basis.PartitionKey, basis.RowKey, cancellationToken);
                    if (current is not null &&
                        (string.Equals(current.WriteId, next.WriteId, StringComparison.Ordinal) || alreadyApplied?.Invoke(current) == true))
                    {
                        Log.ReplayedWriteLanded(_logger, operation, lease.Queue);
                        lease.Row = current;
                        return current;
                    }

                    if (current is null || !current.IsHeldBy(lease.LeaseId) || attempt >= MaxWriteTries)
                    {
                        Log.LeaseLost(_logger, lease.Queue, lease.IdempotencyKey, operation);
                        throw new LeaseLostException(lease, operation);
                    }

                    basis = current;
                }
            }
        }
        finally
        {
            lease.Gate.Release();
        }
    }

    /// <summary>One page of due items from a random point of the key space onwards, else from before it; shuffled.</summary>
    private async Task<QueueRow[]> FindDueAsync(string queue, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var pending = Pending;
        var start = Random.Shared.GetHexString(64, lowercase: true);

        // CreateQueryFilter quotes and escapes every value: no OData is built by hand.
        FormattableString[] ranges =
        [
            $"PartitionKey eq {queue} and RowKey ge {start} and State eq {pending} and VisibleAt le {now}",
            $"PartitionKey eq {queue} and RowKey lt {start} and State eq {pending} and VisibleAt le {now}",
        ];
        var pageSize = _options.ClaimPageSize;
        foreach (var range in ranges)
        {
            // Table storage may answer with empty pages and a continuation token: keep reading until rows come.
            await foreach (var page in _table.QueryAsync<QueueRow>(TableClient.CreateQueryFilter(range), pageSize, cancellationToken: cancellationToken).AsPages(pageSizeHint: pageSize))
            {
                if (page.Values.Count > 0)
                {
                    var rows = page.Values.ToArray();
                    Random.Shared.Shuffle(rows);
                    return rows;
                }
            }
        }

        return [];
    }

    private async Task<QueueRow?> ReadAsync(string queue, string rowKey, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<QueueRow>(queue, rowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    private static void ThrowIfBadLease(TimeSpan duration, string parameterName)
    {
        if (duration <= TimeSpan.Zero || duration > QueueOptions.MaxLease)
        {
            throw new ArgumentOutOfRangeException(parameterName, duration, "A lease is more than 0 and at most an hour.");
        }
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// Due rows one query found beyond the one it was made for, handed to this instance's next claims. Only an
    /// efficiency: every row is still taken with If-Match, so a stale one costs a 412, never a double claim.
    /// </summary>
    private sealed class CandidateBuffer
    {
        private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

        private readonly Lock _gate = new();
        private QueueRow[] _rows = [];
        private int _next;
        private long _filledAt;

        public QueueRow? TryTake(TimeProvider time)
        {
            lock (_gate)
            {
                if (_next < _rows.Length && time.GetElapsedTime(_filledAt) <= MaxAge)
                {
                    return _rows[_next++];
                }

                _rows = [];
                _next = 0;
                return null;
            }
        }

        public void Clear()
        {
            lock (_gate)
            {
                _rows = [];
                _next = 0;
            }
        }

        public void Fill(ReadOnlySpan<QueueRow> rows, TimeProvider time)
        {
            lock (_gate)
            {
                _rows = rows.ToArray();
                _next = 0;
                _filledAt = time.GetTimestamp();
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Enqueued {Key} on {Queue}, visible at {VisibleAt}")]
        public static partial void Enqueued(ILogger logger, string queue, string key, DateTimeOffset visibleAt);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Key} was already on {Queue} with another payload; the first one is kept")]
        public static partial void SameKeyOtherPayload(ILogger logger, string queue, string key);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Claimed {Key} on {Queue}: attempt {Attempt}, lease until {LeaseExpiresAt}")]
        public static partial void Claimed(ILogger logger, string queue, string key, int attempt, DateTimeOffset leaseExpiresAt);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Every due item of {Queue} found in {Queries} queries was claimed by others first; giving up this claim")]
        public static partial void ClaimGaveUp(ILogger logger, string queue, int queries);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Another worker claimed {Key} on {Queue} first")]
        public static partial void LostRace(ILogger logger, string queue, string key);

        [LoggerMessage(Level = LogLevel.Information, Message = "A {Operation} on {Queue} answered 409/412 but had landed (the SDK retried a request whose response was lost)")]
        public static partial void ReplayedWriteLanded(ILogger logger, string operation, string queue);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Completed {Key} on {Queue} at attempt {Attempt}")]
        public static partial void Completed(ILogger logger, string queue, string key, int attempt);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Completed {Key} on {Queue} by key, without a lease")]
        public static partial void CompletedByKey(ILogger logger, string queue, string key);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Key} on {Queue} failed attempt {Attempt}; visible again at {RetryAt}: {Error}")]
        public static partial void WillRetry(ILogger logger, string queue, string key, int attempt, DateTimeOffset retryAt, string error);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Key} on {Queue} dead-lettered after {Attempts} attempts: {Error}")]
        public static partial void DeadLettered(ILogger logger, string queue, string key, int attempts, string error);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Key} on {Queue} dead-lettered: all {Attempts} leases ran out without an answer")]
        public static partial void Abandoned(ILogger logger, string queue, string key, int attempts);

        [LoggerMessage(Level = LogLevel.Information, Message = "Released {Key} on {Queue} without counting the attempt")]
        public static partial void Released(ILogger logger, string queue, string key);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease on {Key} of {Queue} before {Operation}")]
        public static partial void LeaseLost(ILogger logger, string queue, string key, string operation);

        [LoggerMessage(Level = LogLevel.Information, Message = "Requeued dead-lettered {Key} on {Queue}")]
        public static partial void Requeued(ILogger logger, string queue, string key);

        [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} {State} items of {Queue}")]
        public static partial void Purged(ILogger logger, int count, string queue, QueueItemState state);
    }
}
