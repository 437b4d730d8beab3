using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Review;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Security;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>A contributor's submission as the tests hold it: its id and the receipt token that can withdraw it.</summary>
public sealed record SeededClip(string Id, string ReceiptToken);

/// <summary>Seeding approved clips, running assemblies and looking at the final container, over one stack.</summary>
public static class AssemblyFlow
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A Ready submission with a real mezzanine clip in media/ and a real receipt token, approved over the API.</summary>
    public static async Task<SeededClip> SeedApprovedAsync(StackFixture stack, HttpClient organizer, string campaign, string clipPath, string caption)
    {
        var store = stack.Services.GetRequiredService<SubmissionStore>();
        var submission = ReviewAzurite.Issued(campaign, T0, caption);
        var (token, hash) = ReceiptTokens.Create(campaign);
        submission.ReceiptTokenHash = hash;
        await store.AddAsync(submission, CancellationToken.None);
        ReviewAzurite.MakeReady(submission, T0);
        submission.ClipSeconds = AssemblyClips.ClipSeconds;
        submission.SourceDurationSeconds = AssemblyClips.ClipSeconds;
        Assert.True(await store.TryReplaceAsync(submission, CancellationToken.None));

        var blob = stack.Blobs.GetBlobContainerClient(StorageNames.MediaContainer).GetBlobClient(StorageNames.MediaPrefix(campaign, submission.SubmissionId) + "clip.mp4");
        await blob.UploadAsync(clipPath, overwrite: true);

        using var approve = await organizer.PostAsync($"/api/campaigns/{campaign}/submissions/{submission.SubmissionId}/approve", null);
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

    public static Dictionary<string, Uri> Outputs(JsonElement status) =>
        status.GetProperty("outputs").EnumerateArray()
            .ToDictionary(o => o.GetProperty("name").GetString()!, o => new Uri(o.GetProperty("url").GetString()!));

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

    public static BlobClient FinalBlob(StackFixture stack, string name) =>
        stack.Blobs.GetBlobContainerClient(StorageNames.FinalContainer).GetBlobClient(name);
}
