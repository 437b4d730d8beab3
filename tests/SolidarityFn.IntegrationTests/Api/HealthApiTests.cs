using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Api;

[Collection(StackCollection.Name)]
public class HealthApiTests(StackFixture stack)
{
    [Fact]
    public async Task Health_reports_ffmpeg_ffprobe_and_storage()
    {
        using var http = stack.CreateClient();
        using var response = await http.GetAsync("/api/health");
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("ffmpeg version", json.GetProperty("ffmpeg").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("ffprobe version", json.GetProperty("ffprobe").GetString(), StringComparison.Ordinal);
        Assert.True(json.GetProperty("storage").GetProperty("blobs").GetBoolean());
        Assert.True(json.GetProperty("storage").GetProperty("tables").GetBoolean());
    }
}

public class HealthWithoutFfmpegTests(NoFfmpegStackFixture stack) : IClassFixture<NoFfmpegStackFixture>
{
    [Fact]
    public async Task Health_is_503_when_ffmpeg_is_missing()
    {
        using var http = stack.CreateClient();
        using var response = await http.GetAsync("/api/health");
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", json.GetProperty("status").GetString());
        Assert.False(json.TryGetProperty("ffmpeg", out _));
    }
}

public class HealthWithoutStorageTests
{
    [Fact]
    public async Task Health_is_503_when_storage_does_not_answer()
    {
        // Provisioning off and a port nobody listens on: the host starts, storage is unreachable.
        var port = FreePorts.Next();
        var dead = FreePorts.Next();
        var app = SolidarityFn.DevHost.DevHostApp.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Storage:ConnectionString"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteFixture.AccountKey};BlobEndpoint=http://127.0.0.1:{dead}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{dead}/devstoreaccount1;",
            ["DevHost:Provision"] = "false",
            ["Organizer:Key"] = StackFixture.OrganizerKey,
            ["Logging:LogLevel:Default"] = "None",
        }));
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var response = await http.GetAsync("/api/health");
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.False(json.GetProperty("storage").GetProperty("blobs").GetBoolean());
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}

public class HealthWithBundledFfmpegTests(BundledFfmpegStackFixture stack) : IClassFixture<BundledFfmpegStackFixture>
{
    [Fact]
    public async Task Health_reports_the_version_of_the_ffmpeg_in_the_configured_folder()
    {
        using var http = stack.CreateClient();
        using var response = await http.GetAsync("/api/health");
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(BundledFfmpegStackFixture.FfmpegVersionLine, json.GetProperty("ffmpeg").GetString());
        Assert.StartsWith("ffprobe version 7.0.2-static", json.GetProperty("ffprobe").GetString(), StringComparison.Ordinal);
    }
}
