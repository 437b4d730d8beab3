using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.IntegrationTests.Queue;

[Collection(QueueCollection.Name)]
public class QueueEnqueueTests(QueueAzurite azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_same_key_enqueued_twice_makes_one_row_and_keeps_the_first_payload()
    {
        var queue = azurite.Queue();
        var name = QueueAzurite.NewQueueName("idem");

        var first = await queue.EnqueueAsync(name, "review:minnesota-solidarity/01HZX", "{\"v\":1}", None);
        var second = await queue.EnqueueAsync(name, "review:minnesota-solidarity/01HZX", "{\"v\":2}", None);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Item with { ETag = second.Item.ETag }, second.Item);
        Assert.Equal(first.Item.ETag, second.Item.ETag);
        var rows = await azurite.RowsAsync(name);
        Assert.Single(rows);
        Assert.Equal("{\"v\":1}", rows[0].GetString("Payload"));
    }

    [Fact]
    public async Task A_finished_key_is_not_run_again_when_enqueued_again()
    {
        var queue = azurite.Queue();
        var name = QueueAzurite.NewQueueName("idem-done");
        await queue.EnqueueAsync(name, "job", "{}", None);
        await queue.CompleteAsync((await queue.ClaimAsync(name, TimeSpan.FromMinutes(1), None))!, None);

        var again = await queue.EnqueueAsync(name, "job", "{}", None);

        Assert.False(again.Created);
        Assert.Equal(QueueItemState.Done, again.Item.State);
        Assert.Null(await queue.ClaimAsync(name, TimeSpan.FromMinutes(1), None));
    }

    [Fact]
    public async Task Concurrent_enqueues_of_one_key_from_many_instances_create_it_once()
    {
        var name = QueueAzurite.NewQueueName("idem-race");
        var queues = Enumerable.Range(0, 12).Select(_ => azurite.Queue()).ToArray();

        var results = await Task.WhenAll(queues.Select((q, i) => q.EnqueueAsync(name, "once", $"{{\"by\":{i}}}", None)));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Item.Payload).Distinct(StringComparer.Ordinal));
        Assert.Single(await azurite.RowsAsync(name));
    }

    [Fact]
    public async Task Hostile_and_unicode_keys_round_trip_through_the_table()
    {
        var queue = azurite.Queue();
        var name = QueueAzurite.NewQueueName("keys");
        string[] keys = ["a/b\\c#d?e%f", "%2F%5C%23%3F", "' or PartitionKey ne '' or '", "Solidarité ✊🏽 日本", "../..//x", "x'y\"z"];

        foreach (var key in keys)
        {
            Assert.True((await queue.EnqueueAsync(name, key, "{}", None)).Created);
        }

        var seen = new List<string>();
        while (await queue.ClaimAsync(name, TimeSpan.FromMinutes(1), None) is { } lease)
        {
            seen.Add(lease.IdempotencyKey);
            await queue.CompleteAsync(lease, None);
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        foreach (var key in keys)
        {
            Assert.Equal(key, (await queue.GetAsync(name, key, None))!.IdempotencyKey);
            Assert.Equal(QueueKeys.RowKeyFor(key), (await azurite.RowAsync(name, key)).RowKey);
        }
    }

    [Fact]
    public async Task An_item_enqueued_for_later_is_not_claimed_before_its_time()
    {
        var clock = QueueClock.AtWholeSecond();
        var queue = azurite.Queue(time: clock);
        var name = QueueAzurite.NewQueueName("later");
        var at = clock.GetUtcNow().AddMinutes(5);

        var result = await queue.EnqueueAsync(name, "later", "{}", at, maxAttempts: 2, None);

        Assert.Equal((at, 2, 0), (result.Item.VisibleAt, result.Item.MaxAttempts, result.Item.Attempts));
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Null(await queue.ClaimAsync(name, TimeSpan.FromMinutes(1), None));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await queue.ClaimAsync(name, TimeSpan.FromMinutes(1), None));
    }

    [Fact]
    public async Task Listing_pages_through_a_queue_and_filters_by_state()
    {
        var queue = azurite.Queue();
        var name = QueueAzurite.NewQueueName("list");
        for (var i = 0; i < 25; i++)
        {
            await queue.EnqueueAsync(name, $"item/{i}", $"{{\"i\":{i}}}", None);
        }

        for (var i = 0; i < 5; i++)
        {
            await queue.CompleteAsync((await queue.ClaimAsync(name, TimeSpan.FromMinutes(1), None))!, None);
        }

        var all = new List<QueueItem>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await queue.ListAsync(name, state: null, maxItems: 10, token, None);
            Assert.True(page.Items.Count <= 10);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.True(pages >= 3);
        Assert.Equal(25, all.Select(i => i.IdempotencyKey).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(5, (await queue.ListAsync(name, QueueItemState.Done, 100, null, None)).Items.Count);
        Assert.Equal(20, (await queue.ListAsync(name, QueueItemState.Pending, 100, null, None)).Items.Count);
        Assert.Empty((await queue.ListAsync(name, QueueItemState.DeadLetter, 100, null, None)).Items);
        Assert.Null(await queue.GetAsync(name, "never-enqueued", None));
    }

    [Fact]
    public async Task Purging_removes_finished_rows_only_and_frees_their_keys()
    {
        var clock = QueueClock.AtWholeSecond();
        var queue = azurite.Queue(time: clock);
        var name = QueueAzurite.NewQueueName("purge");
        await queue.EnqueueAsync(name, "done", "{}", None);
        await queue.EnqueueAsync(name, "waiting", "{}", clock.GetUtcNow().AddDays(1), null, None);
        await queue.CompleteAsync((await queue.ClaimAsync(name, TimeSpan.FromMinutes(1), None))!, None);
        clock.Advance(TimeSpan.FromDays(8));

        Assert.Equal(0, await queue.PurgeAsync(name, QueueItemState.Done, clock.GetUtcNow().AddDays(-9), None));
        Assert.Equal(1, await queue.PurgeAsync(name, QueueItemState.Done, clock.GetUtcNow().AddDays(-7), None));

        Assert.Equal(["waiting"], (await azurite.RowsAsync(name)).Select(r => r.GetString("IdempotencyKey")));
        Assert.True((await queue.EnqueueAsync(name, "done", "{}", None)).Created);
    }
}
