using System.Net;
using Azure.Data.Tables;
using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Organizers;

/// <summary>The Audit table as campaign edits fill it, and GET /api/campaigns/{id}/audit.</summary>
[Collection(StackCollection.Name)]
public class AuditApiTests(StackFixture stack)
{
    private readonly HttpClient _organizer = stack.CreateOrganizerClient();

    [Fact]
    public async Task Create_and_update_are_audited_newest_first_with_who_what_before_and_after()
    {
        var id = CampaignApi.NewId();
        await CampaignApi.CreateAsync(_organizer, id);
        (await CampaignApi.PutAsync(_organizer, id, CampaignApi.Body(title: "Second title", consentText: "Second consent."))).Dispose();

        var items = (await CampaignApi.AuditAsync(_organizer, id)).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(["campaign.update", "campaign.create"], items.Select(i => i.GetProperty("action").GetString()));
        var (update, create) = (items[0], items[1]);
        Assert.Equal("key", update.GetProperty("actor").GetProperty("id").GetString());
        Assert.Equal("key", update.GetProperty("actor").GetProperty("method").GetString());
        Assert.Equal(id, update.GetProperty("campaignId").GetString());
        Assert.False(create.TryGetProperty("before", out _));
        Assert.Equal("Toronto stands with Minnesota", create.GetProperty("after").GetProperty("title").GetString());
        Assert.Equal("Toronto stands with Minnesota", update.GetProperty("before").GetProperty("title").GetString());
        Assert.Equal(1, update.GetProperty("before").GetProperty("consentVersion").GetInt32());
        Assert.Equal("Second title", update.GetProperty("after").GetProperty("title").GetString());
        Assert.Equal(2, update.GetProperty("after").GetProperty("consentVersion").GetInt32());
        Assert.True(update.GetProperty("at").GetDateTimeOffset() >= create.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_audit_row_holds_who_and_what_but_never_the_key()
    {
        var id = CampaignApi.NewId();
        await CampaignApi.CreateAsync(_organizer, id);

        var rows = stack.Tables.GetTableClient("Audit").QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"));
        var row = Assert.Single(await rows.ToListAsync());

        Assert.Equal("campaign.create", row.GetString("Action"));
        Assert.Equal("key", row.GetString("ActorId"));
        Assert.Equal("Organizer (key)", row.GetString("ActorName"));
        Assert.Equal("key", row.GetString("ActorMethod"));
        Assert.NotNull(row.GetDateTimeOffset("At"));
        Assert.Contains("\"title\":\"Toronto stands with Minnesota\"", row.GetString("After"), StringComparison.Ordinal);
        Assert.Null(row.GetString("Before"));
        Assert.Matches(@"^\d{19}-[0-9a-f]{8}$", row.RowKey);
        Assert.All(row, pair => Assert.DoesNotContain(StackFixture.OrganizerKey, pair.Value?.ToString() ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pages_follow_the_continuation_token_to_the_end_without_repeats()
    {
        var id = CampaignApi.NewId();
        await CampaignApi.CreateAsync(_organizer, id);
        for (var i = 2; i <= 5; i++)
        {
            (await CampaignApi.PutAsync(_organizer, id, CampaignApi.Body(title: $"Title {i}"))).Dispose();
        }

        var titles = new List<string?>();
        string? token = null;
        var pages = 0;
        do
        {
            var query = "?pageSize=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var page = await CampaignApi.AuditAsync(_organizer, id, query);
            titles.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("after").GetProperty("title").GetString()));
            token = page.TryGetProperty("continuationToken", out var t) ? t.GetString() : null;
            pages++;
        }
        while (token is not null);

        Assert.Equal(["Title 5", "Title 4", "Title 3", "Title 2", "Toronto stands with Minnesota"], titles);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task A_campaign_with_no_audit_is_an_empty_page()
    {
        var page = await CampaignApi.AuditAsync(_organizer, CampaignApi.NewId());

        Assert.Empty(page.GetProperty("items").EnumerateArray());
        Assert.False(page.TryGetProperty("continuationToken", out _));
    }

    [Theory]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=1000", "pageSize")]
    [InlineData("?continuationToken=1%20or%20true", "continuationToken")]
    public async Task A_bad_query_is_400_naming_the_parameter(string query, string field)
    {
        using var response = await _organizer.GetAsync($"/api/campaigns/{CampaignApi.NewId()}/audit{query}");
        using var problem = await UploadApi.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }
}
