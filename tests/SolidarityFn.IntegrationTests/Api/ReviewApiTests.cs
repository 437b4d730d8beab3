using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Review;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Review;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.IntegrationTests.Api;

/// <summary>The organizers' review API over HTTP through the DevHost, on a real Azurite.</summary>
[Collection(StackCollection.Name)]
public class ReviewApiTests(StackFixture stack)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/campaigns/minnesota-solidarity/submissions" },
        { "POST", "/api/campaigns/minnesota-solidarity/submissions/abcdefghijkmnpqrstuv/approve" },
        { "POST", "/api/campaigns/minnesota-solidarity/submissions/abcdefghijkmnpqrstuv/reject" },
        { "PUT", "/api/campaigns/minnesota-solidarity/order" },
        { "GET", "/api/campaigns/minnesota-solidarity/coverage" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_review_endpoint_answers_401_without_the_organizer_key(string method, string path)
    {
        using var http = stack.CreateClient();
        foreach (var authorization in new[] { null, "Bearer wrong-key-wrong-key-wrong", "Basic b3JnYW5pemVyOmtleQ==", "Bearer " })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { reason = "x" }) };
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            // A forged App Service principal means nothing in key mode.
            request.Headers.Add("X-MS-CLIENT-PRINCIPAL", "eyJhdXRoX3R5cCI6ImFhZCIsImNsYWltcyI6W3sidHlwIjoicm9sZXMiLCJ2YWwiOiJvcmdhbml6ZXIifV19");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var organizer = stack.CreateOrganizerClient();
        using var allowed = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { reason = "x" }) };
        using var ok = await organizer.SendAsync(allowed);
        Assert.NotEqual(HttpStatusCode.Unauthorized, ok.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, ok.StatusCode);
    }

    [Fact]
    public async Task Paging_walks_2500_ready_submissions_newest_first_without_gaps_or_repeats()
    {
        var campaign = await NewCampaignAsync();
        var store = stack.Services.GetRequiredService<SubmissionStore>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 2500), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var submission = ReviewAzurite.Issued(campaign, T0.AddSeconds(i));
            await store.AddAsync(submission, ct);
            ReviewAzurite.MakeReady(submission, T0.AddSeconds(i));
            Assert.True(await store.TryReplaceAsync(submission, ct));
        });

        using var http = stack.CreateOrganizerClient();
        var readyAt = new List<DateTimeOffset>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        var pages = 0;
        do
        {
            var url = $"/api/campaigns/{campaign}/submissions?status=Ready&pageSize=200" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var page = await http.GetFromJsonAsync<JsonObject>(url);
            var items = page!["items"]!.AsArray();
            Assert.InRange(items.Count, 1, 200);
            foreach (var item in items)
            {
                Assert.True(ids.Add(item!["submissionId"]!.GetValue<string>()));
                readyAt.Add(item["readyAt"]!.GetValue<DateTimeOffset>());
            }

            token = page["continuationToken"]?.GetValue<string>();
            pages++;
        }
        while (token is not null);

        Assert.Equal(2500, ids.Count);
        Assert.InRange(pages, 13, 14);
        Assert.Equal(readyAt.OrderByDescending(t => t), readyAt);

        var first = await http.GetFromJsonAsync<JsonObject>($"/api/campaigns/{campaign}/submissions");
        Assert.Equal(48, first!["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Approve_reject_and_order_over_http_with_entity_tags()
    {
        var campaign = await NewCampaignAsync();
        var a = await ReadyAsync(campaign, T0);
        var b = await ReadyAsync(campaign, T0.AddMinutes(1));
        var c = await ReadyAsync(campaign, T0.AddMinutes(2));
        using var http = stack.CreateOrganizerClient();
        var root = $"/api/campaigns/{campaign}";

        using var approve = new HttpRequestMessage(HttpMethod.Post, $"{root}/submissions/{a}/approve")
        {
            Content = JsonContent.Create(new { caption = "Montréal: « solidarité » 100%", trimStartSeconds = 1, trimEndSeconds = 7 }),
        };
        approve.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var approved = await http.SendAsync(approve);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("\"2\"", approved.Headers.ETag!.Tag);
        var item = await approved.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Montréal: « solidarité » 100%", item!["caption"]!.GetValue<string>());
        Assert.Equal("Toronto teachers support Minnesota workers", item["originalCaption"]!.GetValue<string>());
        // What the contributor agreed to travels with the item: the consent's version and the language it was shown in.
        Assert.Equal(1, item["consent"]!["version"]!.GetValue<int>());
        Assert.Equal("fr", item["consent"]!["language"]!.GetValue<string>());
        Assert.NotNull(item["consent"]!["at"]);

        using var stale = new HttpRequestMessage(HttpMethod.Post, $"{root}/submissions/{a}/reject") { Content = JsonContent.Create(new { reason = "changed my mind" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var refused = await http.SendAsync(stale);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);

        using (var noReason = await http.PostAsJsonAsync($"{root}/submissions/{b}/reject", new { reason = "" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.True((await UploadApi.ProblemAsync(noReason)).RootElement.GetProperty("errors").TryGetProperty("reason", out _));
        }

        using (var rejected = await http.PostAsJsonAsync($"{root}/submissions/{b}/reject", new { reason = "A child's face is visible" }))
        {
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        }

        using (var empty = await http.PostAsJsonAsync($"{root}/submissions/{c}/approve", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        }

        using (var unknown = await http.PostAsJsonAsync($"{root}/submissions/{SubmissionIds.New()}/approve", new { }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var malformed = await http.PostAsync($"{root}/submissions/{c}/approve", new StringContent("{caption:", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        }

        using (var order = await http.PutAsJsonAsync($"{root}/order", new[] { c }))
        {
            Assert.Equal(HttpStatusCode.OK, order.StatusCode);
        }

        var listed = await http.GetFromJsonAsync<JsonObject>($"{root}/submissions?status=approved");
        Assert.Equal([c, a], listed!["items"]!.AsArray().Select(i => i!["submissionId"]!.GetValue<string>()));
        var rejectedList = await http.GetFromJsonAsync<JsonObject>($"{root}/submissions?status=Rejected");
        Assert.Equal("A child's face is visible", rejectedList!["items"]![0]!["rejectionReason"]!.GetValue<string>());

        var coverage = await http.GetFromJsonAsync<JsonObject>($"{root}/coverage");
        Assert.Equal(2, coverage!["byStatus"]!["Approved"]!.GetValue<int>());
        Assert.Equal(1, coverage["byStatus"]!["Rejected"]!.GetValue<int>());
        Assert.Equal(2, coverage["approved"]!.GetValue<int>());
    }

    [Fact]
    public async Task Approving_with_a_caption_no_shipped_font_can_draw_is_400_naming_the_character_and_changes_nothing()
    {
        var campaign = await NewCampaignAsync();
        var id = await ReadyAsync(campaign, T0);
        using var http = stack.CreateOrganizerClient();

        using var refused = await http.PostAsync(
            $"/api/campaigns/{campaign}/submissions/{id}/approve", JsonContent.Create(new { caption = "Solidarity \U0001FFFF\uE000" }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("The character U+1FFFF cannot be drawn on the video: remove it.", problem!["errors"]!["caption"]![0]!.GetValue<string>());
        var submission = await stack.Services.GetRequiredService<SubmissionStore>().GetAsync(campaign, id, None);
        Assert.Equal("Ready", submission!.Status);

        using var approved = await http.PostAsync(
            $"/api/campaigns/{campaign}/submissions/{id}/approve", JsonContent.Create(new { caption = "تضامن ✊🏽 团结" }));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
    }

    [Fact]
    public async Task Starting_an_assembly_with_a_title_or_end_card_no_shipped_font_can_draw_is_400()
    {
        using var http = stack.CreateOrganizerClient();

        using var refused = await http.PostAsync(
            $"/api/campaigns/{UploadApi.Campaign}/assemblies", JsonContent.Create(new { title = "Solidarity \uE000", endCard = "ᐊᐃᓐᓇᐅᓗᑎᒃ" }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!;
        Assert.Equal("The character U+E000 cannot be drawn on the video: remove it.", errors["title"]![0]!.GetValue<string>());
        Assert.Contains("U+140A", errors["endCard"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contributor_s_withdrawal_takes_an_approved_clip_off_every_list()
    {
        using var contributor = stack.CreateClient();
        var ticket = await UploadApi.IssueAsync(contributor);
        var store = stack.Services.GetRequiredService<SubmissionStore>();
        var submission = await store.GetAsync(UploadApi.Campaign, ticket.SubmissionId, None);
        ReviewAzurite.MakeReady(submission!, T0); // as processing leaves it; processing itself is tested elsewhere
        Assert.True(await store.TryReplaceAsync(submission!, None));

        using var organizer = stack.CreateOrganizerClient();
        using (var approved = await organizer.PostAsJsonAsync($"/api/campaigns/{UploadApi.Campaign}/submissions/{ticket.SubmissionId}/approve", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        using (var withdrawn = await contributor.SendAsync(UploadApi.Receipt(HttpMethod.Delete, ticket.SubmissionId, ticket.ReceiptToken)))
        {
            Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        }

        foreach (var status in new[] { "", "Approved", "Ready", "Rejected" })
        {
            var page = await organizer.GetFromJsonAsync<JsonObject>($"/api/campaigns/{UploadApi.Campaign}/submissions?status={status}&pageSize=200");
            Assert.DoesNotContain(ticket.SubmissionId, page!["items"]!.AsArray().Select(i => i!["submissionId"]!.GetValue<string>()));
        }

        using var again = await organizer.PostAsJsonAsync($"/api/campaigns/{UploadApi.Campaign}/submissions/{ticket.SubmissionId}/approve", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    private async Task<string> NewCampaignAsync()
    {
        var id = ReviewAzurite.NewCampaignId();
        await stack.Services.GetRequiredService<CampaignStore>().UpsertAsync(DefaultCampaign.Create() with { Id = id }, None);
        return id;
    }

    private async Task<string> ReadyAsync(string campaign, DateTimeOffset at)
    {
        var store = stack.Services.GetRequiredService<SubmissionStore>();
        var submission = ReviewAzurite.Issued(campaign, at);
        await store.AddAsync(submission, None);
        ReviewAzurite.MakeReady(submission, at);
        Assert.True(await store.TryReplaceAsync(submission, None));
        return submission.SubmissionId;
    }
}

/// <summary>"Review next": organizers reviewing at once are handed different clips (the review queue's leases).</summary>
[Collection(StackCollection.Name)]
public class ReviewNextApiTests(StackFixture stack)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_organizers_get_different_clips_decided_clips_never_come_back_and_a_skip_hands_one_back()
    {
        var campaign = ReviewAzurite.NewCampaignId();
        await stack.Services.GetRequiredService<CampaignStore>().UpsertAsync(DefaultCampaign.Create() with { Id = campaign }, None);
        var store = stack.Services.GetRequiredService<SubmissionStore>();
        var queue = stack.Services.GetRequiredService<ReviewQueue>();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            // As UploadProcessor does: the review item first, then Ready.
            var submission = ReviewAzurite.Issued(campaign, T0.AddMinutes(i));
            await store.AddAsync(submission, None);
            await queue.EnqueueAsync(campaign, submission.SubmissionId, None);
            ReviewAzurite.MakeReady(submission, T0.AddMinutes(i));
            Assert.True(await store.TryReplaceAsync(submission, None));
            ids.Add(submission.SubmissionId);
        }

        using var alice = stack.CreateOrganizerClient();
        using var bob = stack.CreateOrganizerClient();
        var root = $"/api/campaigns/{campaign}";
        var first = await NextAsync(alice, root);
        var second = await NextAsync(bob, root);
        Assert.NotEqual(first.Id, second.Id);

        using (var approved = await alice.PostAsJsonAsync($"{root}/submissions/{first.Id}/approve", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        using (var skipped = await bob.PostAsJsonAsync($"{root}/review/{second.Id}/skip", new { leaseId = second.LeaseId }))
        {
            Assert.Equal(HttpStatusCode.NoContent, skipped.StatusCode);
        }

        using (var twice = await bob.PostAsJsonAsync($"{root}/review/{second.Id}/skip", new { leaseId = second.LeaseId }))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        }

        // The third clip is withdrawn meanwhile: review-next must never hand it out.
        var third = ids.Single(id => id != first.Id && id != second.Id);
        var withdrawn = await store.GetAsync(campaign, third, None);
        SubmissionLifecycle.Withdraw(withdrawn!, T0.AddHours(1), SubmissionActor.Contributor, NullLogger.Instance);
        Assert.True(await store.TryReplaceAsync(withdrawn!, None));

        var again = await NextAsync(alice, root);
        Assert.Equal(second.Id, again.Id);
        using var none = await bob.PostAsJsonAsync($"{root}/review/next", new { });
        Assert.Equal(HttpStatusCode.NoContent, none.StatusCode);
    }

    private static async Task<(string Id, string LeaseId)> NextAsync(HttpClient http, string root)
    {
        using var response = await http.PostAsJsonAsync($"{root}/review/next", new { });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Ready", json!["item"]!["status"]!.GetValue<string>());
        Assert.True(json["leaseExpiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(4));
        return (json["item"]!["submissionId"]!.GetValue<string>(), json["leaseId"]!.GetValue<string>());
    }
}
