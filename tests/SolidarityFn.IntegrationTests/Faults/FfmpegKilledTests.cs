using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Queue;
using Xunit.Abstractions;

namespace SolidarityFn.IntegrationTests.Faults;

/// <summary>Fault a: every ffmpeg run of every attempt is killed (SIGKILL) mid-run, on the worker and on the sweep's host.</summary>
[Collection(FaultsCollection.Name)]
public sealed class FfmpegKilledTests(FaultsFixture stack, ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-faults-").FullName;

    public void Dispose()
    {
        stack.Ffmpeg.Reset();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Ffmpeg_killed_on_every_attempt_ends_Failed_with_the_upload_kept_and_an_organizer_retry_then_makes_it_Ready()
    {
        stack.Ffmpeg.Reset();
        stack.Ffmpeg.KillEveryRun();
        var ticket = await FaultChecks.UploadClipAsync(stack, _dir);

        // The worker makes the first attempt; the sweep the next two, each when its backoff is due.
        var failed = await FaultChecks.SweepUntilAsync(stack, ticket.SubmissionId, FaultChecks.IsSettled, TimeSpan.FromMinutes(2));

        var killed = stack.Ffmpeg.Killed();
        stack.Ledger.Injected("ffmpeg killed mid-run", killed);
        Assert.Equal("Failed", failed.GetString("Status"));
        Assert.Equal("processing_failed", failed.GetString("Reason"));
        Assert.Equal(3, failed.GetInt32("ProcessingAttempts"));
        Assert.True(killed >= 3, $"Each of the 3 attempts should have lost an ffmpeg run to SIGKILL; {killed} were: {string.Join(", ", stack.Ffmpeg.Runs())}");
        Assert.Equal("Failed", await FaultChecks.AssertOrganizerCanActAsync(stack, ticket.SubmissionId, _dir));
        Assert.Empty(await FaultChecks.MediaAsync(stack, ticket.SubmissionId)); // partial outputs are not left to be shown

        // The contributor is told the file is safe; organizers see it in the Failed tab.
        using var contributor = stack.CreateClient();
        using (var receipt = await contributor.SendAsync(UploadApi.Receipt(HttpMethod.Get, ticket.SubmissionId, ticket.ReceiptToken)))
        {
            var json = await receipt.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Failed", json.GetProperty("status").GetString());
            Assert.Contains("do not need to send it again", json.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        using var organizer = stack.CreateOrganizerClient();
        var failedTab = await organizer.GetFromJsonAsync<JsonElement>($"/api/campaigns/{UploadApi.Campaign}/submissions?status=Failed&pageSize=200");
        Assert.Contains(failedTab.GetProperty("items").EnumerateArray(), i => i.GetProperty("submissionId").GetString() == ticket.SubmissionId);

        // ffmpeg is left alone again: the organizer's Retry processes the kept upload.
        stack.Ffmpeg.Pass();
        using (var retry = await organizer.PostAsync(
            $"/api/campaigns/{UploadApi.Campaign}/submissions/{ticket.SubmissionId}/retry", JsonContent.Create(new { })))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }

        // The queue pump's timer run, here in the resident host.
        await stack.Services.GetRequiredService<QueuePump>().RunAsync(CancellationToken.None);

        var ready = await FaultChecks.RowAsync(stack, ticket.SubmissionId);
        Assert.Equal("Ready", ready.GetString("Status"));
        Assert.Equal(1, ready.GetInt32("ProcessingAttempts"));
        Assert.Equal("Ready", await FaultChecks.AssertOrganizerCanActAsync(stack, ticket.SubmissionId, _dir));
        await SubmissionBlobs.AssertUploadDeletedAsync(stack.Blobs, UploadApi.Campaign, ticket.SubmissionId); // the campaign keeps no originals
        output.WriteLine($"{killed} ffmpeg runs killed over 3 attempts; {stack.Ledger.Summary()}");
    }
}
