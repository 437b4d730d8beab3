using SolidarityFn.Pipeline.Processing;
using Xunit.Abstractions;

namespace SolidarityFn.IntegrationTests.Faults;

/// <summary>
/// Fault d: a worker that is alive but slow (its ffmpeg held past Processing:StaleClaimAfter) has its claim taken over
/// by the sweep on another host; both then run real ffmpeg to the end, in either order. ProcessingRaceTests covers a
/// stale worker that fails (a stand-in normaliser); here the stale worker succeeds, in a process of its own.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class ClaimTakeoverTests(FaultsFixture stack, ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-faults-").FullName;

    public void Dispose()
    {
        stack.Ffmpeg.Reset();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("new holder finishes first")]
    [InlineData("stale worker finishes first")]
    public async Task A_worker_whose_live_claim_was_taken_over_finishes_its_run_without_touching_the_new_holder_s_work(string order)
    {
        stack.Ffmpeg.Reset();
        stack.Ffmpeg.HoldEveryRun();
        var ticket = await FaultChecks.UploadClipAsync(stack, _dir);
        var worker = stack.Worker;
        var stale = await stack.Ffmpeg.WaitHeldAsync(FaultChecks.RunsPerClip, TimeSpan.FromMinutes(1), worker.ProcessId);
        var claimed = await FaultChecks.RowAsync(stack, ticket.SubmissionId);
        Assert.Equal("Processing", claimed.GetString("Status"));

        // Real time passes until the live claim counts as stale; nothing in the row is rewritten by the test.
        var staleAt = claimed.GetDateTimeOffset("ClaimedAt")!.Value + FaultsFixture.StaleClaimAfter;
        while (DateTimeOffset.UtcNow <= staleAt.AddMilliseconds(200))
        {
            await Task.Delay(200);
        }

        var sweeper = stack.Services.GetRequiredService<StalledUploadSweeper>();
        Dictionary<string, Azure.ETag> outputsOfNewHolder;
        if (order == "new holder finishes first")
        {
            stack.Ffmpeg.Pass();
            await sweeper.SweepAsync(CancellationToken.None);
            Assert.Equal("Ready", (await FaultChecks.RowAsync(stack, ticket.SubmissionId)).GetString("Status"));
            outputsOfNewHolder = await FaultChecks.MediaAsync(stack, ticket.SubmissionId);

            stack.Ffmpeg.Release(stack.Ffmpeg.Held(worker.ProcessId));
            await worker.WaitForLogAsync(TimeSpan.FromMinutes(1), ticket.SubmissionId, "changed to Ready while processing");
        }
        else
        {
            // The sweep's run (this process) is held too, until the stale worker has finished.
            var sweep = Task.Run(() => sweeper.SweepAsync(CancellationToken.None));
            var newHolder = await stack.Ffmpeg.WaitHeldAsync(FaultChecks.RunsPerClip, TimeSpan.FromMinutes(1), Environment.ProcessId);
            stack.Ffmpeg.Pass();
            stack.Ffmpeg.Release(stack.Ffmpeg.Held(worker.ProcessId));
            await worker.WaitForLogAsync(TimeSpan.FromMinutes(1), ticket.SubmissionId, "changed to Processing while processing");
            Assert.Equal("Processing", (await FaultChecks.RowAsync(stack, ticket.SubmissionId)).GetString("Status"));
            Assert.True(await FaultChecks.RawUpload(stack, ticket.SubmissionId).ExistsAsync()); // the new holder still needs it
            Assert.Empty(await FaultChecks.MediaAsync(stack, ticket.SubmissionId)); // the stale worker stored nothing

            stack.Ffmpeg.Release(newHolder);
            await sweep;
            outputsOfNewHolder = await FaultChecks.MediaAsync(stack, ticket.SubmissionId);
        }

        stack.Ledger.Injected("live claim taken over");
        var ready = await FaultChecks.RowAsync(stack, ticket.SubmissionId);
        Assert.Equal("Ready", ready.GetString("Status"));
        Assert.Equal(2, ready.GetInt32("ProcessingAttempts"));
        Assert.Equal("Ready", await FaultChecks.AssertOrganizerCanActAsync(stack, ticket.SubmissionId, _dir));

        // What the new holder stored is what is there: the stale worker neither deleted nor replaced any of it.
        Assert.Equal(outputsOfNewHolder, await FaultChecks.MediaAsync(stack, ticket.SubmissionId));
        output.WriteLine($"stale worker runs {string.Join(",", stale)}; {stack.Ledger.Summary()}");
    }
}
