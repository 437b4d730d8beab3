using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Audit;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Intake;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Review;
using SolidarityFn.Pipeline.Security;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.IntegrationTests.Review;

/// <summary>Listing, decisions, ordering and coverage over a real Azurite, through the pipeline's own services.</summary>
[Collection(ReviewCollection.Name)]
public class ReviewServiceTests(ReviewAzurite azurite) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly Organizer Alice = new("alice-oid", "Alice", "entra");

    private readonly string _campaign = ReviewAzurite.NewCampaignId();
    private ReviewListing _listing = null!;
    private ReviewDecisions _decisions = null!;
    private CoverageReport _coverage = null!;
    private AuditLog _audit = null!;

    public async Task InitializeAsync()
    {
        var storage = azurite.Storage;
        var campaigns = new CampaignStore(storage);
        await campaigns.UpsertAsync(DefaultCampaign.Create() with { Id = _campaign }, None);
        var cache = new CampaignCache(campaigns, TimeProvider.System, Options.Create(new IntakeOptions()));
        var items = new ReviewItems(new ReviewMediaLinks(storage, new AccountKeyBlobSasSigner(), TimeProvider.System));
        _listing = new ReviewListing(azurite.Submissions, cache, items);
        _audit = new AuditLog(storage, TimeProvider.System);
        _decisions = new ReviewDecisions(
            azurite.Submissions, items, _audit, new ReviewQueue(azurite.Queue, NullLogger<ReviewQueue>.Instance), TimeProvider.System, ShippedFonts.Coverage, NullLogger<ReviewDecisions>.Instance);
        _coverage = new CoverageReport(azurite.Submissions, cache);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Pages_of_the_ready_list_come_newest_first_without_gaps_or_repeats()
    {
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await ReadyAsync(T0.AddMinutes(i))).SubmissionId);
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = (await _listing.ListAsync(_campaign, "ready", token, 3, None)).Value!;
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(i => i.SubmissionId));
            token = page.ContinuationToken;
        }
        while (token is not null);

        ids.Reverse();
        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task Each_item_links_its_media_read_only_for_at_most_fifteen_minutes()
    {
        var submission = await ReadyAsync(T0);
        await azurite.Storage.Container("media").GetBlobClient($"{_campaign}/{submission.SubmissionId}/thumb.jpg").UploadAsync(BinaryData.FromString("jpeg"), None);

        var item = Assert.Single((await _listing.ListAsync(_campaign, "Ready", null, null, None)).Value!.Items);

        var query = System.Web.HttpUtility.ParseQueryString(item.ThumbnailUrl!.Query);
        Assert.Equal("r", query["sp"]);
        Assert.Equal("b", query["sr"]);
        Assert.True(DateTimeOffset.Parse(query["se"]!, System.Globalization.CultureInfo.InvariantCulture) <= DateTimeOffset.UtcNow.AddMinutes(15.1));
        using var http = new HttpClient();
        Assert.Equal("jpeg", await http.GetStringAsync(item.ThumbnailUrl));
        Assert.Contains("preview.mp4", item.PreviewUrl!.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("clip.mp4", item.ClipUrl!.AbsolutePath, StringComparison.Ordinal);
        using var write = new HttpRequestMessage(HttpMethod.Put, item.ThumbnailUrl) { Content = new StringContent("x") };
        write.Headers.Add("x-ms-blob-type", "BlockBlob");
        var put = await http.SendAsync(write);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
    }

    [Fact]
    public async Task Bad_list_parameters_are_field_errors_and_an_unknown_campaign_is_not_found()
    {
        Assert.Contains("status", (await _listing.ListAsync(_campaign, "Withdrawn", null, null, None)).Problem!.Errors!.Keys);
        Assert.Contains("status", (await _listing.ListAsync(_campaign, "3", null, null, None)).Problem!.Errors!.Keys);
        Assert.Contains("pageSize", (await _listing.ListAsync(_campaign, null, null, 0, None)).Problem!.Errors!.Keys);
        Assert.Contains("pageSize", (await _listing.ListAsync(_campaign, null, null, 201, None)).Problem!.Errors!.Keys);
        Assert.Equal(404, (await _listing.ListAsync("no-such-campaign", null, null, null, None)).Problem!.Status);
    }

    [Fact]
    public async Task Approving_edits_the_caption_keeps_the_original_trims_and_appends_to_the_order()
    {
        var first = await ReadyAsync(T0);
        var second = await ReadyAsync(T0.AddMinutes(1));
        Assert.True((await _decisions.ApproveAsync(_campaign, first.SubmissionId, new ApproveRequest(null, null, null), null, Alice, None)).Succeeded);

        var outcome = await _decisions.ApproveAsync(
            _campaign, second.SubmissionId, new ApproveRequest("  Vancouver nurses stand with Minnesota  ", 1.5, 6), "\"1\"", Alice, None);

        var item = outcome.Value!;
        Assert.Equal("Approved", item.Status);
        Assert.Equal("Vancouver nurses stand with Minnesota", item.Caption);
        Assert.Equal("Toronto teachers support Minnesota workers", item.OriginalCaption);
        Assert.Equal(1.5, item.TrimStartSeconds);
        Assert.Equal(6, item.TrimEndSeconds);
        Assert.Equal(2, item.Position);
        Assert.Equal("\"2\"", item.Etag);
        var approved = (await _listing.ListAsync(_campaign, "Approved", null, null, None)).Value!.Items;
        Assert.Equal([first.SubmissionId, second.SubmissionId], approved.Select(i => i.SubmissionId));
        Assert.Empty((await _listing.ListAsync(_campaign, "Ready", null, null, None)).Value!.Items);

        // Audited: who, what, before and after; newest first.
        var entry = (await _audit.ListAsync(_campaign, null, 10, None)).Items[0];
        Assert.Equal("submission.approve", entry.Action);
        Assert.Equal(second.SubmissionId, entry.SubmissionId);
        Assert.Equal("alice-oid", entry.Actor.Id);
        Assert.Equal("Ready", entry.Before!.Value.GetProperty("status").GetString());
        Assert.Equal("Approved", entry.After!.Value.GetProperty("status").GetString());
        Assert.Equal("Vancouver nurses stand with Minnesota", entry.After!.Value.GetProperty("caption").GetString());
    }

    [Fact]
    public async Task A_stale_if_match_is_refused_with_412_and_changes_nothing()
    {
        var submission = await ReadyAsync(T0);
        Assert.True((await _decisions.RejectAsync(_campaign, submission.SubmissionId, new RejectRequest("Blurry"), "\"1\"", Alice, None)).Succeeded);

        var stale = await _decisions.ApproveAsync(_campaign, submission.SubmissionId, new ApproveRequest(null, null, null), "\"1\"", Alice, None);

        Assert.Equal(412, stale.Problem!.Status);
        var item = Assert.Single((await _listing.ListAsync(_campaign, "Rejected", null, null, None)).Value!.Items);
        Assert.Equal("Blurry", item.RejectionReason);
        Assert.Equal("\"2\"", item.Etag);
        Assert.Null(item.Position);
    }

    [Theory]
    [InlineData(SubmissionStatus.Withdrawn, 409)]
    [InlineData(SubmissionStatus.Failed, 409)]
    [InlineData(SubmissionStatus.Processing, 409)]
    [InlineData(SubmissionStatus.Expired, 409)]
    public async Task Only_ready_approved_or_rejected_submissions_can_be_decided(SubmissionStatus status, int expected)
    {
        var submission = await ReadyAsync(T0);
        submission.StatusValue = status;
        Assert.True(await azurite.Submissions.TryReplaceAsync(submission, None));

        Assert.Equal(expected, (await _decisions.ApproveAsync(_campaign, submission.SubmissionId, new ApproveRequest(null, null, null), null, Alice, None)).Problem!.Status);
        Assert.Equal(expected, (await _decisions.RejectAsync(_campaign, submission.SubmissionId, new RejectRequest("no"), null, Alice, None)).Problem!.Status);
        Assert.Equal(404, (await _decisions.ApproveAsync(_campaign, SubmissionIds.New(), new ApproveRequest(null, null, null), null, Alice, None)).Problem!.Status);
    }

    [Fact]
    public async Task Trims_and_reasons_are_checked_against_the_clip()
    {
        var submission = await ReadyAsync(T0); // an 8-second clip
        var id = submission.SubmissionId;
        Assert.Contains("trimEndSeconds", (await _decisions.ApproveAsync(_campaign, id, new ApproveRequest(null, 0, 9), null, Alice, None)).Problem!.Errors!.Keys);
        Assert.Contains("trimStartSeconds", (await _decisions.ApproveAsync(_campaign, id, new ApproveRequest(null, 7.5, null), null, Alice, None)).Problem!.Errors!.Keys);
        Assert.Contains("trimEndSeconds", (await _decisions.ApproveAsync(_campaign, id, new ApproveRequest(null, 3, 3.5), null, Alice, None)).Problem!.Errors!.Keys);
        Assert.Contains("caption", (await _decisions.ApproveAsync(_campaign, id, new ApproveRequest(" ", null, null), null, Alice, None)).Problem!.Errors!.Keys);
        Assert.Contains("reason", (await _decisions.RejectAsync(_campaign, id, new RejectRequest("  "), null, Alice, None)).Problem!.Errors!.Keys);
        Assert.Equal(SubmissionStatus.Ready, (await azurite.Submissions.GetAsync(_campaign, id, None))!.StatusValue);
    }

    [Fact]
    public async Task Ordering_puts_named_clips_first_and_keeps_the_rest_in_their_order()
    {
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var s = await ReadyAsync(T0.AddMinutes(i));
            Assert.True((await _decisions.ApproveAsync(_campaign, s.SubmissionId, new ApproveRequest(null, null, null), null, Alice, None)).Succeeded);
            ids.Add(s.SubmissionId);
        }

        var outcome = await _decisions.OrderAsync(_campaign, [ids[3], ids[1]], Alice, None);

        Assert.Equal([ids[3], ids[1], ids[0], ids[2]], outcome.Value!.Select(i => i.SubmissionId));
        Assert.Equal([1, 2, 3, 4], outcome.Value!.Select(i => i.Position!.Value));
        var listed = (await _listing.ListAsync(_campaign, "Approved", null, null, None)).Value!.Items.Select(i => i.SubmissionId);
        Assert.Equal([ids[3], ids[1], ids[0], ids[2]], listed);
    }

    [Fact]
    public async Task Ordering_refuses_ids_that_are_not_approved_and_malformed_lists()
    {
        var ready = await ReadyAsync(T0);
        Assert.Equal(409, (await _decisions.OrderAsync(_campaign, [ready.SubmissionId], Alice, None)).Problem!.Status);
        Assert.Equal(400, (await _decisions.OrderAsync(_campaign, [ready.SubmissionId, ready.SubmissionId], Alice, None)).Problem!.Status);
        Assert.Equal(400, (await _decisions.OrderAsync(_campaign, ["not an id"], Alice, None)).Problem!.Status);
    }

    [Fact]
    public async Task A_withdrawal_takes_an_approved_clip_off_every_list_and_out_of_the_order()
    {
        var kept = await ReadyAsync(T0);
        var withdrawn = await ReadyAsync(T0.AddMinutes(1));
        foreach (var s in new[] { kept, withdrawn })
        {
            Assert.True((await _decisions.ApproveAsync(_campaign, s.SubmissionId, new ApproveRequest(null, null, null), null, Alice, None)).Succeeded);
        }

        var current = await azurite.Submissions.GetAsync(_campaign, withdrawn.SubmissionId, None);
        SubmissionLifecycle.Withdraw(current!, T0.AddHours(1), SubmissionActor.Contributor, NullLogger.Instance);
        Assert.True(await azurite.Submissions.TryReplaceAsync(current!, None));

        var all = (await _listing.ListAsync(_campaign, null, null, null, None)).Value!.Items;
        Assert.Equal([kept.SubmissionId], all.Select(i => i.SubmissionId));
        Assert.Equal(409, (await _decisions.OrderAsync(_campaign, [withdrawn.SubmissionId, kept.SubmissionId], Alice, None)).Problem!.Status);
    }

    [Fact]
    public async Task Coverage_counts_statuses_and_groups_names_ignoring_case_and_spacing()
    {
        var a = await ReadyAsync(T0);
        var b = await ReadyAsync(T0.AddMinutes(1), union: "etfo  local 12");
        await ReadyAsync(T0.AddMinutes(2), union: "BCNU", city: "Vancouver");
        var failed = ReviewAzurite.Issued(_campaign, T0);
        await azurite.Submissions.AddAsync(failed, None);
        Assert.True((await _decisions.ApproveAsync(_campaign, a.SubmissionId, new ApproveRequest(null, 2, 7), null, Alice, None)).Succeeded);
        Assert.True((await _decisions.RejectAsync(_campaign, b.SubmissionId, new RejectRequest("duplicate"), null, Alice, None)).Succeeded);

        var coverage = (await _coverage.CountAsync(_campaign, None)).Value!;

        Assert.Equal(1, coverage.ByStatus["Ready"]);
        Assert.Equal(1, coverage.ByStatus["Approved"]);
        Assert.Equal(1, coverage.ByStatus["Rejected"]);
        Assert.Equal(1, coverage.ByStatus["Issued"]);
        Assert.Equal(2, coverage.Usable);
        Assert.Equal(1, coverage.Approved);
        Assert.Equal(5, coverage.ApprovedSeconds);
        Assert.Equal([new CoverageCount("ETFO Local 12", 1, 1), new CoverageCount("BCNU", 1, 0)], coverage.Unions.OrderBy(u => u.Name == "BCNU"));
        Assert.Equal(2, coverage.Cities.Count);
    }

    private async Task<SubmissionEntity> ReadyAsync(DateTimeOffset readyAt, string? union = null, string? city = null)
    {
        var submission = ReviewAzurite.Issued(_campaign, readyAt.AddMinutes(-1));
        if (union is not null)
        {
            submission.Union = union;
        }

        if (city is not null)
        {
            submission.City = city;
        }

        await azurite.Submissions.AddAsync(submission, None);
        ReviewAzurite.MakeReady(submission, readyAt);
        Assert.True(await azurite.Submissions.TryReplaceAsync(submission, None));
        return submission;
    }
}
