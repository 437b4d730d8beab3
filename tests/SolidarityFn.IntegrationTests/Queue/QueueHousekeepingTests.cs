using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.IntegrationTests.Queue;

/// <summary>The purge timer's work: old Done items go from every queue, handler or not; the rest stays.</summary>
[Collection(QueueCollection.Name)]
public class QueueHousekeepingTests(QueueAzurite azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Done_items_older_than_the_retention_are_purged_in_every_queue_and_everything_else_is_kept()
    {
        // A table of its own: the purge looks at the whole table, and other tests' rows must not count.
        var table = new TableClient(azurite.Azurite.ConnectionString, "Housekeeping" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync();
        var clock = QueueClock.AtWholeSecond();
        var options = new QueueOptions { KeepDoneFor = TimeSpan.FromDays(7) };
        var queue = new TableQueue(table, options, clock, NullLogger<TableQueue>.Instance);
        var housekeeping = new QueueHousekeeping(queue, options, clock, NullLogger<QueueHousekeeping>.Instance);
        string[] queues = ["review-minnesota-solidarity", "review-" + new string('c', 64), "render"];

        // Day 0: in each queue one item is finished and one dead-lettered; day 2: one more finished; one stays waiting.
        foreach (var name in queues)
        {
            await queue.EnqueueAsync(name, "old", "{}", None);
            await queue.CompleteAsync((await queue.ClaimAsync(name, Lease, None))!, None);
            await queue.EnqueueAsync(name, "dead", "{}", null, 1, None);
            Assert.True((await queue.FailAsync((await queue.ClaimAsync(name, Lease, None))!, "boom", None)).DeadLettered);
        }

        clock.Advance(TimeSpan.FromDays(2));
        foreach (var name in queues)
        {
            await queue.EnqueueAsync(name, "recent", "{}", None);
            await queue.CompleteAsync((await queue.ClaimAsync(name, Lease, None))!, None);
            await queue.EnqueueAsync(name, "waiting", "{}", clock.GetUtcNow().AddDays(30), null, None);
        }

        clock.Advance(TimeSpan.FromDays(5)); // exactly 7 days after "old": not yet older than the retention
        Assert.Equal(0, (await housekeeping.PurgeDoneAsync(None)).Purged);

        clock.Advance(TimeSpan.FromSeconds(1));
        var report = await housekeeping.PurgeDoneAsync(None);

        Assert.Equal((3, 3), (report.Queues, report.Purged));
        Assert.Equal(clock.GetUtcNow() - TimeSpan.FromDays(7), report.FinishedBefore);
        foreach (var name in queues)
        {
            var left = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {name}")).ToListAsync();
            Assert.Equal(
                ["dead", "recent", "waiting"],
                left.Select(r => r.GetString("IdempotencyKey")).Order(StringComparer.Ordinal));
        }

        Assert.Equal((0, 0), ((await housekeeping.PurgeDoneAsync(None)).Queues, (await housekeeping.PurgeDoneAsync(None)).Purged));
        await table.DeleteAsync();
    }
}
