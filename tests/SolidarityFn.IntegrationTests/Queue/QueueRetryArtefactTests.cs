using Azure.Core;
using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.IntegrationTests.Queue;

/// <summary>
/// Table storage's retry artefacts, reproduced for real: the first request reaches Azurite and succeeds, its
/// response is "lost", and the identical request is sent again, exactly as the SDK's retry policy would. The
/// replay gets a 409 (insert) or 412 (If-Match update) although the operation had succeeded.
/// </summary>
[Collection(QueueCollection.Name)]
public class QueueRetryArtefactTests(QueueAzurite azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_409_on_the_retry_of_an_insert_that_landed_is_reported_as_created()
    {
        var policy = new LostResponsePolicy();
        var queue = azurite.Queue(policy: policy);
        var name = QueueAzurite.NewQueueName("art-insert");

        policy.Replay(RequestMethod.Post);
        var result = await queue.EnqueueAsync(name, "job", "{\"a\":1}", None);

        Assert.Equal([(204, 409)], policy.Replays);
        Assert.True(result.Created);
        Assert.Equal("{\"a\":1}", result.Item.Payload);
        Assert.Single(await azurite.RowsAsync(name));

        // Whereas a genuine second enqueue is not "created".
        Assert.False((await queue.EnqueueAsync(name, "job", "{\"a\":1}", None)).Created);
    }

    [Fact]
    public async Task A_412_on_the_retry_of_a_claim_that_landed_still_gives_the_lease_once()
    {
        var policy = new LostResponsePolicy();
        var queue = azurite.Queue(policy: policy);
        var name = QueueAzurite.NewQueueName("art-claim");
        await queue.EnqueueAsync(name, "job", "{}", None);

        policy.Replay(RequestMethod.Put);
        var lease = await queue.ClaimAsync(name, Lease, None);

        Assert.Equal([(204, 412)], policy.Replays);
        Assert.NotNull(lease);
        var row = await azurite.RowAsync(name, "job");
        Assert.Equal(lease.LeaseId, row.GetString("LeaseId"));
        Assert.Equal(1, row.GetInt32("Attempts"));
        Assert.Null(await azurite.Queue().ClaimAsync(name, Lease, None));

        // The lease carries the ETag read back after the 412, so it works as any other.
        await queue.RenewAsync(lease, Lease, None);
        await queue.CompleteAsync(lease, None);
        Assert.Equal("Done", (await azurite.RowAsync(name, "job")).GetString("State"));
    }

    [Fact]
    public async Task A_412_on_the_retry_of_a_renew_complete_or_fail_that_landed_is_a_success()
    {
        var policy = new LostResponsePolicy();
        var queue = azurite.Queue(new QueueOptions { BackoffBase = TimeSpan.FromSeconds(30), BackoffCap = TimeSpan.FromMinutes(1) }, policy: policy);
        var name = QueueAzurite.NewQueueName("art-ops");
        await queue.EnqueueAsync(name, "completed", "{}", None);
        await queue.EnqueueAsync(name, "failed", "{}", None);

        var first = (await queue.ClaimAsync(name, Lease, None))!;
        var second = (await queue.ClaimAsync(name, Lease, None))!;
        var (toComplete, toFail) = first.IdempotencyKey == "completed" ? (first, second) : (second, first);

        policy.Replay(RequestMethod.Put);
        await queue.RenewAsync(toComplete, TimeSpan.FromMinutes(5), None);
        policy.Replay(RequestMethod.Put);
        await queue.CompleteAsync(toComplete, None);
        policy.Replay(RequestMethod.Put);
        var outcome = await queue.FailAsync(toFail, "boom", None);

        Assert.Equal([(204, 412), (204, 412), (204, 412)], policy.Replays);
        Assert.Equal("Done", (await azurite.RowAsync(name, "completed")).GetString("State"));
        Assert.False(outcome.DeadLettered);
        var failed = await azurite.RowAsync(name, "failed");
        Assert.Equal(("Pending", 1, "boom"), (failed.GetString("State"), failed.GetInt32("Attempts"), failed.GetString("LastError")));
        Assert.Null(failed.GetString("LeaseId"));
    }

    [Fact]
    public async Task A_renewal_whose_answer_never_came_does_not_cost_the_lease()
    {
        var policy = new LostResponsePolicy();
        var queue = azurite.Queue(policy: policy, maxRetries: 0);
        var name = QueueAzurite.NewQueueName("art-lost");
        await queue.EnqueueAsync(name, "job", "{}", None);
        var lease = (await queue.ClaimAsync(name, Lease, None))!;

        // The renewal lands but the caller only sees an error: the lease's ETag is now stale.
        policy.LoseResponse(RequestMethod.Put);
        await Assert.ThrowsAnyAsync<Exception>(() => queue.RenewAsync(lease, TimeSpan.FromMinutes(5), None));
        Assert.Equal([204], policy.Lost);

        // The row still names this lease, so completing goes ahead on the fresh ETag.
        await queue.CompleteAsync(lease, None);
        Assert.Equal("Done", (await azurite.RowAsync(name, "job")).GetString("State"));
    }

    [Fact]
    public async Task Completing_again_after_a_completion_whose_answer_never_came_succeeds()
    {
        var policy = new LostResponsePolicy();
        var queue = azurite.Queue(policy: policy, maxRetries: 0);
        var name = QueueAzurite.NewQueueName("art-lost-done");
        await queue.EnqueueAsync(name, "job", "{}", None);
        var lease = (await queue.ClaimAsync(name, Lease, None))!;

        policy.LoseResponse(RequestMethod.Put);
        await Assert.ThrowsAnyAsync<Exception>(() => queue.CompleteAsync(lease, None));
        await queue.CompleteAsync(lease, None);

        var row = await azurite.RowAsync(name, "job");
        Assert.Equal(("Done", lease.LeaseId), (row.GetString("State"), row.GetString("LeaseId")));
    }
}
