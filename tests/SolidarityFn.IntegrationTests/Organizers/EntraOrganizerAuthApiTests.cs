using System.Net;
using System.Net.Http.Json;
using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Organizers;

[CollectionDefinition(Name)]
public sealed class EntraCollection : ICollectionFixture<EntraStackFixture>
{
    public const string Name = "entra";
}

/// <summary>AppServiceAuthentication mode: the platform's X-MS-CLIENT-PRINCIPAL decides, the key means nothing.</summary>
[Collection(EntraCollection.Name)]
public class EntraOrganizerAuthApiTests(EntraStackFixture stack)
{
    private readonly HttpClient _http = stack.CreateClient();

    [Fact]
    public async Task A_user_with_the_organizer_role_creates_a_campaign_and_is_named_in_the_audit()
    {
        var id = CampaignApi.NewId("entra");
        using var put = await CampaignApi.SendAsync(_http, HttpMethod.Put, $"/api/campaigns/{id}", JsonContent.Create(CampaignApi.Body()), principal: Principals.Entra("organizer"));
        using var audit = await CampaignApi.SendAsync(_http, HttpMethod.Get, $"/api/campaigns/{id}/audit", principal: Principals.Entra("organizer"));

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        var actor = (await CampaignApi.JsonAsync(audit)).GetProperty("items")[0].GetProperty("actor");
        Assert.Equal(Principals.Oid, actor.GetProperty("id").GetString());
        Assert.Equal("Dana Organizer", actor.GetProperty("displayName").GetString());
        Assert.Equal("entra", actor.GetProperty("method").GetString());
    }

    [Fact]
    public async Task A_user_without_the_role_is_403_on_both_endpoints()
    {
        var id = CampaignApi.NewId("entra");
        using var put = await CampaignApi.SendAsync(_http, HttpMethod.Put, $"/api/campaigns/{id}", JsonContent.Create(CampaignApi.Body()), principal: Principals.Entra("reader"));
        using var audit = await CampaignApi.SendAsync(_http, HttpMethod.Get, $"/api/campaigns/{id}/audit", principal: Principals.Entra());

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, audit.StatusCode);
        using var problem = await UploadApi.ProblemAsync(put);
        Assert.Equal(403, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Deleting_an_assembly_without_the_role_is_403_and_with_it_reaches_the_assembly()
    {
        var id = CampaignApi.NewId("entra");
        var path = $"/api/campaigns/{id}/assemblies/{Guid.NewGuid():N}";
        using var reader = await CampaignApi.SendAsync(_http, HttpMethod.Delete, path, principal: Principals.Entra("reader"));
        using var organizer = await CampaignApi.SendAsync(_http, HttpMethod.Delete, path, principal: Principals.Entra("organizer"));

        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, organizer.StatusCode); // past authentication: there is no such assembly
    }

    [Fact]
    public async Task No_principal_is_401_even_with_the_organizer_key()
    {
        using var response = await CampaignApi.SendAsync(_http, HttpMethod.Get, $"/api/campaigns/{CampaignApi.NewId("entra")}/audit", authorization: CampaignApi.RightKey);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer realm=\"SolidarityFn\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_malformed_principal_is_401()
    {
        using var response = await CampaignApi.SendAsync(_http, HttpMethod.Get, $"/api/campaigns/{CampaignApi.NewId("entra")}/audit", principal: "bm90IGpzb24=");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_organizer_s_change_that_is_not_json_is_415_and_creates_nothing()
    {
        // What a cross-site form or no-cors fetch riding the organizer's sign-in would look like once the platform adds the principal.
        var id = CampaignApi.NewId("entra");
        var json = System.Text.Json.JsonSerializer.Serialize(CampaignApi.Body());
        using var put = await CampaignApi.SendAsync(
            _http, HttpMethod.Put, $"/api/campaigns/{id}", new StringContent(json, System.Text.Encoding.UTF8, "text/plain"), principal: Principals.Entra("organizer"));
        using var read = await _http.GetAsync($"/api/campaigns/{id}");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, put.StatusCode);
        using var problem = await UploadApi.ProblemAsync(put);
        Assert.Equal(415, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }
}
