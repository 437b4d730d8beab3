using System.Diagnostics;
using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.IntegrationTests.Queue;

[Collection(QueueCollection.Name)]
public class QueueLeaseTests(QueueAzurite azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task An_item_whose_worker_died_is_claimed_again_after_the_lease_and_the_dead_lease_can_no_longer_finish_it()
    {
        var name = QueueAzurite.NewQueueName("dead");
        await azurite.Queue().EnqueueAsync(name, "job", "{\"n\":1}", None);
        var dying = azurite.Queue();
        var survivor = azurite.Queue();

        // A short lease on real time (2 s, so a stalled test machine does not let it run out before the checks below).
        var claimed = Stopwatch.StartNew();
        var first = await dying.ClaimAsync(name, TimeSpan.FromSeconds(2), None);
        Assert.NotNull(first);
        Assert.Equal(1, first.Attempt);

        // While the lease lasts nobody else gets the item.
        Assert.Null(await survivor.ClaimAsync(name, TimeSpan.FromSeconds(30), None));
        Assert.True((await survivor.GetAsync(name, "job", None))!.IsLeasedAt(DateTimeOffset.UtcNow));

        QueueLease? second = null;
        while (second is null && claimed.Elapsed < TimeSpan.FromSeconds(10))
        {
            second = await survivor.ClaimAsync(name, TimeSpan.FromSeconds(30), None);
            if (second is null)
            {
                await Task.Delay(50);
            }
        }

        Assert.NotNull(second);
        Assert.True(claimed.Elapsed >= TimeSpan.FromSeconds(1.95), $"reclaimed after {claimed.Elapsed}");
        Assert.Equal(2, second.Attempt);
        Assert.NotEqual(first.LeaseId, second.LeaseId);
        Assert.Equal("{\"n\":1}", second.Payload);

        // The worker that "died" comes back: every operation on its lease is refused.
        await Assert.ThrowsAsync<LeaseLostException>(() => dying.CompleteAsync(first, None));
        await Assert.ThrowsAsync<LeaseLostException>(() => dying.RenewAsync(first, TimeSpan.FromSeconds(30), None));
        await Assert.ThrowsAsync<LeaseLostException>(() => dying.FailAsync(first, "late", None));
        await Assert.ThrowsAsync<LeaseLostException>(() => dying.ReleaseAsync(first, TimeSpan.Zero, None));

        await survivor.CompleteAsync(second, None);
        var row = await azurite.RowAsync(name, "job");
        Assert.Equal("Done", row.GetString("State"));
        Assert.Equal(second.LeaseId, row.GetString("LeaseId"));
        Assert.Equal(2, row.GetInt32("Attempts"));
        Assert.Null(row.GetString("LastError"));
    }

    [Fact]
    public async Task An_expired_lease_that_nobody_took_over_may_still_complete()
    {
        var clock = QueueClock.AtWholeSecond();
        var queue = azurite.Queue(time: clock);
        var name = QueueAzurite.NewQueueName("late");
        await queue.EnqueueAsync(name, "job", "{}", None);
        var lease = await queue.ClaimAsync(name, TimeSpan.FromSeconds(5), None);

        clock.Advance(TimeSpan.FromMinutes(1));
        await queue.CompleteAsync(lease!, None);

        Assert.Equal(QueueItemState.Done, (await queue.GetAsync(name, "job", None))!.State);
        Assert.Null(await queue.ClaimAsync(name, TimeSpan.FromSeconds(5), None));
    }

    [Fact]
    public async Task Renewing_keeps_the_item_from_other_workers_until_the_new_end()
    {
        var clock = QueueClock.AtWholeSecond();
        var holder = azurite.Queue(time: clock);
        var other = azurite.Queue(time: clock);
        var name = QueueAzurite.NewQueueName("renew");
        await holder.EnqueueAsync(name, "job", "{}", None);
        var start = clock.GetUtcNow();

        var lease = await holder.ClaimAsync(name, TimeSpan.FromSeconds(10), None);
        Assert.Equal(start.AddSeconds(10), lease!.ExpiresAt);
        clock.Advance(TimeSpan.FromSeconds(8));
        await holder.RenewAsync(lease, TimeSpan.FromSeconds(10), None);
        Assert.Equal(start.AddSeconds(18), lease.ExpiresAt);

        clock.Advance(TimeSpan.FromSeconds(9)); // past the first end, before the renewed one
        Assert.Null(await other.ClaimAsync(name, TimeSpan.FromSeconds(10), None));
        var item = await other.GetAsync(name, "job", None);
        Assert.Equal(start.AddSeconds(18), item!.VisibleAt);
        Assert.Equal(start.AddSeconds(18), item.LeaseExpiresAt);

        clock.Advance(TimeSpan.FromSeconds(1)); // exactly at the renewed end
        var taken = await other.ClaimAsync(name, TimeSpan.FromSeconds(10), None);
        Assert.NotNull(taken);
        await Assert.ThrowsAsync<LeaseLostException>(() => holder.RenewAsync(lease, TimeSpan.FromSeconds(10), None));
    }

    [Fact]
    public async Task An_item_whose_workers_keep_dying_is_dead_lettered_when_its_attempts_are_used_up()
    {
        var clock = QueueClock.AtWholeSecond();
        var queue = azurite.Queue(time: clock);
        var name = QueueAzurite.NewQueueName("poison");
        await queue.EnqueueAsync(name, "crasher", "{}", visibleAt: null, maxAttempts: 2, None);

        Assert.Equal(1, (await queue.ClaimAsync(name, TimeSpan.FromSeconds(5), None))!.Attempt);
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(2, (await queue.ClaimAsync(name, TimeSpan.FromSeconds(5), None))!.Attempt);
        clock.Advance(TimeSpan.FromSeconds(6));

        Assert.Null(await queue.ClaimAsync(name, TimeSpan.FromSeconds(5), None));
        var item = await queue.GetAsync(name, "crasher", None);
        Assert.Equal(QueueItemState.DeadLetter, item!.State);
        Assert.Equal(2, item.Attempts);
        Assert.StartsWith("Abandoned", item.LastError, StringComparison.Ordinal);
        Assert.Equal(clock.GetUtcNow(), item.CompletedAt);
    }

    [Fact]
    public async Task Releasing_hands_the_item_back_without_counting_the_attempt()
    {
        var clock = QueueClock.AtWholeSecond();
        var queue = azurite.Queue(time: clock);
        var name = QueueAzurite.NewQueueName("release");
        await queue.EnqueueAsync(name, "job", "{}", None);

        var lease = await queue.ClaimAsync(name, TimeSpan.FromMinutes(1), None);
        await queue.ReleaseAsync(lease!, TimeSpan.FromSeconds(30), None);

        var item = await queue.GetAsync(name, "job", None);
        Assert.Equal(0, item!.Attempts);
        Assert.Null(item.LeaseId);
        Assert.Equal(clock.GetUtcNow().AddSeconds(30), item.VisibleAt);
        Assert.Null(await queue.ClaimAsync(name, TimeSpan.FromMinutes(1), None));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, (await queue.ClaimAsync(name, TimeSpan.FromMinutes(1), None))!.Attempt);
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.CompleteAsync(lease!, None));
    }
}
