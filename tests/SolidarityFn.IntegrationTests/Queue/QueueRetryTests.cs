using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.IntegrationTests.Queue;

/// <summary>Failures, backoff and dead letters, with a clock the test controls and a real Azurite.</summary>
[Collection(QueueCollection.Name)]
public class QueueRetryTests(QueueAzurite azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static QueueOptions Options => new()
    {
        BackoffBase = TimeSpan.FromSeconds(10),
        BackoffCap = TimeSpan.FromSeconds(25),
        DefaultMaxAttempts = 5,
    };

    [Fact]
    public async Task After_a_failure_the_item_comes_back_after_an_exponential_capped_backoff()
    {
        var clock = QueueClock.AtWholeSecond();
        var queue = azurite.Queue(Options, clock);
        var name = QueueAzurite.NewQueueName("backoff");
        await queue.EnqueueAsync(name, "job", "{}", None);

        // Attempt n fails → visible again after 10 s × 2^(n-1), capped at 25 s.
        foreach (var (attempt, backoff) in new[] { (1, 10), (2, 20), (3, 25), (4, 25) })
        {
            var lease = await queue.ClaimAsync(name, Lease, None);
            Assert.Equal(attempt, lease!.Attempt);
            clock.Advance(TimeSpan.FromSeconds(3)); // the handler took a while
            var failedAt = clock.GetUtcNow();

            var outcome = await queue.FailAsync(lease, $"attempt {attempt} broke", None);

            var expected = failedAt.AddSeconds(backoff);
            Assert.Equal(new FailOutcome(DeadLettered: false, RetryAt: expected), outcome);
            var item = await queue.GetAsync(name, "job", None);
            Assert.Equal(expected, item!.VisibleAt);
            Assert.Equal(QueueItemState.Pending, item.State);
            Assert.Null(item.LeaseId);
            Assert.Null(item.LeaseExpiresAt);
            Assert.Equal($"attempt {attempt} broke", item.LastError);

            clock.Advance(TimeSpan.FromSeconds(backoff) - TimeSpan.FromMilliseconds(1));
            Assert.Null(await queue.ClaimAsync(name, Lease, None));
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        var last = await queue.ClaimAsync(name, Lease, None);
        Assert.Equal(5, last!.Attempt);
        Assert.True(last.IsLastAttempt);
        Assert.Equal("attempt 4 broke", last.LastError);
    }

    [Fact]
    public async Task An_item_is_dead_lettered_after_its_attempts_and_can_be_put_back()
    {
        var clock = QueueClock.AtWholeSecond();
        var queue = azurite.Queue(Options, clock);
        var name = QueueAzurite.NewQueueName("deadletter");
        await queue.EnqueueAsync(name, "job", "{\"x\":1}", visibleAt: null, maxAttempts: 3, None);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var lease = await queue.ClaimAsync(name, Lease, None);
            Assert.Equal(attempt, lease!.Attempt);
            var outcome = await queue.FailAsync(lease, "GET https://acct.blob.core.windows.net/media/x?sv=1&sig=SECRET failed", None);
            Assert.Equal(attempt == 3, outcome.DeadLettered);
            clock.Advance(TimeSpan.FromHours(1));
        }

        var item = await queue.GetAsync(name, "job", None);
        Assert.Equal(QueueItemState.DeadLetter, item!.State);
        Assert.Equal(3, item.Attempts);
        Assert.Equal(clock.GetUtcNow() - TimeSpan.FromHours(1), item.CompletedAt);
        Assert.Equal("GET https://acct.blob.core.windows.net/media/x?[redacted] failed", item.LastError);
        Assert.DoesNotContain("SECRET", (await azurite.RowAsync(name, "job")).GetString("LastError"), StringComparison.Ordinal);

        // It is never claimed again, however long we wait; a healthy item still is.
        await queue.EnqueueAsync(name, "healthy", "{}", None);
        var other = await queue.ClaimAsync(name, Lease, None);
        Assert.Equal("healthy", other!.IdempotencyKey);
        await queue.CompleteAsync(other, None);
        Assert.Null(await queue.ClaimAsync(name, Lease, None));

        var dead = await queue.ListAsync(name, QueueItemState.DeadLetter, 10, null, None);
        Assert.Equal(["job"], dead.Items.Select(i => i.IdempotencyKey));

        Assert.True(await queue.RequeueDeadLetterAsync(name, "job", None));
        Assert.False(await queue.RequeueDeadLetterAsync(name, "job", None));
        Assert.False(await queue.RequeueDeadLetterAsync(name, "healthy", None));
        var again = await queue.ClaimAsync(name, Lease, None);
        Assert.Equal(("job", 1), (again!.IdempotencyKey, again.Attempt));
        await queue.CompleteAsync(again, None);
        Assert.Equal(QueueItemState.Done, (await queue.GetAsync(name, "job", None))!.State);
    }
}
