using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Organizers;
using SolidarityFn.IntegrationTests.Review;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.IntegrationTests.Api;

/// <summary>
/// Every state-changing organizer request must say Content-Type: application/json: a page of another origin can send
/// text/plain, form-encoded, multipart or untyped bodies without a CORS preflight (riding a signed-in organizer's
/// cookie in Azure), but not JSON. Over HTTP through the DevHost, on a real Azurite.
/// </summary>
[Collection(StackCollection.Name)]
public class OrganizerJsonOnlyTests(StackFixture stack)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Every organizer route that changes something, with a JSON body it accepts.</summary>
    public static TheoryData<string, string, string> Changes => new()
    {
        { "PUT", "/api/campaigns/{campaign}", "campaign" },
        { "POST", "/api/campaigns/{campaign}/submissions/{submission}/approve", "{}" },
        { "POST", "/api/campaigns/{campaign}/submissions/{submission}/reject", """{"reason":"Off topic"}""" },
        { "POST", "/api/campaigns/{campaign}/submissions/{submission}/retry", "{}" },
        { "PUT", "/api/campaigns/{campaign}/order", "[]" },
        { "POST", "/api/campaigns/{campaign}/review/next", "{}" },
        { "POST", "/api/campaigns/{campaign}/review/{submission}/skip", """{"leaseId":"not-a-lease"}""" },
        { "POST", "/api/campaigns/{campaign}/assemblies", """{"formats":["landscape"]}""" },
        { "POST", "/api/campaigns/{campaign}/assemblies/plan", """{"formats":["landscape"]}""" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_change_sent_as_text_form_multipart_or_untyped_is_415_and_changes_nothing(string method, string route, string json)
    {
        var (campaign, submission) = await ReadyClipAsync();
        var path = route.Replace("{campaign}", campaign, StringComparison.Ordinal).Replace("{submission}", submission, StringComparison.Ordinal);
        var body = Body(json);
        using var organizer = stack.CreateOrganizerClient();

        HttpContent?[] refused =
        [
            new StringContent(body, Encoding.UTF8, "text/plain"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "Off topic", ["caption"] = "x" }),
            new MultipartFormDataContent { { new StringContent(body), "body" } },
            Untyped(body),
            null,
            new StringContent(body, Encoding.UTF8, "application/json-patch+json"),
            new StringContent(body, Encoding.Unicode, "application/json"), // charset=utf-16
        ];
        foreach (var content in refused)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
            using var response = await organizer.SendAsync(request);

            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            using var problem = await UploadApi.ProblemAsync(response);
            Assert.Equal("https://solidarityfn.org/problems/json-required", problem.RootElement.GetProperty("type").GetString());
            Assert.Contains("Content-Type: application/json", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // Nothing was decided, created or queued by any of those.
        var row = await stack.Services.GetRequiredService<SubmissionStore>().GetAsync(campaign, submission, None);
        Assert.Equal(SubmissionStatus.Ready, row!.StatusValue);
        using var audit = await organizer.GetAsync($"/api/campaigns/{campaign}/audit");
        Assert.Empty((await audit.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task The_same_change_sent_as_json_is_read_and_handled(string method, string route, string json)
    {
        var (campaign, submission) = await ReadyClipAsync();
        var path = route.Replace("{campaign}", campaign, StringComparison.Ordinal).Replace("{submission}", submission, StringComparison.Ordinal);
        using var organizer = stack.CreateOrganizerClient();

        foreach (var type in new[] { "application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\"" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Typed(Body(json), type) };
            using var response = await organizer.SendAsync(request);

            // Each route's own answer (200, 201, 202, 204, or 404/409 for a lease or retry that does not apply):
            // never the content-type refusal, never a body the API could not read.
            Assert.NotEqual(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.NotEqual(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task Approving_with_an_empty_json_object_approves_as_is_and_an_empty_body_is_400()
    {
        var (campaign, submission) = await ReadyClipAsync();
        using var organizer = stack.CreateOrganizerClient();
        var path = $"/api/campaigns/{campaign}/submissions/{submission}/approve";

        using (var empty = await organizer.PostAsync(path, Typed("", "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            using var problem = await UploadApi.ProblemAsync(empty);
            Assert.Equal("https://solidarityfn.org/problems/malformed-json", problem.RootElement.GetProperty("type").GetString());
        }

        using var approved = await organizer.PostAsJsonAsync(path, new { });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var item = await approved.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Approved", item!["status"]!.GetValue<string>());
        Assert.Equal("Toronto teachers support Minnesota workers", item["caption"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_credentials_the_answer_is_401_whatever_the_content_type()
    {
        var (campaign, submission) = await ReadyClipAsync();
        using var anonymous = stack.CreateClient();

        using var response = await anonymous.PostAsync(
            $"/api/campaigns/{campaign}/submissions/{submission}/approve", new StringContent("{}", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string Body(string json) => json == "campaign"
        ? System.Text.Json.JsonSerializer.Serialize(CampaignApi.Body())
        : json;

    private static ByteArrayContent Typed(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static ByteArrayContent Untyped(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        Assert.Null(content.Headers.ContentType);
        return content;
    }

    /// <summary>A campaign of its own (so its audit starts empty) holding one clip ready for review.</summary>
    private async Task<(string Campaign, string Submission)> ReadyClipAsync()
    {
        var campaign = ReviewAzurite.NewCampaignId();
        await stack.Services.GetRequiredService<CampaignStore>().UpsertAsync(DefaultCampaign.Create() with { Id = campaign }, None);
        var store = stack.Services.GetRequiredService<SubmissionStore>();
        var submission = ReviewAzurite.Issued(campaign, T0);
        await store.AddAsync(submission, None);
        ReviewAzurite.MakeReady(submission, T0);
        Assert.True(await store.TryReplaceAsync(submission, None));
        return (campaign, submission.SubmissionId);
    }
}
