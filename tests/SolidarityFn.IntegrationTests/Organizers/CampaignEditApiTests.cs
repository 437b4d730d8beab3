using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Organizers;

/// <summary>PUT /api/campaigns/{id} through the DevHost against Azurite.</summary>
[Collection(StackCollection.Name)]
public class CampaignEditApiTests(StackFixture stack)
{
    private readonly HttpClient _organizer = stack.CreateOrganizerClient();
    private readonly HttpClient _public = stack.CreateClient();

    [Fact]
    public async Task Creating_answers_201_with_the_campaign_at_consent_version_1_its_location_and_etag()
    {
        var id = CampaignApi.NewId();
        using var response = await CampaignApi.PutAsync(_organizer, id, CampaignApi.Body());
        var json = await CampaignApi.JsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/campaigns/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(id, json.GetProperty("campaignId").GetString());
        Assert.Equal(1, json.GetProperty("consentVersion").GetInt32());
        Assert.Equal(12, json.GetProperty("limits").GetProperty("maxClipSeconds").GetDouble());
        Assert.Equal(4, json.GetProperty("limits").GetProperty("photoSeconds").GetDouble());   // left out: the default
        Assert.Equal(CampaignApi.ETagOf(response), json.GetProperty("etag").GetString());
    }

    [Fact]
    public async Task The_public_campaign_shows_a_new_campaign_and_then_its_update()
    {
        var id = CampaignApi.NewId();
        await CampaignApi.CreateAsync(_organizer, id);
        var created = await _public.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}");

        using var update = await CampaignApi.PutAsync(_organizer, id, CampaignApi.Body(title: "Rally clips, second call", consentText: "New consent text."));
        var updated = await _public.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}");

        Assert.Equal("Toronto stands with Minnesota", created.GetProperty("title").GetString());
        Assert.Equal(["#MPLS", "#Solidarité"], created.GetProperty("hashtags").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal("Rally clips, second call", updated.GetProperty("title").GetString());
        Assert.Equal("New consent text.", updated.GetProperty("consentText").GetString());
        Assert.Equal(2, updated.GetProperty("consentVersion").GetInt32());
    }

    [Fact]
    public async Task The_consent_version_moves_only_when_the_consent_text_changes()
    {
        var id = CampaignApi.NewId();
        await CampaignApi.CreateAsync(_organizer, id);

        using var sameText = await CampaignApi.PutAsync(_organizer, id, CampaignApi.Body(title: "Only the title changed"));
        using var newText = await CampaignApi.PutAsync(_organizer, id, CampaignApi.Body(consentText: "A new consent text."));
        using var newTextAgain = await CampaignApi.PutAsync(_organizer, id, CampaignApi.Body(title: "Title again", consentText: "A new consent text."));

        Assert.Equal(1, (await CampaignApi.JsonAsync(sameText)).GetProperty("consentVersion").GetInt32());
        Assert.Equal(2, (await CampaignApi.JsonAsync(newText)).GetProperty("consentVersion").GetInt32());
        Assert.Equal(2, (await CampaignApi.JsonAsync(newTextAgain)).GetProperty("consentVersion").GetInt32());
    }

    [Fact]
    public async Task Uploads_on_this_instance_see_a_new_consent_version_at_once()
    {
        var id = CampaignApi.NewId();
        await CampaignApi.CreateAsync(_organizer, id);
        var upload = UploadApi.ValidBody();
        using var before = await UploadApi.PostAsync(_public, upload, id);   // also puts the campaign in the cache

        await CampaignApi.PutAsync(_organizer, id, CampaignApi.Body(consentText: "Changed consent.")).ContinueWith(t => t.Result.Dispose());
        using var stale = await UploadApi.PostAsync(_public, upload, id);
        upload["consentVersion"] = 2;
        using var current = await UploadApi.PostAsync(_public, upload, id);

        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        using var problem = await UploadApi.ProblemAsync(stale);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("consentVersion", out _));
        Assert.Equal(HttpStatusCode.Created, current.StatusCode);
    }

    [Fact]
    public async Task An_update_with_the_current_etag_succeeds_and_a_stale_one_is_412_with_the_current_etag()
    {
        var id = CampaignApi.NewId();
        var first = await CampaignApi.CreateAsync(_organizer, id);
        using var second = await CampaignApi.PutAsync(_organizer, id, CampaignApi.Body(title: "Second"), ifMatch: first);
        var current = CampaignApi.ETagOf(second);

        using var stale = await CampaignApi.PutAsync(_organizer, id, CampaignApi.Body(title: "Lost update"), ifMatch: first);
        var after = await _public.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(first, current);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(current, CampaignApi.ETagOf(stale));
        using var problem = await UploadApi.ProblemAsync(stale);
        Assert.Equal(412, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Second", after.GetProperty("title").GetString());
    }

    [Fact]
    public async Task If_match_on_a_campaign_that_does_not_exist_is_412_and_creates_nothing()
    {
        var id = CampaignApi.NewId();
        using var star = await CampaignApi.PutAsync(_organizer, id, CampaignApi.Body(), ifMatch: "*");
        using var get = await _public.GetAsync($"/api/campaigns/{id}");

        Assert.Equal(HttpStatusCode.PreconditionFailed, star.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Invalid_fields_are_400_with_every_field_error()
    {
        var body = CampaignApi.Body(title: new string('t', 121));
        body["hashtags"] = new[] { "#ok", "not a tag" };
        body["limits"] = new Dictionary<string, object?> { ["minClipSeconds"] = 20, ["maxClipSeconds"] = 10, ["keepOriginalsDays"] = 31 };
        body.Remove("isOpen");

        using var response = await CampaignApi.PutAsync(_organizer, CampaignApi.NewId(), body);
        using var problem = await UploadApi.ProblemAsync(response);
        var errors = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["hashtags[1]", "isOpen", "limits.keepOriginalsDays", "limits.minClipSeconds", "title"], errors);
    }

    [Fact]
    public async Task An_invalid_campaign_id_is_400_naming_it()
    {
        using var response = await CampaignApi.PutAsync(_organizer, "Not_A_Slug", CampaignApi.Body());
        using var problem = await UploadApi.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("campaignId", out _));
    }

    [Theory]
    [InlineData("{\"title\":")]
    [InlineData("{\"title\":\"x\",\"isOpen\":\"yes\"}")]
    [InlineData("")]
    public async Task Malformed_json_is_400(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/campaigns/{CampaignApi.NewId()}") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        using var response = await _organizer.SendAsync(request);
        using var problem = await UploadApi.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.EndsWith("malformed-json", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
    }
}
