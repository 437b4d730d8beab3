using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.IntegrationTests.Organizers;

/// <summary>GET /api/campaigns and GET /api/campaigns/{id}/settings through the DevHost against Azurite.</summary>
[Collection(StackCollection.Name)]
public class CampaignListApiTests(StackFixture stack)
{
    private readonly HttpClient _organizer = stack.CreateOrganizerClient();
    private readonly HttpClient _public = stack.CreateClient();

    /// <summary>A deadline later than any other test's, so these campaigns lead the list (latest deadline first).</summary>
    private static DateTimeOffset FarDeadline(int minutes) => new DateTimeOffset(9000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(Random.Shared.Next(1, 300_000)).AddMinutes(minutes);

    [Fact]
    public async Task Pages_walk_the_campaigns_latest_deadline_first_each_once_and_honour_the_page_size()
    {
        var deadline = FarDeadline(0);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = CampaignApi.NewId("list");
            var body = CampaignApi.Body(title: $"List test {i}");
            body["deadline"] = deadline.AddMinutes(-i);   // the first made has the latest deadline
            await CampaignApi.CreateAsync(_organizer, id, body);
            ids.Add(id);
        }

        var seen = new List<(string Id, DateTimeOffset? Deadline)>();
        string? token = null;
        var pages = 0;
        do
        {
            using var page = JsonDocument.Parse(await _organizer.GetStringAsync("/api/campaigns?pageSize=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token))));
            var items = page.RootElement.GetProperty("items").EnumerateArray()
                .Select(i => (i.GetProperty("campaignId").GetString()!, i.TryGetProperty("deadline", out var d) && d.ValueKind == JsonValueKind.String ? d.GetDateTimeOffset() : (DateTimeOffset?)null))
                .ToList();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items);
            token = page.RootElement.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            pages++;
        }
        while (token is not null && pages < 1000);

        Assert.Null(token);
        Assert.Equal(seen.Count, seen.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids, seen.Select(s => s.Id).Where(ids.Contains));

        // Latest deadline first, campaigns without one last.
        var deadlines = seen.Select(s => s.Deadline).ToList();
        Assert.Equal(deadlines.OrderByDescending(d => d ?? DateTimeOffset.MinValue), deadlines);
    }

    [Fact]
    public async Task Each_campaign_carries_its_title_deadline_open_state_and_counts_of_each_list()
    {
        var id = CampaignApi.NewId("counts");
        var deadline = new DateTimeOffset(9990, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Random.Shared.Next(0, 1_000_000));   // after FarDeadline's
        var body = CampaignApi.Body(title: "Counted campaign");
        body["deadline"] = deadline;
        await CampaignApi.CreateAsync(_organizer, id, body);
        var closedId = CampaignApi.NewId("counts");
        var closed = CampaignApi.Body(title: "Closed campaign");
        closed["deadline"] = deadline.AddMinutes(-1);
        closed["isOpen"] = false;
        await CampaignApi.CreateAsync(_organizer, closedId, closed);

        var store = stack.Services.GetRequiredService<SubmissionStore>();
        await SeedAsync(store, id, SubmissionStatus.Ready, 3);
        await SeedAsync(store, id, SubmissionStatus.Approved, 2);
        await SeedAsync(store, id, SubmissionStatus.Rejected, 1);
        await SeedAsync(store, id, SubmissionStatus.Failed, 1);
        await SeedAsync(store, id, SubmissionStatus.Processing, 2);   // in flight: on no list, counted nowhere
        await SeedAsync(store, id, SubmissionStatus.Withdrawn, 1);

        using var page = JsonDocument.Parse(await _organizer.GetStringAsync("/api/campaigns?pageSize=2"));
        var items = page.RootElement.GetProperty("items").EnumerateArray().ToList();
        var open = items.Single(i => i.GetProperty("campaignId").GetString() == id);
        var shut = items.Single(i => i.GetProperty("campaignId").GetString() == closedId);

        Assert.Equal("Counted campaign", open.GetProperty("title").GetString());
        Assert.Equal(deadline, open.GetProperty("deadline").GetDateTimeOffset());
        Assert.True(open.GetProperty("open").GetBoolean());
        Assert.False(shut.GetProperty("open").GetBoolean());
        Assert.False(shut.GetProperty("isOpen").GetBoolean());
        var counts = open.GetProperty("counts");
        Assert.Equal((3, 2, 1, 1), (counts.GetProperty("ready").GetInt32(), counts.GetProperty("approved").GetInt32(), counts.GetProperty("rejected").GetInt32(), counts.GetProperty("failed").GetInt32()));
        Assert.Equal(0, shut.GetProperty("counts").GetProperty("ready").GetInt32());

        // The same numbers as the review page's tabs (coverage).
        using var coverage = JsonDocument.Parse(await _organizer.GetStringAsync($"/api/campaigns/{id}/coverage"));
        Assert.Equal(3, coverage.RootElement.GetProperty("byStatus").GetProperty("Ready").GetInt32());
        Assert.Equal(2, coverage.RootElement.GetProperty("byStatus").GetProperty("Approved").GetInt32());
    }

    [Fact]
    public async Task Without_the_organizer_key_the_list_and_the_settings_are_401()
    {
        var id = CampaignApi.NewId();
        await CampaignApi.CreateAsync(_organizer, id);

        using var list = await _public.GetAsync("/api/campaigns");
        using var wrongKey = await CampaignApi.SendAsync(_public, HttpMethod.Get, "/api/campaigns", authorization: CampaignApi.Bearer("not-the-key"));
        using var settings = await _public.GetAsync($"/api/campaigns/{id}/settings");

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, settings.StatusCode);
        Assert.Equal("application/problem+json", list.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(id, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_page_size_or_token_is_400_with_the_field_named()
    {
        using var tooBig = await _organizer.GetAsync("/api/campaigns?pageSize=201");
        using var token = await _organizer.GetAsync("/api/campaigns?continuationToken=not-ours");

        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.True((await CampaignApi.JsonAsync(tooBig)).GetProperty("errors").TryGetProperty("pageSize", out _));
        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
        Assert.True((await CampaignApi.JsonAsync(token)).GetProperty("errors").TryGetProperty("continuationToken", out _));
    }

    [Fact]
    public async Task Settings_give_every_field_and_the_etag_a_save_needs_and_a_stale_one_is_412()
    {
        var id = CampaignApi.NewId();
        var created = await CampaignApi.CreateAsync(_organizer, id);

        using var read = await _organizer.GetAsync($"/api/campaigns/{id}/settings");
        var json = await CampaignApi.JsonAsync(read);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(created, CampaignApi.ETagOf(read));
        Assert.Equal(created, json.GetProperty("etag").GetString());
        Assert.Equal(4, json.GetProperty("limits").GetProperty("photoSeconds").GetDouble());
        Assert.Equal(0, json.GetProperty("limits").GetProperty("keepOriginalsDays").GetInt32());
        Assert.Equal("I agree that my clip may be used.", json.GetProperty("consentText").GetString());

        using var saved = await CampaignApi.PutAsync(_organizer, id, CampaignApi.Body(title: "Saved first"), ifMatch: created);
        using var stale = await CampaignApi.PutAsync(_organizer, id, CampaignApi.Body(title: "Saved second"), ifMatch: created);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(CampaignApi.ETagOf(saved), CampaignApi.ETagOf(stale));

        using var missing = await _organizer.GetAsync("/api/campaigns/no-such-campaign-here/settings");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Creating_with_if_none_match_star_never_replaces_a_campaign_with_the_same_id()
    {
        var id = CampaignApi.NewId();
        using var first = await SendCreateOnlyAsync(id, "First of that id");
        using var second = await SendCreateOnlyAsync(id, "Second of that id");
        using var stored = await _organizer.GetAsync($"/api/campaigns/{id}/settings");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Equal("First of that id", (await CampaignApi.JsonAsync(stored)).GetProperty("title").GetString());
        Assert.Equal(CampaignApi.ETagOf(first), CampaignApi.ETagOf(second));
    }

    private async Task<HttpResponseMessage> SendCreateOnlyAsync(string id, string title)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/campaigns/{id}") { Content = System.Net.Http.Json.JsonContent.Create(CampaignApi.Body(title: title)) };
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        return await _organizer.SendAsync(request);
    }

    /// <summary>Submissions written as the pipeline leaves them (the store writes the list row in the same transaction).</summary>
    private static async Task SeedAsync(SubmissionStore store, string campaignId, SubmissionStatus status, int count)
    {
        for (var n = 0; n < count; n++)
        {
            var at = DateTimeOffset.UtcNow.AddMinutes(-n - 1);
            var submission = Review.ReviewAzurite.Issued(campaignId, at);
            await store.AddAsync(submission, CancellationToken.None);
            Review.ReviewAzurite.MakeReady(submission, at);
            submission.StatusValue = status;
            if (status == SubmissionStatus.Approved)
            {
                submission.Position = n + 1;
            }

            if (status is SubmissionStatus.Approved or SubmissionStatus.Rejected)
            {
                submission.DecidedAt = at;
            }

            Assert.True(await store.TryReplaceAsync(submission, CancellationToken.None));
        }
    }
}
