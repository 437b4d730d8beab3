using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.IntegrationTests.Queue;

[Collection(QueueCollection.Name)]
public class QueuePumpTests(QueueAzurite azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static QueueOptions Options(TimeSpan? lease = null) => new()
    {
        BackoffBase = TimeSpan.FromSeconds(10),
        BackoffCap = TimeSpan.FromMinutes(1),
        LeaseDuration = lease ?? TimeSpan.FromSeconds(30),
        PumpConcurrency = 2,
    };

    private static QueuePump Pump(TableQueue queue, QueueOptions options, TimeProvider time, params IQueueHandler[] handlers) =>
        new(queue, handlers, Microsoft.Extensions.Options.Options.Create(options), time, NullLogger<QueuePump>.Instance);

    /// <summary>A handler over a delegate, recording which items it saw at which attempt.</summary>
    private sealed class Handler(string queue, Func<QueueLease, CancellationToken, Task> handle, TimeSpan? lease = null) : IQueueHandler
    {
        public ConcurrentBag<(string Key, int Attempt)> Seen { get; } = [];

        public string QueueName => queue;

        public TimeSpan? LeaseDuration => lease;

        public Task HandleAsync(QueueLease lease, CancellationToken cancellationToken)
        {
            Seen.Add((lease.IdempotencyKey, lease.Attempt));
            return handle(lease, cancellationToken);
        }
    }

    private static async Task EnqueueAsync(TableQueue queue, string name, int count, int? maxAttempts = null)
    {
        for (var i = 0; i < count; i++)
        {
            await queue.EnqueueAsync(name, $"{name}/{i}", "{}", null, maxAttempts, None);
        }
    }

    [Fact]
    public async Task The_pump_completes_what_succeeds_retries_what_throws_and_dead_letters_what_keeps_throwing()
    {
        var clock = QueueClock.AtWholeSecond();
        var options = Options();
        var queue = azurite.Queue(options, clock);
        string ok = QueueAzurite.NewQueueName("ok"), flaky = QueueAzurite.NewQueueName("flaky"), poison = QueueAzurite.NewQueueName("poison");
        await EnqueueAsync(queue, ok, 4);
        await EnqueueAsync(queue, flaky, 3);
        await EnqueueAsync(queue, poison, 2, maxAttempts: 2);
        var okHandler = new Handler(ok, (_, _) => Task.CompletedTask);
        var flakyHandler = new Handler(flaky, (lease, _) => lease.Attempt == 1 ? throw new TimeoutException("render timed out") : Task.CompletedTask);
        var poisonHandler = new Handler(poison, async (_, ct) =>
        {
            await Task.Delay(10, ct);
            throw new InvalidDataException("corrupt input at https://x.blob.core.windows.net/c/b?sig=SECRET");
        });
        var pump = Pump(queue, options, clock, okHandler, flakyHandler, poisonHandler);

        var first = await pump.RunAsync(None);

        Assert.Equal(new PumpSummary(9, 4, 5, 0, 0, 0, 0, PumpStopReason.Drained, first.Elapsed), first);

        clock.Advance(TimeSpan.FromSeconds(10)); // the first backoff
        var second = await pump.RunAsync(None);

        Assert.Equal(new PumpSummary(5, 3, 0, 2, 0, 0, 0, PumpStopReason.Drained, second.Elapsed), second);
        Assert.Equal(4, okHandler.Seen.Count);
        Assert.Equal([1, 1, 1, 2, 2, 2], flakyHandler.Seen.Select(s => s.Attempt).Order());
        Assert.Equal([1, 1, 2, 2], poisonHandler.Seen.Select(s => s.Attempt).Order());

        var dead = (await queue.ListAsync(poison, QueueItemState.DeadLetter, 10, null, None)).Items;
        Assert.Equal(2, dead.Count);
        Assert.All(dead, item => Assert.Equal("InvalidDataException: corrupt input at https://x.blob.core.windows.net/c/b?[redacted]", item.LastError));
        Assert.Equal(3, (await queue.ListAsync(flaky, QueueItemState.Done, 10, null, None)).Items.Count);

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new PumpSummary(0, 0, 0, 0, 0, 0, 0, PumpStopReason.Drained, TimeSpan.Zero), (await pump.RunAsync(None)) with { Elapsed = TimeSpan.Zero });
    }

    [Fact]
    public async Task A_slow_handler_keeps_its_item_by_renewing_the_lease_and_is_not_run_twice()
    {
        // Lease 3 s, renewed every 1.5 s: 1.5 s of slack for a loaded CI machine, and still 2.5 leases of work.
        var options = Options(lease: TimeSpan.FromSeconds(3));
        var queue = azurite.Queue(options);
        var name = QueueAzurite.NewQueueName("slow");
        await queue.EnqueueAsync(name, "slow", "{}", None);
        var competitor = azurite.Queue(options);
        var stolen = 0;
        using var competing = new CancellationTokenSource();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new Handler(name, async (_, ct) =>
        {
            running.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(7.5), ct);
        });

        // Another instance keeps trying to claim while the handler runs 2.5 leases long.
        var competition = Task.Run(async () =>
        {
            await running.Task;
            while (!competing.IsCancellationRequested)
            {
                if (await competitor.ClaimAsync(name, TimeSpan.FromSeconds(3), None) is not null)
                {
                    Interlocked.Increment(ref stolen);
                }

                await Task.Delay(50);
            }
        });
        var summary = await Pump(queue, options, TimeProvider.System, handler).RunAsync(None);
        await competing.CancelAsync();
        await competition;

        Assert.Equal(0, stolen);
        Assert.Single(handler.Seen);
        Assert.Equal((1, 1, 0), (summary.Claimed, summary.Completed, summary.LeaseLost));
        var row = await azurite.RowAsync(name, "slow");
        Assert.Equal(("Done", 1), (row.GetString("State"), row.GetInt32("Attempts")));
    }

    [Fact]
    public async Task A_handler_whose_lease_is_lost_is_cancelled_and_its_outcome_not_recorded()
    {
        var clock = QueueClock.AtWholeSecond();
        var options = Options(lease: TimeSpan.FromSeconds(2));

        // One pump worker: a second one, still looking for work when the clock jumps, would find the item due and
        // take it back itself (starting this handler again) before the thief could.
        options.PumpConcurrency = 1;
        var queue = azurite.Queue(options, clock);
        var name = QueueAzurite.NewQueueName("lost");
        await queue.EnqueueAsync(name, "job", "{}", None);
        var thief = azurite.Queue(options, clock);
        QueueLease? stolen = null;
        var cancelled = false;
        var handler = new Handler(name, async (_, ct) =>
        {
            // The clock jumps past the lease and another worker takes the item. (Should a renewal, which runs on
            // real time, slip in first, jump again: the thief wins once the renewed lease has "run out" too.)
            for (var jump = 0; stolen is null && jump < 10; jump++)
            {
                clock.Advance(TimeSpan.FromMinutes(1));
                stolen = await thief.ClaimAsync(name, TimeSpan.FromHours(1), None);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), ct);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                throw;
            }
        });

        var summary = await Pump(queue, options, clock, handler).RunAsync(None);

        Assert.NotNull(stolen);
        Assert.True(cancelled);
        Assert.Equal((1, 0, 0, 1), (summary.Claimed, summary.Completed, summary.Failed, summary.LeaseLost));
        var item = await queue.GetAsync(name, "job", None);
        Assert.Equal((QueueItemState.Pending, stolen.LeaseId, 2), (item!.State, item.LeaseId, item.Attempts));
        await thief.CompleteAsync(stolen, None);
    }

    [Fact]
    public async Task The_pump_stops_at_its_item_limit_and_at_its_time_budget()
    {
        var options = Options();
        var queue = azurite.Queue(options);
        var name = QueueAzurite.NewQueueName("limits");
        await EnqueueAsync(queue, name, 10);
        var handler = new Handler(name, (_, ct) => Task.Delay(150, ct));
        var pump = Pump(queue, options, TimeProvider.System, handler);

        var limited = await pump.RunAsync(new PumpLimits(TimeSpan.FromMinutes(1), MaxItems: 4, Concurrency: 2), None);
        Assert.Equal((4, 4, PumpStopReason.MaxItems), (limited.Claimed, limited.Completed, limited.StoppedBecause));

        var budgeted = await pump.RunAsync(new PumpLimits(TimeSpan.FromMilliseconds(400), MaxItems: 100, Concurrency: 1), None);
        Assert.Equal(PumpStopReason.Budget, budgeted.StoppedBecause);
        Assert.InRange(budgeted.Claimed, 1, 4);
        Assert.Equal(budgeted.Claimed, budgeted.Completed);

        var rest = await pump.RunAsync(None);
        Assert.Equal((10 - 4 - budgeted.Claimed, PumpStopReason.Drained), (rest.Completed, rest.StoppedBecause));
        Assert.Equal(10, (await queue.ListAsync(name, QueueItemState.Done, 100, null, None)).Items.Count);
    }

    [Fact]
    public async Task On_shutdown_the_item_in_hand_is_released_without_counting_the_attempt()
    {
        var options = Options();
        var queue = azurite.Queue(options);
        var name = QueueAzurite.NewQueueName("shutdown");
        await queue.EnqueueAsync(name, "job", "{}", None);
        using var shutdown = new CancellationTokenSource();
        var handler = new Handler(name, async (_, ct) =>
        {
            await shutdown.CancelAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
        });

        var summary = await Pump(queue, options, TimeProvider.System, handler).RunAsync(shutdown.Token);

        Assert.Equal((1, 1, 0, PumpStopReason.Cancelled), (summary.Claimed, summary.Released, summary.Completed, summary.StoppedBecause));
        var item = await queue.GetAsync(name, "job", None);
        Assert.Equal((QueueItemState.Pending, 0, null), (item!.State, item.Attempts, item.LeaseId));
        Assert.NotNull(await queue.ClaimAsync(name, TimeSpan.FromSeconds(30), None));
    }
}
