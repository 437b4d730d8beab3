using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Review;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.IntegrationTests.Queue;

/// <summary>The per-campaign review queue: what organizers claim, skip and decide, against a real Azurite.</summary>
[Collection(QueueCollection.Name)]
public class ReviewQueueTests(QueueAzurite azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private static readonly Func<string, CancellationToken, Task<bool>> Always = (_, _) => Task.FromResult(true);

    /// <summary>Each organizer's page is served by its own instance: its own client and candidate buffer.</summary>
    private ReviewQueue Organizer() => new(azurite.Queue(), NullLogger<ReviewQueue>.Instance);

    private static string NewCampaign() => $"c-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_submission_enqueued_twice_is_one_item_keyed_by_its_id_with_both_ids_in_the_payload()
    {
        var campaign = NewCampaign();
        var submission = SubmissionIds.New();
        var review = Organizer();

        var first = await review.EnqueueAsync(campaign, submission, None);
        var second = await review.EnqueueAsync(campaign, submission, None);

        Assert.True(first.Created);
        Assert.False(second.Created);
        var rows = await azurite.RowsAsync("review-" + campaign);
        var row = Assert.Single(rows);
        Assert.Equal((submission, "Pending", 100), (row.GetString("IdempotencyKey"), row.GetString("State"), row.GetInt32("MaxAttempts")));
        var payload = JsonSerializer.Deserialize<ReviewQueueItem>(row.GetString("Payload"), JsonSerializerOptions.Web);
        Assert.Equal(new ReviewQueueItem(campaign, submission), payload);
        Assert.Contains("\"campaignId\"", row.GetString("Payload"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_campaign_with_a_64_character_id_gets_its_own_review_queue()
    {
        var campaign = "c" + Guid.NewGuid().ToString("N") + new string('x', 31);
        Assert.Equal(64, campaign.Length);
        var submission = SubmissionIds.New();
        var review = Organizer();

        await review.EnqueueAsync(campaign, submission, None);
        var lease = await review.ClaimNextAsync(campaign, Always, Lease, None);

        Assert.Equal(submission, ReviewQueue.SubmissionIdOf(lease!));
        Assert.Equal("review-" + campaign, lease!.Queue);
    }

    [Fact]
    public async Task Two_organizers_reviewing_at_once_are_never_shown_the_same_submission()
    {
        var campaign = NewCampaign();
        var submissions = Enumerable.Range(0, 24).Select(_ => SubmissionIds.New()).ToList();
        foreach (var submission in submissions)
        {
            await Organizer().EnqueueAsync(campaign, submission, None);
        }

        var shown = new ConcurrentDictionary<string, ConcurrentBag<int>>(StringComparer.Ordinal);
        await Task.WhenAll(Enumerable.Range(0, 2).Select(organizer => Task.Run(async () =>
        {
            var review = Organizer();
            while (await review.ClaimNextAsync(campaign, Always, Lease, None) is { } lease)
            {
                shown.GetOrAdd(ReviewQueue.SubmissionIdOf(lease), _ => []).Add(organizer);
                // Each keeps what it was shown (still leased) until the end: nobody else may get it meanwhile.
            }
        })));

        Assert.Equal(submissions.Order(StringComparer.Ordinal), shown.Keys.Order(StringComparer.Ordinal));
        Assert.All(shown.Values, organizers => Assert.Single(organizers));
    }

    [Fact]
    public async Task Items_whose_submission_is_no_longer_reviewable_are_completed_and_skipped()
    {
        var campaign = NewCampaign();
        var (withdrawn, reviewable, decided) = (SubmissionIds.New(), SubmissionIds.New(), SubmissionIds.New());
        var review = Organizer();
        foreach (var submission in new[] { withdrawn, reviewable, decided })
        {
            await review.EnqueueAsync(campaign, submission, None);
        }

        Func<string, CancellationToken, Task<bool>> onlyOne = (id, _) => Task.FromResult(id == reviewable);
        var lease = await review.ClaimNextAsync(campaign, onlyOne, Lease, None);

        // Whatever order the claims take, only the reviewable one is handed out; the others are closed on the way.
        Assert.Equal(reviewable, ReviewQueue.SubmissionIdOf(lease!));
        Assert.Null(await Organizer().ClaimNextAsync(campaign, onlyOne, Lease, None));
        var rows = await azurite.RowsAsync(ReviewQueue.QueueName(campaign));
        var states = rows.ToDictionary(r => r.GetString("IdempotencyKey"), r => r.GetString("State"));
        Assert.Equal(("Done", "Done", "Pending"), (states[withdrawn], states[decided], states[reviewable]));
    }

    [Fact]
    public async Task A_skipped_item_is_visible_again_at_once_and_skipping_it_more_often_than_its_attempt_limit_never_dead_letters_it()
    {
        var campaign = NewCampaign();
        var submission = SubmissionIds.New();
        var review = Organizer();
        await review.EnqueueAsync(campaign, submission, None);

        for (var skip = 0; skip < ReviewQueue.MaxAttempts + 5; skip++)
        {
            var lease = await review.ClaimNextAsync(campaign, Always, Lease, None);
            Assert.NotNull(lease);
            Assert.True(await review.ReleaseAsync(lease, None));
        }

        var row = await azurite.RowAsync(ReviewQueue.QueueName(campaign), submission);
        Assert.Equal(("Pending", 0), (row.GetString("State"), row.GetInt32("Attempts")));
        Assert.NotNull(await Organizer().ClaimNextAsync(campaign, Always, Lease, None));
    }

    [Fact]
    public async Task Deciding_from_the_grid_completes_the_item_while_another_organizer_holds_it()
    {
        var campaign = NewCampaign();
        var submission = SubmissionIds.New();
        var holder = Organizer();
        await holder.EnqueueAsync(campaign, submission, None);
        var lease = (await holder.ClaimNextAsync(campaign, Always, Lease, None))!;

        var decided = await Organizer().CompleteAsync(campaign, submission, None);

        Assert.Equal(KeyCompletion.Completed, decided);
        Assert.Equal(KeyCompletion.AlreadyDone, await Organizer().CompleteAsync(campaign, submission, None));
        Assert.False(await holder.ReleaseAsync(lease, None)); // the holder's skip finds nothing to hand back
        Assert.Null(await Organizer().ClaimNextAsync(campaign, Always, Lease, None));
        Assert.Equal("Done", (await azurite.RowAsync(ReviewQueue.QueueName(campaign), submission)).GetString("State"));
    }

    [Fact]
    public async Task A_skip_sent_from_another_request_releases_by_lease_id_and_a_wrong_id_releases_nothing()
    {
        var campaign = NewCampaign();
        var submission = SubmissionIds.New();
        await Organizer().EnqueueAsync(campaign, submission, None);
        var lease = (await Organizer().ClaimNextAsync(campaign, Always, Lease, None))!;

        Assert.False(await Organizer().ReleaseAsync(campaign, submission, "not-the-lease", None));
        Assert.Null(await Organizer().ClaimNextAsync(campaign, Always, Lease, None));
        Assert.True(await Organizer().ReleaseAsync(campaign, submission, lease.LeaseId, None));

        Assert.NotNull(await Organizer().ClaimNextAsync(campaign, Always, Lease, None));
    }

    [Fact]
    public async Task When_the_reviewability_check_fails_the_item_is_handed_back_at_once_and_the_error_passes_on()
    {
        var campaign = NewCampaign();
        var submission = SubmissionIds.New();
        var review = Organizer();
        await review.EnqueueAsync(campaign, submission, None);

        await Assert.ThrowsAsync<TimeoutException>(() =>
            review.ClaimNextAsync(campaign, (_, _) => throw new TimeoutException("submission store timed out"), Lease, None));

        var row = await azurite.RowAsync(ReviewQueue.QueueName(campaign), submission);
        Assert.Equal(("Pending", 0, null), (row.GetString("State"), row.GetInt32("Attempts"), row.GetString("LeaseId")));
        Assert.Equal(submission, ReviewQueue.SubmissionIdOf((await Organizer().ClaimNextAsync(campaign, Always, Lease, None))!));
    }

    [Fact]
    public async Task Ids_that_are_not_campaign_or_submission_ids_are_refused_before_any_request()
    {
        var review = Organizer();

        await Assert.ThrowsAsync<ArgumentException>(() => review.EnqueueAsync("Not A Campaign", SubmissionIds.New(), None));
        await Assert.ThrowsAsync<ArgumentException>(() => review.EnqueueAsync(NewCampaign(), "../../x", None));
        await Assert.ThrowsAsync<ArgumentException>(() => review.CompleteAsync(NewCampaign(), "nope", None));
        await Assert.ThrowsAsync<ArgumentException>(() => review.ClaimNextAsync(new string('c', 65), Always, Lease, None));
    }
}
