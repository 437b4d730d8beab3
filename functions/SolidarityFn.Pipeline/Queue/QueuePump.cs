using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SolidarityFn.Pipeline.Queue;

/// <summary>
/// Drains due items of every registered <see cref="IQueueHandler"/>: claim, handle, complete; or fail with backoff
/// when the handler throws. A few workers (Queue:PumpConcurrency) take turns over the queues and stop when a full
/// round finds nothing due, when the run's time budget is spent or when it has claimed its maximum. While a handler
/// runs, its lease is renewed at half-time, so a slow item is never handed to a second worker. The Functions timer
/// trigger and the DevHost call <see cref="RunAsync(CancellationToken)"/>.
/// </summary>
public sealed partial class QueuePump
{
    private readonly TableQueue _queue;
    private readonly IQueueHandler[] _handlers;
    private readonly QueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<QueuePump> _logger;

    public QueuePump(TableQueue queue, IEnumerable<IQueueHandler> handlers, IOptions<QueueOptions> options, TimeProvider time, ILogger<QueuePump> logger)
    {
        _queue = queue;
        _handlers = handlers.ToArray();
        _options = options.Value;
        _time = time;
        _logger = logger;

        foreach (var handler in _handlers)
        {
            if (!QueueKeys.IsValidQueueName(handler.QueueName))
            {
                throw new InvalidOperationException($"Queue handler {handler.GetType().Name} names an invalid queue '{handler.QueueName}'.");
            }

            if (handler.LeaseDuration is { } lease && (lease < TimeSpan.FromSeconds(1) || lease > QueueOptions.MaxLease))
            {
                throw new InvalidOperationException($"Queue handler {handler.GetType().Name} asks for a lease of {lease}; between 1 second and 1 hour.");
            }
        }

        var twice = _handlers.GroupBy(h => h.QueueName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new InvalidOperationException($"More than one queue handler drains '{twice.Key}'.");
        }
    }

    /// <summary>The queues this pump drains.</summary>
    public IReadOnlyList<string> Queues => _handlers.Select(h => h.QueueName).ToArray();

    /// <summary>One run with the limits from <see cref="QueueOptions"/>.</summary>
    public Task<PumpSummary> RunAsync(CancellationToken cancellationToken) => RunAsync(PumpLimits.From(_options), cancellationToken);

    /// <summary>
    /// One run. Cancellation (host shutdown) is not an error: handlers are told, items in hand are released
    /// without counting the attempt, and the summary says <see cref="PumpStopReason.Cancelled"/>.
    /// </summary>
    public async Task<PumpSummary> RunAsync(PumpLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limits.Budget, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxItems, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.Concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limits.Concurrency, 64);

        var run = new PumpRun(limits, _time);
        if (_handlers.Length > 0)
        {
            await Task.WhenAll(Enumerable.Range(0, limits.Concurrency).Select(worker => WorkAsync(run, worker, cancellationToken)));
        }

        var summary = run.Summary();
        if (summary.Claimed > 0 || summary.StoppedBecause != PumpStopReason.Drained)
        {
            Log.Ran(_logger, summary.Claimed, summary.Completed, summary.Failed, summary.DeadLettered, summary.LeaseLost, summary.Released, summary.Unrecorded, summary.StoppedBecause, summary.Elapsed);
        }

        return summary;
    }

    private async Task WorkAsync(PumpRun run, int worker, CancellationToken cancellationToken)
    {
        // Workers start on different queues, then take turns; a full round of empty claims means nothing is due.
        var next = worker % _handlers.Length;
        var emptyInARow = 0;
        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                run.Stop(PumpStopReason.Cancelled);
                return;
            }

            if (run.BudgetSpent)
            {
                run.Stop(PumpStopReason.Budget);
                return;
            }

            if (!run.TryTakeSlot())
            {
                run.Stop(PumpStopReason.MaxItems);
                return;
            }

            var handler = _handlers[next];
            next = (next + 1) % _handlers.Length;
            QueueLease? lease;
            try
            {
                lease = await _queue.ClaimAsync(handler.QueueName, LeaseFor(handler), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                run.ReturnSlot();
                run.Stop(PumpStopReason.Cancelled);
                return;
            }
            catch (Exception e)
            {
                // Storage unreachable or failing (RequestFailedException, or the SDK giving up after its retries).
                run.ReturnSlot();
                Log.ClaimFailed(_logger, e, handler.QueueName);
                run.Stop(PumpStopReason.StorageError);
                return;
            }

            if (lease is null)
            {
                run.ReturnSlot();
                if (++emptyInARow >= _handlers.Length)
                {
                    return;
                }

                continue;
            }

            emptyInARow = 0;
            run.Count(ref run.Claimed);
            await HandleAsync(handler, lease, run, cancellationToken);
        }
    }

    private async Task HandleAsync(IQueueHandler handler, QueueLease lease, PumpRun run, CancellationToken cancellationToken)
    {
        using var handlerCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopRenewing = new CancellationTokenSource();
        var renewal = KeepRenewedAsync(lease, LeaseFor(handler), handlerCancel, stopRenewing.Token);

        Exception? failure = null;
        var shuttingDown = false;
        try
        {
            await handler.HandleAsync(lease, handlerCancel.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            shuttingDown = true;
        }
        catch (OperationCanceledException) when (handlerCancel.IsCancellationRequested)
        {
            // Cancelled because the lease was lost: the renewal reports it below.
        }
        catch (Exception e)
        {
            failure = e;
        }

        await stopRenewing.CancelAsync();
        if (await renewal)
        {
            run.Count(ref run.LeaseLost);
            Log.LostWhileHandling(_logger, handler.QueueName, lease.IdempotencyKey);
            return;
        }

        // The outcome is written even while shutting down: work that finished must not be done twice.
        try
        {
            if (shuttingDown)
            {
                await _queue.ReleaseAsync(lease, TimeSpan.Zero, CancellationToken.None);
                run.Count(ref run.Released);
            }
            else if (failure is null)
            {
                await _queue.CompleteAsync(lease, CancellationToken.None);
                run.Count(ref run.Completed);
            }
            else
            {
                Log.HandlerFailed(_logger, failure, handler.QueueName, lease.IdempotencyKey, lease.Attempt, lease.MaxAttempts);
                var outcome = await _queue.FailAsync(lease, QueueErrorText.Describe(failure), CancellationToken.None);
                run.Count(ref outcome.DeadLettered ? ref run.DeadLettered : ref run.Failed);
            }
        }
        catch (LeaseLostException)
        {
            run.Count(ref run.LeaseLost);
        }
        catch (Exception e)
        {
            // The lease runs out and the item comes back. (An InvalidOperationException means the handler ended the lease itself.)
            run.Count(ref run.Unrecorded);
            Log.OutcomeNotRecorded(_logger, e, handler.QueueName, lease.IdempotencyKey);
        }
    }

    /// <summary>Renews at half-time until stopped. True when the lease was lost (the handler is then cancelled).</summary>
    private async Task<bool> KeepRenewedAsync(QueueLease lease, TimeSpan leaseDuration, CancellationTokenSource handlerCancel, CancellationToken stop)
    {
        var interval = leaseDuration / 2;
        try
        {
            while (true)
            {
                await Task.Delay(interval, _time, stop);
                try
                {
                    await _queue.RenewAsync(lease, leaseDuration, stop);
                    Log.Renewed(_logger, lease.Queue, lease.IdempotencyKey, lease.ExpiresAt);
                }
                catch (LeaseLostException)
                {
                    await handlerCancel.CancelAsync();
                    return true;
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    // Half the lease is still left: try again at the next tick.
                    Log.RenewFailed(_logger, e, lease.Queue, lease.IdempotencyKey);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false;
        }
    }

    private TimeSpan LeaseFor(IQueueHandler handler) => handler.LeaseDuration ?? _options.LeaseDuration;

    /// <summary>Counters and stop reason of one run, shared by its workers.</summary>
    private sealed class PumpRun(PumpLimits limits, TimeProvider time)
    {
        public int Claimed;
        public int Completed;
        public int Failed;
        public int DeadLettered;
        public int LeaseLost;
        public int Released;
        public int Unrecorded;

        private readonly long _started = time.GetTimestamp();
        private int _slots;
        private int _stopReason = -1;

        public bool BudgetSpent => time.GetElapsedTime(_started) >= limits.Budget;

        public bool TryTakeSlot()
        {
            if (Interlocked.Increment(ref _slots) <= limits.MaxItems)
            {
                return true;
            }

            Interlocked.Decrement(ref _slots);
            return false;
        }

        public void ReturnSlot() => Interlocked.Decrement(ref _slots);

#pragma warning disable CA1822 // Instance method so every counter update goes through the run.
        public void Count(ref int counter) => Interlocked.Increment(ref counter);
#pragma warning restore CA1822

        /// <summary>The first reason wins; a run whose workers all found nothing stays Drained.</summary>
        public void Stop(PumpStopReason reason) => Interlocked.CompareExchange(ref _stopReason, (int)reason, -1);

        public PumpSummary Summary()
        {
            var reason = Volatile.Read(ref _stopReason);
            return new PumpSummary(
                Volatile.Read(ref Claimed),
                Volatile.Read(ref Completed),
                Volatile.Read(ref Failed),
                Volatile.Read(ref DeadLettered),
                Volatile.Read(ref LeaseLost),
                Volatile.Read(ref Released),
                Volatile.Read(ref Unrecorded),
                reason < 0 ? PumpStopReason.Drained : (PumpStopReason)reason,
                time.GetElapsedTime(_started));
        }
    }

    private static partial class Log
    {
        // Debug: the PumpQueue timer function logs each run's summary.
        [LoggerMessage(Level = LogLevel.Debug, Message = "Queue pump: {Claimed} claimed, {Completed} completed, {Failed} failed (will retry), {DeadLettered} dead-lettered, {LeaseLost} leases lost, {Released} released, {Unrecorded} unrecorded; stopped: {Reason} after {Elapsed}")]
        public static partial void Ran(ILogger logger, int claimed, int completed, int failed, int deadLettered, int leaseLost, int released, int unrecorded, PumpStopReason reason, TimeSpan elapsed);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Handler of {Queue} failed on {Key}, attempt {Attempt} of {MaxAttempts}")]
        public static partial void HandlerFailed(ILogger logger, Exception exception, string queue, string key, int attempt, int maxAttempts);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease on {Key} of {Queue} while its handler ran; another worker has it")]
        public static partial void LostWhileHandling(ILogger logger, string queue, string key);

        [LoggerMessage(Level = LogLevel.Error, Message = "Could not record the outcome of {Key} on {Queue}; it comes back when its lease runs out")]
        public static partial void OutcomeNotRecorded(ILogger logger, Exception exception, string queue, string key);

        [LoggerMessage(Level = LogLevel.Error, Message = "Could not claim from {Queue}; the pump stops this run")]
        public static partial void ClaimFailed(ILogger logger, Exception exception, string queue);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Renewed the lease on {Key} of {Queue} until {ExpiresAt}")]
        public static partial void Renewed(ILogger logger, string queue, string key, DateTimeOffset expiresAt);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the lease on {Key} of {Queue}; trying again")]
        public static partial void RenewFailed(ILogger logger, Exception exception, string queue, string key);
    }
}
