using System.Net;
using System.Net.Http.Json;
using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Organizers;

/// <summary>Key mode (the default), through the DevHost over HTTP: who may call the organizer endpoints.</summary>
[Collection(StackCollection.Name)]
public class OrganizerAuthApiTests(StackFixture stack)
{
    private readonly HttpClient _http = stack.CreateClient();

    public static TheoryData<string, string> Endpoints => new()
    {
        { "PUT", "/api/campaigns/{0}" },
        { "GET", "/api/campaigns/{0}/audit" },
    };

    private Task<HttpResponseMessage> Call(string method, string path, System.Net.Http.Headers.AuthenticationHeaderValue? authorization, string? principal = null)
    {
        var id = CampaignApi.NewId("auth");
        var content = method == "PUT" ? JsonContent.Create(CampaignApi.Body()) : null;
        return CampaignApi.SendAsync(_http, new HttpMethod(method), string.Format(path, id), content, authorization: authorization, principal: principal);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_credentials_the_answer_is_401_problem_json_with_a_bearer_challenge(string method, string path)
    {
        using var response = await Call(method, path, null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer realm=\"SolidarityFn\"", response.Headers.WwwAuthenticate.ToString());
        using var problem = await UploadApi.ProblemAsync(response);
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_wrong_key_is_401(string method, string path)
    {
        using var wrongKey = await Call(method, path, CampaignApi.Bearer("not-the-organizer-key-at-all"));
        using var wrongScheme = await Call(method, path, new("Basic", StackFixture.OrganizerKey));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongScheme.StatusCode);
        Assert.Equal("Bearer realm=\"SolidarityFn\"", wrongKey.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task The_right_key_is_let_through(string method, string path)
    {
        using var response = await Call(method, path, CampaignApi.RightKey);

        Assert.Equal(method == "PUT" ? HttpStatusCode.Created : HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task In_key_mode_a_forged_client_principal_gets_nowhere(string method, string path)
    {
        using var response = await Call(method, path, null, Principals.Entra("organizer"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_refused_put_writes_nothing()
    {
        var id = CampaignApi.NewId("auth");
        using var put = await CampaignApi.PutAsync(_http, id, CampaignApi.Body(), authorization: CampaignApi.Bearer("not-the-organizer-key-at-all"));
        using var get = await _http.GetAsync($"/api/campaigns/{id}");

        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }
}
