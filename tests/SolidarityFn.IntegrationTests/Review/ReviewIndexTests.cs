using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using SolidarityFn.Pipeline.Review;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.IntegrationTests.Review;

/// <summary>The organizer lists live beside the submissions and change in the same transaction (real Azurite).</summary>
[Collection(ReviewCollection.Name)]
public class ReviewIndexTests(ReviewAzurite azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_submission_is_listed_only_once_it_is_ready_and_the_row_carries_what_the_page_shows()
    {
        var campaign = ReviewAzurite.NewCampaignId();
        var store = azurite.Submissions;
        var submission = ReviewAzurite.Issued(campaign, T0);
        await store.AddAsync(submission, None);
        submission.StatusValue = SubmissionStatus.Processing;
        Assert.True(await store.TryReplaceAsync(submission, None));
        Assert.Empty(await azurite.ListRowsAsync(campaign));

        ReviewAzurite.MakeReady(submission, T0.AddMinutes(1));
        Assert.True(await store.TryReplaceAsync(submission, None));

        var row = Assert.Single(await azurite.ListRowsAsync(campaign));
        Assert.Equal(ReviewIndex.KeyFor(submission), row.RowKey);
        Assert.StartsWith("~Ready|", row.RowKey, StringComparison.Ordinal);
        Assert.Equal(submission.SubmissionId, row.GetString("SubmissionId"));
        Assert.Equal("Toronto teachers support Minnesota workers", row.GetString("Caption"));
        Assert.Equal(2, row.GetInt32("Version"));
        Assert.Equal(2, submission.Version);
        Assert.Null(row.GetString("ReceiptTokenHash"));
        var stored = await store.GetAsync(campaign, submission.SubmissionId, None);
        Assert.Equal(row.RowKey, stored!.ReviewKey);
        Assert.Equal(submission.ETag, stored.ETag);
    }

    [Fact]
    public async Task Approving_moves_the_list_row_and_withdrawing_removes_it()
    {
        var campaign = ReviewAzurite.NewCampaignId();
        var store = azurite.Submissions;
        var submission = await ReadyAsync(campaign, T0);

        submission.StatusValue = SubmissionStatus.Approved;
        submission.Position = 3;
        Assert.True(await store.TryReplaceAsync(submission, None));
        var row = Assert.Single(await azurite.ListRowsAsync(campaign));
        Assert.Equal($"~Approved|000000003|{submission.SubmissionId}", row.RowKey);

        SubmissionLifecycle.Withdraw(submission, T0.AddHours(1), SubmissionActor.Contributor, NullLogger.Instance);
        Assert.True(await store.TryReplaceAsync(submission, None));
        Assert.Empty(await azurite.ListRowsAsync(campaign));
        Assert.Null((await store.GetAsync(campaign, submission.SubmissionId, None))!.ReviewKey);
    }

    [Fact]
    public async Task A_stale_write_changes_neither_the_submission_nor_its_list_row()
    {
        var campaign = ReviewAzurite.NewCampaignId();
        var store = azurite.Submissions;
        var first = await ReadyAsync(campaign, T0);
        var stale = await store.GetAsync(campaign, first.SubmissionId, None);

        first.StatusValue = SubmissionStatus.Approved;
        first.Position = 1;
        Assert.True(await store.TryReplaceAsync(first, None));

        stale!.StatusValue = SubmissionStatus.Rejected;
        stale.DecidedAt = T0.AddMinutes(5);
        var versionBefore = stale.Version;
        var keyBefore = stale.ReviewKey;
        Assert.False(await store.TryReplaceAsync(stale, None));

        Assert.Equal(versionBefore, stale.Version);
        Assert.Equal(keyBefore, stale.ReviewKey);
        var row = Assert.Single(await azurite.ListRowsAsync(campaign));
        Assert.StartsWith("~Approved|", row.RowKey, StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Approved, (await store.GetAsync(campaign, first.SubmissionId, None))!.StatusValue);
    }

    [Fact]
    public async Task Ready_reads_newest_first_and_approved_in_organizer_order()
    {
        var campaign = ReviewAzurite.NewCampaignId();
        var older = await ReadyAsync(campaign, T0);
        var newer = await ReadyAsync(campaign, T0.AddMinutes(10));
        var newest = await ReadyAsync(campaign, T0.AddMinutes(20));

        Assert.Equal([newest.SubmissionId, newer.SubmissionId, older.SubmissionId], await ListedAsync(campaign, SubmissionStatus.Ready));

        foreach (var (submission, position) in new[] { (older, 2), (newest, 1) })
        {
            submission.StatusValue = SubmissionStatus.Approved;
            submission.Position = position;
            Assert.True(await azurite.Submissions.TryReplaceAsync(submission, None));
        }

        Assert.Equal([newest.SubmissionId, older.SubmissionId], await ListedAsync(campaign, SubmissionStatus.Approved));
        Assert.Equal([newer.SubmissionId], await ListedAsync(campaign, SubmissionStatus.Ready));
    }

    [Fact]
    public async Task Status_queries_over_the_table_never_see_list_rows()
    {
        // The stalled-upload sweeper and other status queries filter on Status; list rows have ListedStatus instead.
        var campaign = ReviewAzurite.NewCampaignId();
        var submission = await ReadyAsync(campaign, T0);
        var ready = await azurite.SubmissionsTable
            .QueryAsync<SubmissionEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {campaign} and Status eq {"Ready"}"))
            .ToListAsync();
        Assert.Equal(submission.SubmissionId, Assert.Single(ready).RowKey);
    }

    private async Task<SubmissionEntity> ReadyAsync(string campaign, DateTimeOffset readyAt)
    {
        var submission = ReviewAzurite.Issued(campaign, readyAt.AddMinutes(-1));
        await azurite.Submissions.AddAsync(submission, None);
        ReviewAzurite.MakeReady(submission, readyAt);
        Assert.True(await azurite.Submissions.TryReplaceAsync(submission, None));
        return submission;
    }

    private async Task<List<string>> ListedAsync(string campaign, SubmissionStatus status)
    {
        var (from, to) = ReviewIndex.RangeOf(status);
        var rows = await azurite.SubmissionsTable
            .QueryAsync<ReviewIndexEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {campaign} and RowKey ge {from} and RowKey lt {to}"))
            .ToListAsync();
        return rows.Select(r => r.SubmissionId).ToList();
    }
}
