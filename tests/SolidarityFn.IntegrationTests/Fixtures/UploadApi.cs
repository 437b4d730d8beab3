using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SolidarityFn.IntegrationTests.Fixtures;

/// <summary>Calls the contributor API the way the upload page does.</summary>
internal static class UploadApi
{
    public const string Campaign = "minnesota-solidarity";

    public static Dictionary<string, object?> ValidBody(long sizeBytes = 1024) => new()
    {
        ["fileName"] = "clip.mp4",
        ["contentType"] = "video/mp4",
        ["sizeBytes"] = sizeBytes,
        ["displayName"] = "Ana",
        ["union"] = "CUPE 4400",
        ["sector"] = "Education",
        ["city"] = "Toronto",
        ["caption"] = "Toronto teachers support Minnesota workers",
        ["language"] = "en",
        ["consent"] = true,
        ["consentVersion"] = 1,
    };

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, object body, string campaign = Campaign) =>
        http.PostAsJsonAsync($"/api/campaigns/{campaign}/uploads", body);

    public static async Task<Ticket> IssueAsync(HttpClient http, long sizeBytes = 1024, string? contentType = null, string? fileName = null)
    {
        var body = ValidBody(sizeBytes);
        body["contentType"] = contentType ?? body["contentType"];
        body["fileName"] = fileName ?? body["fileName"];
        using var response = await PostAsync(http, body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await TicketAsync(response);
    }

    /// <summary>The ticket of a 201 answer to an upload request.</summary>
    public static async Task<Ticket> TicketAsync(HttpResponseMessage response)
    {
        var json = await response.Content.ReadFromJsonAsync<JsonObject>();
        return new Ticket(
            json!["submissionId"]!.GetValue<string>(),
            new Uri(json["uploadUrl"]!.GetValue<string>()),
            json["receiptToken"]!.GetValue<string>(),
            json["receiptUrl"]!.GetValue<string>(),
            json["blockSizeBytes"]!.GetValue<int>(),
            json["expiresAt"]!.GetValue<DateTimeOffset>());
    }

    public static async Task<JsonDocument> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    public static HttpRequestMessage Receipt(HttpMethod method, string submissionId, string? token)
    {
        var request = new HttpRequestMessage(method, $"/api/submissions/{submissionId}");
        if (token is not null)
        {
            request.Headers.Add("X-Receipt-Token", token);
        }

        return request;
    }

    /// <summary>The receipt once processing has ended (Ready or Failed), read every 250 ms for at most <paramref name="within"/>.</summary>
    public static async Task<JsonElement> SettledReceiptAsync(HttpClient http, Ticket ticket, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            using var response = await http.SendAsync(Receipt(HttpMethod.Get, ticket.SubmissionId, ticket.ReceiptToken));
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            var status = json.GetProperty("status").GetString();
            if (status is "Ready" or "Failed")
            {
                return json;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Still {status} after {within}");
            await Task.Delay(250);
        }
    }

    public sealed record Ticket(string SubmissionId, Uri UploadUrl, string ReceiptToken, string ReceiptUrl, int BlockSizeBytes, DateTimeOffset ExpiresAt);
}
