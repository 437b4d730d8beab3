using System.Collections.Concurrent;
using System.Diagnostics;
using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.IntegrationTests.Queue;

/// <summary>Many workers, each with its own client as on separate instances, racing over one queue in a real Azurite.</summary>
[Collection(QueueCollection.Name)]
public class QueueConcurrencyTests(QueueAzurite azurite)
{
    private const int Items = 500;
    private const int Workers = 8;
    private static readonly CancellationToken None = CancellationToken.None;

    private sealed record Holding(string LeaseId, long From, long To);

    [Fact]
    public async Task Eight_workers_complete_every_one_of_500_items_exactly_once_and_never_hold_an_item_together()
    {
        var name = QueueAzurite.NewQueueName("load");
        var options = new QueueOptions { BackoffBase = TimeSpan.FromMilliseconds(50), BackoffCap = TimeSpan.FromMilliseconds(200) };
        var producer = azurite.Queue(options);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Items),
            new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, ct) => Assert.True((await producer.EnqueueAsync(name, $"item/{i}", $"{{\"i\":{i}}}", null, 20, ct)).Created));

        var completions = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var holdings = new ConcurrentDictionary<string, ConcurrentBag<Holding>>(StringComparer.Ordinal);
        var failures = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));

        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var queue = azurite.Queue(options);
            var random = new Random(worker);
            while (completions.Count < Items)
            {
                timeout.Token.ThrowIfCancellationRequested();
                var lease = await queue.ClaimAsync(name, TimeSpan.FromSeconds(30), timeout.Token);
                if (lease is null)
                {
                    // Nothing due right now: the rest are completed or waiting out a backoff.
                    await Task.Delay(20, timeout.Token);
                    continue;
                }

                var from = Stopwatch.GetTimestamp();
                Assert.Equal($"{{\"i\":{lease.IdempotencyKey["item/".Length..]}}}", lease.Payload);

                // One claim in twenty fails, so items are also claimed again after a backoff, never in parallel.
                if (random.Next(20) == 0)
                {
                    Interlocked.Increment(ref failures);
                    var outcome = await queue.FailAsync(lease, "simulated failure", timeout.Token);
                    Assert.False(outcome.DeadLettered);
                }
                else
                {
                    await queue.CompleteAsync(lease, timeout.Token);
                    completions.AddOrUpdate(lease.IdempotencyKey, 1, (_, n) => n + 1);
                }

                holdings.GetOrAdd(lease.IdempotencyKey, _ => []).Add(new Holding(lease.LeaseId, from, Stopwatch.GetTimestamp()));
            }
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal(Items, completions.Count);
        Assert.All(completions, pair => Assert.Equal(1, pair.Value));
        Assert.Equal(Items, completions.Values.Sum());

        // Every lease was a different one, and no two leases on an item were held at overlapping times.
        Assert.Equal(Items + failures, holdings.Values.Sum(h => h.Count));
        Assert.Equal(Items + failures, holdings.Values.SelectMany(h => h).Select(h => h.LeaseId).Distinct(StringComparer.Ordinal).Count());
        foreach (var (key, held) in holdings)
        {
            var ordered = held.OrderBy(h => h.From).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i].From >= ordered[i - 1].To, $"{key}: lease {ordered[i].LeaseId} was granted while {ordered[i - 1].LeaseId} was held");
            }
        }

        // The table agrees: all Done, attempts = 1 + failures of that item.
        var rows = await azurite.RowsAsync(name);
        Assert.Equal(Items, rows.Count);
        Assert.All(rows, row => Assert.Equal("Done", row.GetString("State")));
        Assert.Equal(Items + failures, rows.Sum(row => row.GetInt32("Attempts") ?? 0));
        Assert.All(rows, row => Assert.Equal(holdings[row.GetString("IdempotencyKey")].Count, row.GetInt32("Attempts")));
    }

    [Fact]
    public async Task Workers_racing_for_a_single_item_produce_exactly_one_lease()
    {
        for (var round = 0; round < 10; round++)
        {
            var name = QueueAzurite.NewQueueName("race");
            await azurite.Queue().EnqueueAsync(name, "only", "{}", CancellationToken.None);
            var queues = Enumerable.Range(0, Workers).Select(_ => azurite.Queue()).ToArray();

            var leases = await Task.WhenAll(queues.Select(q => q.ClaimAsync(name, TimeSpan.FromSeconds(30), CancellationToken.None)));

            Assert.Single(leases, l => l is not null);
            Assert.Equal(1, (await azurite.RowAsync(name, "only")).GetInt32("Attempts"));
        }
    }

    [Fact]
    public async Task Candidates_another_instance_took_meanwhile_are_skipped_and_never_claimed_twice()
    {
        // The query starts at a random RowKey, so how many candidates the first instance keeps varies by round.
        for (var round = 0; round < 5; round++)
        {
            var name = QueueAzurite.NewQueueName("stale");
            var slow = azurite.Queue(new QueueOptions { ClaimPageSize = 10 });
            var fast = azurite.Queue();
            for (var i = 0; i < 5; i++)
            {
                await fast.EnqueueAsync(name, $"item/{i}", "{}", None);
            }

            // The first instance reads due items and takes one; it keeps the others it read as candidates.
            var first = await slow.ClaimAsync(name, TimeSpan.FromMinutes(1), None);
            Assert.NotNull(first);

            // Meanwhile another instance takes everything else.
            var others = new List<QueueLease>();
            while (await fast.ClaimAsync(name, TimeSpan.FromMinutes(1), None) is { } lease)
            {
                others.Add(lease);
            }

            Assert.Equal(4, others.Count);

            // Whatever candidates the first instance kept are stale now: none of them is claimed again.
            Assert.Null(await slow.ClaimAsync(name, TimeSpan.FromMinutes(1), None));
            Assert.Equal(5, others.Append(first).Select(l => l.IdempotencyKey).Distinct(StringComparer.Ordinal).Count());
            Assert.All(await azurite.RowsAsync(name), row => Assert.Equal(1, row.GetInt32("Attempts")));
        }
    }
}
