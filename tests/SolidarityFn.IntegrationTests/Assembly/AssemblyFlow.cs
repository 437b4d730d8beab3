using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Organizers;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.IntegrationTests.Review;
using SolidarityFn.Pipeline.Security;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

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

/// <summary>A contributor's submission as the tests hold it: its id and the receipt token that can withdraw it.</summary>
public sealed record SeededClip(string Id, string ReceiptToken);

/// <summary>One contributor's upload: what the form says about it and where the file is.</summary>
internal sealed record Contribution(string Path, string ContentType, string Caption, string Union, string City);

/// <summary>
/// The steps of an assembly over the public APIs (upload and wait for Ready, approve, assemble, fetch outputs), seeding
/// approved clips directly, withdrawing through the receipt, and looking at the final container.
/// </summary>
internal static class AssemblyFlow
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A Ready submission with a real mezzanine clip in media/ and a real receipt token, approved over the API.</summary>
    /// <paramref name="clipSeconds"/> is the length the row states (the planner's input); the file stays the 3 s clip.
    public static async Task<SeededClip> SeedApprovedAsync(StackFixture stack, HttpClient organizer, string campaign, string clipPath, string caption, double clipSeconds = AssemblyClips.ClipSeconds)
    {
        var store = stack.Services.GetRequiredService<SubmissionStore>();
        var submission = ReviewAzurite.Issued(campaign, T0, caption);
        var (token, hash) = ReceiptTokens.Create(campaign);
        submission.ReceiptTokenHash = hash;
        await store.AddAsync(submission, CancellationToken.None);
        ReviewAzurite.MakeReady(submission, T0);
        submission.ClipSeconds = clipSeconds;
        submission.SourceDurationSeconds = clipSeconds;
        Assert.True(await store.TryReplaceAsync(submission, CancellationToken.None));

        var blob = stack.Blobs.GetBlobContainerClient(StorageNames.MediaContainer).GetBlobClient(StorageNames.MediaPrefix(campaign, submission.SubmissionId) + "clip.mp4");
        await blob.UploadAsync(clipPath, overwrite: true);

        using var approve = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/submissions/{submission.SubmissionId}/approve", new { });
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        return new SeededClip(submission.SubmissionId, token);
    }

    /// <summary>Withdraws through the contributor's receipt endpoint, as the receipt page does.</summary>
    public static async Task WithdrawAsync(StackFixture stack, SeededClip clip)
    {
        using var contributor = stack.CreateClient();
        using var response = await contributor.SendAsync(UploadApi.Receipt(HttpMethod.Delete, clip.Id, clip.ReceiptToken));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Starts a landscape assembly and returns its status URL.</summary>
    public static async Task<string> StartAsync(HttpClient organizer, string campaign)
    {
        using var start = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/assemblies", new { formats = new[] { "landscape" } });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var accepted = await start.Content.ReadFromJsonAsync<JsonElement>();
        var statusUrl = accepted.GetProperty("statusUrl").GetString()!;
        Assert.Equal(statusUrl, start.Headers.Location?.OriginalString);
        return statusUrl;
    }

    /// <summary>Runs the pump until the assembly at <paramref name="statusUrl"/> has finished; returns its final status.</summary>
    public static async Task<JsonElement> RunUntilFinishedAsync(StackFixture stack, HttpClient organizer, string statusUrl)
    {
        var pump = stack.Services.GetRequiredService<QueuePump>();
        for (var run = 0; run < 5; run++)
        {
            await pump.RunAsync(new PumpLimits(TimeSpan.FromMinutes(5), 10, 1), CancellationToken.None);
            var status = await organizer.GetFromJsonAsync<JsonElement>(statusUrl);
            var state = status.GetProperty("status").GetString();
            if (state is "Succeeded")
            {
                Assert.Equal(1, status.GetProperty("progress").GetDouble());
                return status;
            }

            Assert.NotEqual("Failed", state);
        }

        throw new Xunit.Sdk.XunitException("The assembly did not finish in five pump runs.");
    }

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
        var ticket = await UploadApi.TicketAsync(response);
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
        using var approve = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/submissions/{submissionId}/approve", new { });
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

    /// <summary>Every blob name under a prefix of container final.</summary>
    public static async Task<List<string>> FinalBlobsAsync(StackFixture stack, string prefix)
    {
        var container = stack.Blobs.GetBlobContainerClient(StorageNames.FinalContainer);
        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
        {
            names.Add(item.Name);
        }

        return names;
    }

    /// <summary>The campaign's cached video segments (cards and clips), leaving out its cached mixes.</summary>
    public static async Task<List<string>> SegmentBlobsAsync(StackFixture stack, string campaign) =>
        [.. (await FinalBlobsAsync(stack, StorageNames.SegmentsPrefix(campaign))).Where(n => !n.StartsWith(StorageNames.MixesPrefix(campaign), StringComparison.Ordinal))];

    public static BlobClient FinalBlob(StackFixture stack, string name) =>
        stack.Blobs.GetBlobContainerClient(StorageNames.FinalContainer).GetBlobClient(name);
}
