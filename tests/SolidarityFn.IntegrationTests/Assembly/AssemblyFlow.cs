using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Organizers;
using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.IntegrationTests.Assembly;

[CollectionDefinition(Name)]
public sealed class UltrafastAssemblyStackCollection : ICollectionFixture<UltrafastAssemblyStackFixture>
{
    public const string Name = "assembly-stack-ultrafast";
}

[CollectionDefinition(Name)]
public sealed class HighProfileAssemblyStackCollection : ICollectionFixture<HighProfileAssemblyStackFixture>
{
    public const string Name = "assembly-stack-high-profile";
}

/// <summary>One contributor's upload: what the form says about it and where the file is.</summary>
internal sealed record Contribution(string Path, string ContentType, string Caption, string Union, string City);

/// <summary>The steps of an assembly over the public APIs: upload and wait for Ready, approve, assemble, fetch outputs.</summary>
internal static class AssemblyFlow
{
    /// <summary>A new open campaign; <paramref name="photoSeconds"/> sets how long a photo's still clip is.</summary>
    public static async Task<string> NewCampaignAsync(HttpClient organizer, double? photoSeconds = null)
    {
        var campaign = CampaignApi.NewId("asm");
        var body = CampaignApi.Body();
        if (photoSeconds is { } seconds)
        {
            ((Dictionary<string, object?>)body["limits"]!)["photoSeconds"] = seconds;
        }

        await CampaignApi.CreateAsync(organizer, campaign, body);
        return campaign;
    }

    /// <summary>Asks for an upload link as the upload page does, then puts the file's bytes through it.</summary>
    public static async Task<UploadApi.Ticket> UploadAsync(HttpClient contributor, string campaign, Contribution contribution)
    {
        var body = UploadApi.ValidBody(new FileInfo(contribution.Path).Length);
        body["fileName"] = System.IO.Path.GetFileName(contribution.Path);
        body["contentType"] = contribution.ContentType;
        body["caption"] = contribution.Caption;
        body["union"] = contribution.Union;
        body["city"] = contribution.City;
        using var response = await UploadApi.PostAsync(contributor, body, campaign);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var ticket = new UploadApi.Ticket(
            json.GetProperty("submissionId").GetString()!,
            new Uri(json.GetProperty("uploadUrl").GetString()!),
            json.GetProperty("receiptToken").GetString()!,
            json.GetProperty("receiptUrl").GetString()!,
            json.GetProperty("blockSizeBytes").GetInt32(),
            json.GetProperty("expiresAt").GetDateTimeOffset());
        await new BlobClient(ticket.UploadUrl).UploadAsync(contribution.Path);
        return ticket;
    }

    /// <summary>Polls each receipt until processing (blob event → processor) has made it Ready; Failed fails the test.</summary>
    public static async Task WaitReadyAsync(HttpClient contributor, IEnumerable<UploadApi.Ticket> tickets, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        foreach (var ticket in tickets)
        {
            while (true)
            {
                using var response = await contributor.SendAsync(UploadApi.Receipt(HttpMethod.Get, ticket.SubmissionId, ticket.ReceiptToken));
                var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
                var status = receipt.GetProperty("status").GetString();
                if (status == "Ready")
                {
                    break;
                }

                Assert.True(status != "Failed", $"Processing failed: {receipt}");
                Assert.True(DateTime.UtcNow < deadline, $"{ticket.SubmissionId} is still {status}");
                await Task.Delay(250);
            }
        }
    }

    public static async Task ApproveAsync(HttpClient organizer, string campaign, string submissionId)
    {
        using var approve = await organizer.PostAsync($"/api/campaigns/{campaign}/submissions/{submissionId}/approve", null);
        Assert.True(approve.StatusCode == HttpStatusCode.OK, await approve.Content.ReadAsStringAsync());
    }

    /// <summary>Starts an assembly with <paramref name="body"/>, runs the queue pump until it has finished and returns its status.</summary>
    public static async Task<JsonElement> AssembleAsync(StackFixture stack, HttpClient organizer, string campaign, object body)
    {
        using var start = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/assemblies", body);
        Assert.True(start.StatusCode == HttpStatusCode.Accepted, await start.Content.ReadAsStringAsync());
        var statusUrl = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!;

        var pump = stack.Services.GetRequiredService<QueuePump>();
        for (var run = 0; run < 5; run++)
        {
            await pump.RunAsync(new PumpLimits(TimeSpan.FromMinutes(5), 10, 1), CancellationToken.None);
            var status = await organizer.GetFromJsonAsync<JsonElement>(statusUrl);
            var state = status.GetProperty("status").GetString();
            if (state == "Succeeded")
            {
                return status;
            }

            Assert.True(state != "Failed", $"The assembly failed: {status}");
        }

        throw new Xunit.Sdk.XunitException("The assembly did not finish in five pump runs.");
    }

    /// <summary>The status's outputs by file name, with their read-only links.</summary>
    public static Dictionary<string, Uri> Outputs(JsonElement status) =>
        status.GetProperty("outputs").EnumerateArray()
            .ToDictionary(o => o.GetProperty("name").GetString()!, o => new Uri(o.GetProperty("url").GetString()!), StringComparer.Ordinal);

    public static async Task<string> DownloadAsync(Uri url, string folder, string name)
    {
        using var http = new HttpClient();
        var path = System.IO.Path.Combine(folder, name);
        await File.WriteAllBytesAsync(path, await http.GetByteArrayAsync(url));
        return path;
    }

    public static async Task<string> TextAsync(Uri url)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(url);
    }
}
