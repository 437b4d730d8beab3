using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using SolidarityFn.Bench.Infrastructure;
using SolidarityFn.Bench.Scenarios.Processing;
using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.Bench.Scenarios.Queue;

/// <summary>What one round measured. Claims/s = items ÷ (first claim started → last completion answered).</summary>
public sealed record QueueRoundResult(
    int Round,
    string Queue,
    int Items,
    double EnqueueSeconds,
    double DrainSeconds,
    double ClaimsPerSecond,
    LatencySummary ClaimLatency,
    LatencySummary CompleteLatency,
    long EmptyClaims,
    int DoubleClaimedItems,
    int ItemsNotCompletedOnce,
    int LeaseLostOnComplete,
    int RowsDoneInTable,
    int WorkerErrors,
    string? FirstWorkerError,
    CpuUse Cpu)
{
    public double EnqueuePerSecond => Items / EnqueueSeconds;

    /// <summary>Zero double claims and every item completed exactly once, as the table itself also says.</summary>
    public bool Exact => DoubleClaimedItems == 0 && ItemsNotCompletedOnce == 0 && RowsDoneInTable == Items && WorkerErrors == 0;
}

/// <summary>
/// One round: enqueue N items into a fresh queue (partition), then W workers, each with its own client and
/// TableQueue as on separate instances, claim + complete until every item is done. Every claim is recorded as
/// (item, lease) and every completion counted per item, so a double claim cannot hide.
/// </summary>
public static class QueueRound
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    public static TableQueue NewQueue(string connectionString) =>
        new(new TableClient(connectionString, Pipeline.Storage.StorageNames.QueueTable), new QueueOptions(), TimeProvider.System, NullLogger<TableQueue>.Instance);

    public static async Task<QueueRoundResult> RunAsync(
        string connectionString,
        int round,
        string queueName,
        int items,
        int workers,
        CpuMeter cpu,
        CancellationToken cancellationToken)
    {
        var producer = NewQueue(connectionString);
        var enqueueStart = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, items),
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (i, ct) => await producer.EnqueueAsync(queueName, $"item/{i}", $"{{\"i\":{i}}}", ct));
        var enqueueSeconds = Stopwatch.GetElapsedTime(enqueueStart).TotalSeconds;

        var claims = new ConcurrentQueue<(string Key, string LeaseId)>();
        var completions = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var claimTicks = new ConcurrentQueue<long>();
        var completeTicks = new ConcurrentQueue<long>();
        long emptyClaims = 0;
        var leaseLost = 0;
        var errors = 0;
        string? firstError = null;
        var completed = 0;
        long lastCompletion = 0;

        // Clients are made before the clock starts; the first request of each still opens its connection.
        var queues = Enumerable.Range(0, workers).Select(_ => NewQueue(connectionString)).ToArray();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = cpu.Take();
        var start = Stopwatch.GetTimestamp();
        var giveUpAt = start + (long)(Deadline.TotalSeconds * Stopwatch.Frequency);

        await Task.WhenAll(queues.Select(queue => Task.Run(
            async () =>
            {
                while (Volatile.Read(ref completed) < items && Stopwatch.GetTimestamp() < giveUpAt)
                {
                    try
                    {
                        var t0 = Stopwatch.GetTimestamp();
                        var lease = await queue.ClaimAsync(queueName, Lease, cancellationToken);
                        var t1 = Stopwatch.GetTimestamp();
                        if (lease is null)
                        {
                            // Nothing due: the rest is held by other workers, or done. Look again shortly.
                            Interlocked.Increment(ref emptyClaims);
                            await Task.Delay(10, cancellationToken);
                            continue;
                        }

                        claimTicks.Enqueue(t1 - t0);
                        claims.Enqueue((lease.IdempotencyKey, lease.LeaseId));
                        try
                        {
                            await queue.CompleteAsync(lease, cancellationToken);
                        }
                        catch (LeaseLostException)
                        {
                            Interlocked.Increment(ref leaseLost);
                            continue;
                        }

                        var t2 = Stopwatch.GetTimestamp();
                        completeTicks.Enqueue(t2 - t1);
                        completions.AddOrUpdate(lease.IdempotencyKey, 1, (_, n) => n + 1);
                        Interlocked.Increment(ref completed);
                        InterlockedMax(ref lastCompletion, t2);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        if (Interlocked.Increment(ref errors) == 1)
                        {
                            firstError = $"{e.GetType().Name}: {e.Message}";
                        }

                        await Task.Delay(50, cancellationToken);
                    }
                }
            },
            cancellationToken)));

        var after = cpu.Take();
        var drainSeconds = ((lastCompletion == 0 ? Stopwatch.GetTimestamp() : lastCompletion) - start) / (double)Stopwatch.Frequency;

        var doubleClaimed = claims.GroupBy(c => c.Key, StringComparer.Ordinal).Count(g => g.Count() > 1);
        var notOnce = Enumerable.Range(0, items).Count(i => completions.GetValueOrDefault($"item/{i}") != 1);
        var done = nameof(QueueItemState.Done);
        var rowsDone = 0;
        var table = new TableClient(connectionString, Pipeline.Storage.StorageNames.QueueTable);
        await foreach (var _ in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {queueName} and State eq {done} and Attempts eq {1}"),
            1000,
            ["RowKey"],
            cancellationToken))
        {
            rowsDone++;
        }

        return new QueueRoundResult(
            round,
            queueName,
            items,
            enqueueSeconds,
            drainSeconds,
            Volatile.Read(ref completed) / drainSeconds,
            LatencySummary.From(claimTicks),
            LatencySummary.From(completeTicks),
            Interlocked.Read(ref emptyClaims),
            doubleClaimed,
            notOnce,
            leaseLost,
            rowsDone,
            errors,
            firstError,
            CpuMeter.Between(before, after));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
