using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Organizers;

/// <summary>Calls the organizer side of the campaign API as a review page would.</summary>
internal static class CampaignApi
{
    public static string NewId(string prefix = "camp") => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    public static Dictionary<string, object?> Body(string title = "Toronto stands with Minnesota", string consentText = "I agree that my clip may be used.") => new()
    {
        ["title"] = title,
        ["subtitle"] = "Clips from the rally",
        ["prompt"] = "Send 5 to 10 seconds: who you are, where you work.",
        ["slogans"] = new[] { "We support Minnesota workers!" },
        ["hashtags"] = new[] { "#MPLS", "#Solidarité" },
        ["consentText"] = consentText,
        ["isOpen"] = true,
        ["limits"] = new Dictionary<string, object?> { ["maxClipSeconds"] = 12, ["minClipSeconds"] = 2 },
    };

    public static Task<HttpResponseMessage> PutAsync(HttpClient http, string campaignId, object body, string? ifMatch = null, AuthenticationHeaderValue? authorization = null) =>
        SendAsync(http, HttpMethod.Put, $"/api/campaigns/{campaignId}", JsonContent.Create(body), ifMatch, authorization);

    public static Task<HttpResponseMessage> PutRawAsync(HttpClient http, string campaignId, string json) =>
        SendAsync(http, HttpMethod.Put, $"/api/campaigns/{campaignId}", new StringContent(json, Encoding.UTF8, "application/json"), null, null);

    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpMethod method, string path, HttpContent? content = null, string? ifMatch = null, AuthenticationHeaderValue? authorization = null, string? principal = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (authorization is not null)
        {
            request.Headers.Authorization = authorization;
        }

        if (principal is not null)
        {
            request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Creates a campaign with the organizer key and returns its ETag.</summary>
    public static async Task<string> CreateAsync(HttpClient organizer, string campaignId, object? body = null)
    {
        using var response = await PutAsync(organizer, campaignId, body ?? Body());
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return ETagOf(response);
    }

    public static string ETagOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("ETag", out var values) ? values.Single() : throw new Xunit.Sdk.XunitException("No ETag header.");

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static async Task<JsonElement> AuditAsync(HttpClient organizer, string campaignId, string query = "")
    {
        using var response = await organizer.GetAsync($"/api/campaigns/{campaignId}/audit{query}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    public static AuthenticationHeaderValue Bearer(string key) => new("Bearer", key);

    public static AuthenticationHeaderValue RightKey => Bearer(StackFixture.OrganizerKey);
}
