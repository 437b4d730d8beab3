using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Organizers;
using Xunit.Abstractions;

namespace SolidarityFn.IntegrationTests.Faults;

/// <summary>Fault c: a host process killed (SIGKILL, with its ffmpeg children) mid-processing and mid-assembly, then started again.</summary>
[Collection(FaultsCollection.Name)]
public sealed class HostKilledTests(FaultsFixture stack, ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-faults-").FullName;

    public void Dispose()
    {
        stack.Ffmpeg.Reset();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_worker_killed_mid_processing_leaves_a_claim_that_is_taken_over_after_the_restart_and_finished_once()
    {
        stack.Ffmpeg.Reset();
        stack.Ffmpeg.HoldEveryRun();
        var ticket = await FaultChecks.UploadClipAsync(stack, _dir);
        await stack.Ffmpeg.WaitHeldAsync(1, TimeSpan.FromMinutes(1), stack.Worker.ProcessId);
        var claimed = await FaultChecks.RowAsync(stack, ticket.SubmissionId);
        Assert.Equal("Processing", claimed.GetString("Status"));

        await stack.KillWorkerAsync();
        stack.Ledger.Injected("host killed mid-processing");

        // The dead worker's claim is live-looking for StaleClaimAfter; the new worker's redelivery or the sweep takes it then.
        stack.Ffmpeg.Reset();
        await stack.StartWorkerAsync();
        var settled = await FaultChecks.SweepUntilAsync(stack, ticket.SubmissionId, FaultChecks.IsSettled, TimeSpan.FromMinutes(2));

        Assert.Equal("Ready", settled.GetString("Status"));
        Assert.True(settled.GetInt32("ProcessingAttempts") >= 2);
        Assert.NotEqual(claimed.GetString("ClaimId"), settled.GetString("ClaimId"));
        Assert.Equal("Ready", await FaultChecks.AssertOrganizerCanActAsync(stack, ticket.SubmissionId, _dir));
        await SubmissionBlobs.AssertUploadDeletedAsync(stack.Blobs, UploadApi.Campaign, ticket.SubmissionId);
        output.WriteLine($"attempts {settled.GetInt32("ProcessingAttempts")}; {stack.Ledger.Summary()}");
    }

    [Fact]
    public async Task A_pump_host_killed_mid_assembly_leaves_an_assembly_that_another_host_finishes_with_every_output_and_the_clip_intact()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = CampaignApi.NewId("faults");
        await CampaignApi.CreateAsync(organizer, campaign);
        stack.Ffmpeg.Reset();
        var ticket = await FaultChecks.UploadClipAsync(stack, _dir, campaign);
        await FaultChecks.SweepUntilAsync(stack, ticket.SubmissionId, FaultChecks.IsSettled, TimeSpan.FromMinutes(2), campaign);
        using (var approve = await organizer.PostAsync($"/api/campaigns/{campaign}/submissions/{ticket.SubmissionId}/approve", JsonContent.Create(new { })))
        {
            Assert.True(approve.StatusCode == HttpStatusCode.OK, await approve.Content.ReadAsStringAsync());
        }

        stack.Ffmpeg.HoldEveryRun();
        string statusUrl;
        using (var start = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/assemblies", new { formats = new[] { "landscape" }, targetSeconds = 20 }))
        {
            Assert.True(start.StatusCode == HttpStatusCode.Accepted, await start.Content.ReadAsStringAsync());
            statusUrl = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!;
        }

        // A pump host claims the assembly and starts rendering; it is killed while its first ffmpeg run is under way.
        var first = await stack.StartPumpHostAsync();
        await using (first)
        {
            await stack.Ffmpeg.WaitHeldAsync(1, TimeSpan.FromMinutes(1), first.ProcessId);
            Assert.Equal("Running", (await organizer.GetFromJsonAsync<JsonElement>(statusUrl)).GetProperty("status").GetString());
            await first.KillAsync();
            stack.Ledger.Injected("host killed mid-assembly");
        }

        // Another host's pump takes the item once the dead one's lease (Assembly:LeaseDuration, 4 s here) lapses.
        stack.Ffmpeg.Reset();
        await using var second = await stack.StartPumpHostAsync();
        var status = await WaitFinishedAsync(organizer, statusUrl, second, TimeSpan.FromMinutes(3));

        Assert.Equal("Succeeded", status.GetProperty("status").GetString());
        var outputs = status.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(["captions.srt", "captions.vtt", "credits.txt", "landscape.mp4"], outputs);
        var assemblyId = status.GetProperty("assemblyId").GetString()!;
        var final = stack.Blobs.GetBlobContainerClient("final");
        var video = Path.Combine(_dir, "landscape.mp4");
        await final.GetBlobClient($"{campaign}/{assemblyId}/landscape.mp4").DownloadToAsync(video);
        await TestMedia.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-xerror", "-i", video, "-f", "null", "-"]);

        // The clip it was made from is untouched, still approved.
        Assert.Equal("Approved", await FaultChecks.AssertOrganizerCanActAsync(stack, ticket.SubmissionId, _dir, campaign));
        output.WriteLine($"{status}; {stack.Ledger.Summary()}");
    }

    private static async Task<JsonElement> WaitFinishedAsync(HttpClient organizer, string statusUrl, DevHostProcess host, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var status = await organizer.GetFromJsonAsync<JsonElement>(statusUrl);
            if (status.GetProperty("status").GetString() is "Succeeded" or "Failed" or "Retracted")
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The assembly is still {status} after {limit}; pump host log:\n{host.Tail()}");
            await Task.Delay(500);
        }
    }
}
