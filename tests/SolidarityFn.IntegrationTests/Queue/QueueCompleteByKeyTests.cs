using Azure.Core;
using Azure.Core.Pipeline;
using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.IntegrationTests.Queue;

/// <summary>Finishing an item by its key, whoever holds it, and picking up a lease again by its id.</summary>
[Collection(QueueCollection.Name)]
public class QueueCompleteByKeyTests(QueueAzurite azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Completing_by_key_finishes_an_item_another_worker_holds_and_that_worker_can_no_longer_fail_or_release_it()
    {
        var name = QueueAzurite.NewQueueName("bykey-held");
        var holder = azurite.Queue();
        await holder.EnqueueAsync(name, "a", "{}", None);
        await holder.EnqueueAsync(name, "b", "{}", None);
        var first = (await holder.ClaimAsync(name, Lease, None))!;
        var second = (await holder.ClaimAsync(name, Lease, None))!;

        var decider = azurite.Queue();
        Assert.Equal(KeyCompletion.Completed, await decider.CompleteByKeyAsync(name, first.IdempotencyKey, None));
        Assert.Equal(KeyCompletion.Completed, await decider.CompleteByKeyAsync(name, second.IdempotencyKey, None));

        var row = await azurite.RowAsync(name, first.IdempotencyKey);
        Assert.Equal(("Done", 1), (row.GetString("State"), row.GetInt32("Attempts")));
        Assert.NotNull(row.GetDateTimeOffset("CompletedAt"));
        await Assert.ThrowsAsync<LeaseLostException>(() => holder.ReleaseAsync(first, TimeSpan.Zero, None));
        await Assert.ThrowsAsync<LeaseLostException>(() => holder.FailAsync(second, "too late", None));
        Assert.Equal("Done", (await azurite.RowAsync(name, second.IdempotencyKey)).GetString("State"));
        Assert.Null(await holder.ClaimAsync(name, Lease, None));
    }

    [Fact]
    public async Task The_holder_completing_after_a_complete_by_key_is_told_it_is_done_not_that_it_lost()
    {
        var name = QueueAzurite.NewQueueName("bykey-both");
        var holder = azurite.Queue();
        await holder.EnqueueAsync(name, "a", "{}", None);
        var lease = (await holder.ClaimAsync(name, Lease, None))!;

        await azurite.Queue().CompleteByKeyAsync(name, "a", None);
        await holder.CompleteAsync(lease, None);

        Assert.Equal("Done", (await azurite.RowAsync(name, "a")).GetString("State"));
    }

    [Fact]
    public async Task Completing_by_key_is_idempotent_closes_dead_letters_and_reports_unknown_keys()
    {
        var name = QueueAzurite.NewQueueName("bykey-states");
        var queue = azurite.Queue();
        await queue.EnqueueAsync(name, "waiting", "{}", DateTimeOffset.UtcNow.AddHours(1), null, None); // not claimable yet
        await queue.EnqueueAsync(name, "dead-now", "{}", null, 1, None);
        var dying = (await queue.ClaimAsync(name, Lease, None))!;
        Assert.Equal("dead-now", dying.IdempotencyKey);
        Assert.True((await queue.FailAsync(dying, "boom", None)).DeadLettered);

        Assert.Equal(KeyCompletion.Completed, await queue.CompleteByKeyAsync(name, "waiting", None));
        var etag = (await azurite.RowAsync(name, "waiting")).ETag;
        Assert.Equal(KeyCompletion.AlreadyDone, await queue.CompleteByKeyAsync(name, "waiting", None));
        Assert.Equal(etag, (await azurite.RowAsync(name, "waiting")).ETag); // nothing written the second time
        Assert.Equal(KeyCompletion.Completed, await queue.CompleteByKeyAsync(name, "dead-now", None));
        Assert.Equal("Done", (await azurite.RowAsync(name, "dead-now")).GetString("State"));
        Assert.Equal(KeyCompletion.NotFound, await queue.CompleteByKeyAsync(name, "never-enqueued", None));
    }

    [Fact]
    public async Task A_holder_renewing_between_the_read_and_the_write_does_not_stop_a_complete_by_key()
    {
        var name = QueueAzurite.NewQueueName("bykey-race");
        var holder = azurite.Queue();
        await holder.EnqueueAsync(name, "a", "{}", None);
        var lease = (await holder.ClaimAsync(name, Lease, None))!;
        var interleave = new BeforeRequestPolicy();
        var decider = azurite.Queue(policy: interleave);

        // The decider's first write waits until the holder has renewed: it goes out with a stale ETag and gets a 412.
        interleave.Before(RequestMethod.Put, () => holder.RenewAsync(lease, Lease, None));
        var result = await decider.CompleteByKeyAsync(name, "a", None);

        Assert.Equal(KeyCompletion.Completed, result);
        Assert.Equal([412, 204], interleave.PutStatuses);
        Assert.Equal("Done", (await azurite.RowAsync(name, "a")).GetString("State"));
    }

    [Fact]
    public async Task A_412_on_the_retry_of_a_complete_by_key_that_landed_is_reported_as_completed()
    {
        var name = QueueAzurite.NewQueueName("bykey-replay");
        var policy = new LostResponsePolicy();
        var queue = azurite.Queue(policy: policy);
        await queue.EnqueueAsync(name, "a", "{}", None);

        policy.Replay(RequestMethod.Put);
        var result = await queue.CompleteByKeyAsync(name, "a", None);

        Assert.Equal([(204, 412)], policy.Replays);
        Assert.Equal(KeyCompletion.Completed, result);
        Assert.Equal("Done", (await azurite.RowAsync(name, "a")).GetString("State"));
    }

    [Fact]
    public async Task A_lease_is_found_again_by_its_id_from_another_instance_until_it_ends()
    {
        var clock = QueueClock.AtWholeSecond();
        var name = QueueAzurite.NewQueueName("find-lease");
        var claimer = azurite.Queue(time: clock);
        await claimer.EnqueueAsync(name, "a", "{}", None);
        await claimer.EnqueueAsync(name, "b", "{}", None);
        var lease = (await claimer.ClaimAsync(name, Lease, None))!;
        var other = (await claimer.ClaimAsync(name, Lease, None))!;
        var elsewhere = azurite.Queue(time: clock);

        Assert.Null(await elsewhere.FindLeaseAsync(name, lease.IdempotencyKey, other.LeaseId, None));
        Assert.Null(await elsewhere.FindLeaseAsync(name, "never-enqueued", lease.LeaseId, None));
        var found = await elsewhere.FindLeaseAsync(name, lease.IdempotencyKey, lease.LeaseId, None);
        Assert.NotNull(found);
        Assert.Equal((lease.IdempotencyKey, lease.Attempt), (found.IdempotencyKey, found.Attempt));
        await elsewhere.ReleaseAsync(found, TimeSpan.Zero, None);
        Assert.Null(await elsewhere.FindLeaseAsync(name, lease.IdempotencyKey, lease.LeaseId, None));

        clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Null(await elsewhere.FindLeaseAsync(name, other.IdempotencyKey, other.LeaseId, None)); // ran out
    }

    /// <summary>Runs an action just before the next request of one method is sent, and records the PUT statuses.</summary>
    private sealed class BeforeRequestPolicy : HttpPipelinePolicy
    {
        private readonly Lock _gate = new();
        private RequestMethod? _method;
        private Func<Task>? _action;

        public List<int> PutStatuses { get; } = [];

        public void Before(RequestMethod method, Func<Task> action)
        {
            lock (_gate)
            {
                _method = method;
                _action = action;
            }
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The queue is async only.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Func<Task>? action = null;
            lock (_gate)
            {
                if (_method is { } method && message.Request.Method == method)
                {
                    action = _action;
                    _method = null;
                    _action = null;
                }
            }

            if (action is not null)
            {
                await action();
            }

            await ProcessNextAsync(message, pipeline);
            if (message.Request.Method == RequestMethod.Put)
            {
                lock (_gate)
                {
                    PutStatuses.Add(message.Response.Status);
                }
            }
        }
    }
}
