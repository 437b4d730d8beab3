using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Campaigns;

namespace SolidarityFn.IntegrationTests.Api;

/// <summary>POST /api/campaigns/{id}/uploads and GET /api/campaigns/{id} over HTTP, against Azurite.</summary>
[Collection(StackCollection.Name)]
public class IntakeApiTests(StackFixture stack)
{
    private readonly HttpClient _http = stack.CreateClient();

    private static Dictionary<string, object?> Body(Action<Dictionary<string, object?>> change)
    {
        var body = UploadApi.ValidBody();
        change(body);
        return body;
    }

    [Fact]
    public async Task The_public_campaign_shows_its_consent_text_and_limits()
    {
        var json = await _http.GetFromJsonAsync<JsonElement>("/api/campaigns/minnesota-solidarity");

        Assert.Equal("Workers across Canada stand with Minnesota", json.GetProperty("title").GetString());
        Assert.Equal(1, json.GetProperty("consentVersion").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("consentText").GetString()));
        Assert.Contains("#AbolishICE", json.GetProperty("hashtags").EnumerateArray().Select(h => h.GetString()));
        Assert.True(json.GetProperty("open").GetBoolean());
        Assert.Equal(500L * 1024 * 1024, json.GetProperty("limits").GetProperty("maxUploadBytes").GetInt64());
    }

    [Fact]
    public async Task An_unknown_campaign_is_404_problem_json()
    {
        using var get = await _http.GetAsync("/api/campaigns/no-such-campaign");
        using var post = await UploadApi.PostAsync(_http, UploadApi.ValidBody(), "no-such-campaign");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        using var problem = await UploadApi.ProblemAsync(post);
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_caption_or_name_no_shipped_font_can_draw_is_400_naming_the_field_and_the_character_and_nothing_is_recorded()
    {
        using var response = await UploadApi.PostAsync(_http, Body(b =>
        {
            b["caption"] = "ICE out \uE000";
            b["city"] = "ᐃᖃᓗᐃᑦ";
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = await UploadApi.ProblemAsync(response);
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Equal(["caption", "city"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("The character U+E000 cannot be drawn on the video: remove it.", errors.GetProperty("caption")[0].GetString());
        Assert.Contains("U+1403", errors.GetProperty("city")[0].GetString(), StringComparison.Ordinal);
        Assert.False(problem.RootElement.TryGetProperty("submissionId", out _));
    }

    [Fact]
    public async Task Captions_in_arabic_amharic_chinese_and_with_emoji_are_accepted()
    {
        foreach (var caption in new[] { "تضامن مع عمال مينيسوتا", "ከሚኒሶታ ሠራተኞች ጋር", "与明尼苏达工人团结一致", "Đoàn kết ✊🏽🇨🇦" })
        {
            using var response = await UploadApi.PostAsync(_http, Body(b => b["caption"] = caption));
            Assert.True(response.IsSuccessStatusCode, caption);
        }
    }

    [Fact]
    public async Task A_valid_request_records_an_issued_submission_with_what_was_typed()
    {
        var ticket = await UploadApi.IssueAsync(_http);

        var row = (await stack.Tables.GetTableClient("Submissions").GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
        Assert.Equal("Issued", row.GetString("Status"));
        Assert.Equal("CUPE 4400", row.GetString("Union"));
        Assert.Equal("Education", row.GetString("Sector"));
        Assert.Equal("Toronto", row.GetString("City"));
        Assert.Equal("Toronto teachers support Minnesota workers", row.GetString("Caption"));
        Assert.Equal(1, row.GetInt32("ConsentVersion"));
        Assert.NotNull(row.GetDateTimeOffset("ConsentedAt"));
        Assert.Equal($"{stack.BaseAddress}r/{ticket.SubmissionId}#{ticket.ReceiptToken}", ticket.ReceiptUrl);
    }

    [Fact]
    public async Task The_receipt_token_is_stored_only_as_a_hash()
    {
        var ticket = await UploadApi.IssueAsync(_http);

        var row = (await stack.Tables.GetTableClient("Submissions").GetEntityAsync<TableEntity>(UploadApi.Campaign, ticket.SubmissionId)).Value;
        Assert.All(row, pair => Assert.DoesNotContain(ticket.ReceiptToken, pair.Value?.ToString() ?? "", StringComparison.Ordinal));
        Assert.Equal(64, row.GetString("ReceiptTokenHash").Length);
    }

    [Fact]
    public async Task The_file_name_is_not_stored()
    {
        var body = Body(b => b["fileName"] = "VID_20261127_Minneapolis_Lake_St.mp4");
        using var response = await UploadApi.PostAsync(_http, body);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submissionId").GetString();

        var row = (await stack.Tables.GetTableClient("Submissions").GetEntityAsync<TableEntity>(UploadApi.Campaign, id)).Value;
        Assert.All(row, pair => Assert.DoesNotContain("Minneapolis", pair.Value?.ToString() ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_fields_are_400_with_an_error_per_field()
    {
        using var response = await UploadApi.PostAsync(_http, Body(b =>
        {
            b.Remove("union");
            b["city"] = "";
            b["caption"] = new string('x', 301);
            b["consent"] = false;
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = await UploadApi.ProblemAsync(response);
        var errors = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["caption", "city", "consent", "union"], errors);
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task A_stale_consent_version_is_400()
    {
        using var response = await UploadApi.PostAsync(_http, Body(b => b["consentVersion"] = 0));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = await UploadApi.ProblemAsync(response);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("consentVersion", out _));
    }

    [Theory]
    [InlineData("{\"union\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"sizeBytes\": \"ten\"}")]
    public async Task Malformed_json_is_400(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("/api/campaigns/minnesota-solidarity/uploads", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = await UploadApi.ProblemAsync(response);
        Assert.EndsWith("malformed-json", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disallowed_type_is_415()
    {
        using var response = await UploadApi.PostAsync(_http, Body(b => b["contentType"] = "application/x-mpegurl"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        using var _ = await UploadApi.ProblemAsync(response);
    }

    [Fact]
    public async Task A_declared_size_over_the_limit_is_413()
    {
        using var response = await UploadApi.PostAsync(_http, Body(b => b["sizeBytes"] = 500L * 1024 * 1024 + 1));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var _ = await UploadApi.ProblemAsync(response);
    }

    [Fact]
    public async Task A_closed_campaign_is_410_and_issues_nothing()
    {
        var store = stack.Services.GetRequiredService<CampaignStore>();
        await store.UpsertAsync(DefaultCampaign.Create() with { Id = "closed-call", IsOpen = false }, CancellationToken.None);
        await store.UpsertAsync(DefaultCampaign.Create() with { Id = "past-deadline", Deadline = DateTimeOffset.UtcNow.AddDays(-1) }, CancellationToken.None);

        using var closed = await UploadApi.PostAsync(_http, UploadApi.ValidBody(), "closed-call");
        using var late = await UploadApi.PostAsync(_http, UploadApi.ValidBody(), "past-deadline");
        var info = await _http.GetFromJsonAsync<JsonElement>("/api/campaigns/closed-call");

        Assert.Equal(HttpStatusCode.Gone, closed.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        using var _ = await UploadApi.ProblemAsync(closed);
        Assert.False(info.GetProperty("open").GetBoolean());
        var rows = stack.Tables.GetTableClient("Submissions").QueryAsync<TableEntity>(e => e.PartitionKey == "closed-call");
        Assert.Empty(await rows.ToListAsync());
    }
}

[CollectionDefinition(Name)]
public sealed class RateLimitedCollection : ICollectionFixture<RateLimitedStackFixture>
{
    public const string Name = "rate-limited";
}

[Collection(RateLimitedCollection.Name)]
public class IntakeRateLimitTests(RateLimitedStackFixture stack)
{
    [Fact]
    public async Task A_client_over_its_limit_gets_429_with_retry_after()
    {
        using var http = stack.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await UploadApi.PostAsync(http, UploadApi.ValidBody());
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }

        using var refused = await UploadApi.PostAsync(http, UploadApi.ValidBody());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        using var _ = await UploadApi.ProblemAsync(refused);
    }
}
