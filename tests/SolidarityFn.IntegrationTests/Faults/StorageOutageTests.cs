using Xunit.Abstractions;

namespace SolidarityFn.IntegrationTests.Faults;

/// <summary>Fault b: storage goes away (Azurite stopped) under a host that is mid-processing, and comes back.</summary>
[Collection(FaultsCollection.Name)]
public sealed class StorageOutageTests(FaultsFixture stack, ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-faults-").FullName;

    public void Dispose()
    {
        stack.Ffmpeg.Reset();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Storage_stopped_under_a_host_mid_processing_and_started_again_loses_nothing_and_the_upload_is_processed_once_it_is_back()
    {
        stack.Ffmpeg.Reset();
        stack.Ffmpeg.HoldEveryRun();
        var ticket = await FaultChecks.UploadClipAsync(stack, _dir);

        // The worker has claimed and downloaded the upload and is starting ffmpeg.
        await stack.Ffmpeg.WaitHeldAsync(FaultChecks.RunsPerClip, TimeSpan.FromMinutes(1), stack.Worker.ProcessId);
        var before = await FaultChecks.SnapshotAsync(stack);
        await stack.Azurite.StopAsync();
        stack.Ledger.Injected("storage outage under a running host");
        try
        {
            // ffmpeg finishes with storage gone: storing the outputs fails, and so does handing the claim back.
            stack.Ffmpeg.Pass();
            stack.Ffmpeg.Release();
            await stack.Worker.WaitForLogAsync(TimeSpan.FromMinutes(1), "ProcessUpload failed on delivery");
        }
        finally
        {
            await stack.Azurite.StartAsync();
        }

        var settled = await FaultChecks.SweepUntilAsync(stack, ticket.SubmissionId, FaultChecks.IsSettled, TimeSpan.FromMinutes(2));

        Assert.Equal("Ready", settled.GetString("Status"));
        Assert.Equal("Ready", await FaultChecks.AssertOrganizerCanActAsync(stack, ticket.SubmissionId, _dir));

        // Nothing stored before the outage is gone, or changed state, but this upload's own progress.
        var after = await FaultChecks.SnapshotAsync(stack);
        var mine = ticket.SubmissionId; // its row, its review-list row, its blobs
        static List<string> Others(FaultChecks.Snapshot s, string mine) =>
            [.. s.Rows.Where(r => !r.Key.Contains(mine, StringComparison.Ordinal)).Select(r => r.Key + "=" + r.Value).Order(StringComparer.Ordinal)];
        Assert.Equal(Others(before, mine), Others(after, mine));
        Assert.Empty(before.Blobs.Where(b => !b.Contains(mine, StringComparison.Ordinal)).Except(after.Blobs));
        output.WriteLine(string.Join('\n', stack.Worker.Log.Split('\n').Where(l => l.Contains(mine, StringComparison.Ordinal) || l.Contains("failed on delivery", StringComparison.Ordinal))));
        output.WriteLine($"attempts {settled.GetInt32("ProcessingAttempts")}; {before.Rows.Count} rows and {before.Blobs.Count} blobs survived the outage; {stack.Ledger.Summary()}");
    }
}
