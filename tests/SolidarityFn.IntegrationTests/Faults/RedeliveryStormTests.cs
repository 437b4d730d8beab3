using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Processing;
using Xunit.Abstractions;

namespace SolidarityFn.IntegrationTests.Faults;

/// <summary>
/// Fault e: the same blob event delivered 20 times within a second (a storm of redeliveries from the extension's queue),
/// into the resident host's processor while the worker process gets the event too.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class RedeliveryStormTests(FaultsFixture stack, ITestOutputHelper output) : IDisposable
{
    private const int Storm = 20;

    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-faults-").FullName;

    public void Dispose()
    {
        stack.Ffmpeg.Reset();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>20 deliveries of one upload's event, one every 50 ms, each running the processor (the function's whole body).</summary>
    private Task<ProcessingResult[]> StormAsync(string submissionId)
    {
        var processor = stack.Services.GetRequiredService<UploadProcessor>();
        return Task.WhenAll(Enumerable.Range(0, Storm).Select(async i =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50 * i));
            return await processor.ProcessAsync(UploadApi.Campaign, submissionId, CancellationToken.None);
        }));
    }

    [Fact]
    public async Task The_same_blob_event_delivered_20_times_within_a_second_is_processed_once_into_one_Ready()
    {
        // What one processing costs in ffmpeg runs, for comparison: one upload, one delivery.
        stack.Ffmpeg.Reset();
        var control = await FaultChecks.UploadClipAsync(stack, _dir);
        await FaultChecks.SweepUntilAsync(stack, control.SubmissionId, FaultChecks.IsSettled, TimeSpan.FromMinutes(2));
        var runsOfOne = stack.Ffmpeg.Runs().Count;
        Assert.True(runsOfOne > 0);

        stack.Ffmpeg.Reset();
        var ticket = await FaultChecks.UploadClipAsync(stack, _dir);
        var results = await StormAsync(ticket.SubmissionId);
        var settled = await FaultChecks.SweepUntilAsync(stack, ticket.SubmissionId, FaultChecks.IsSettled, TimeSpan.FromMinutes(2));
        stack.Ledger.Injected("redelivered blob event", Storm);

        Assert.Equal("Ready", settled.GetString("Status"));
        Assert.Equal(1, settled.GetInt32("ProcessingAttempts"));
        Assert.True(results.Count(r => r == ProcessingResult.Ready) <= 1, string.Join(", ", results)); // the worker may have won
        Assert.All(results, r => Assert.Contains(r, new[] { ProcessingResult.Ready, ProcessingResult.Duplicate, ProcessingResult.Discarded }));
        Assert.Equal(runsOfOne, stack.Ffmpeg.Runs().Count);
        Assert.Equal("Ready", await FaultChecks.AssertOrganizerCanActAsync(stack, ticket.SubmissionId, _dir));
        output.WriteLine($"{string.Join(", ", results.GroupBy(r => r).Select(g => $"{g.Key} {g.Count()}"))}; ffmpeg runs {runsOfOne}; {stack.Ledger.Summary()}");
    }

    [Fact]
    public async Task A_storm_of_20_redeliveries_during_a_retry_backoff_neither_works_nor_burns_an_attempt()
    {
        stack.Ffmpeg.Reset();
        stack.Ffmpeg.KillEveryRun();
        var ticket = await FaultChecks.UploadClipAsync(stack, _dir);

        // The worker's first attempt loses ffmpeg: the row waits out its backoff (5 s).
        var released = await FaultChecks.WaitUntilAsync(
            stack, ticket.SubmissionId, r => r.GetString("Status") == "Uploaded" && r.GetInt32("ProcessingAttempts") == 1, TimeSpan.FromMinutes(1));
        stack.Ledger.Injected("ffmpeg killed mid-run", stack.Ffmpeg.Killed());
        stack.Ffmpeg.Reset();

        var results = await StormAsync(ticket.SubmissionId);
        stack.Ledger.Injected("redelivered blob event", Storm);

        Assert.All(results, r => Assert.Equal(ProcessingResult.NotDue, r));
        var after = await FaultChecks.RowAsync(stack, ticket.SubmissionId);
        Assert.Equal(released.ETag, after.ETag);
        Assert.Empty(stack.Ffmpeg.Runs());

        // Once due, the sweep makes the second attempt, and it is the second.
        var settled = await FaultChecks.SweepUntilAsync(stack, ticket.SubmissionId, FaultChecks.IsSettled, TimeSpan.FromMinutes(2));
        Assert.Equal("Ready", settled.GetString("Status"));
        Assert.Equal(2, settled.GetInt32("ProcessingAttempts"));
        Assert.Equal("Ready", await FaultChecks.AssertOrganizerCanActAsync(stack, ticket.SubmissionId, _dir));
        output.WriteLine(stack.Ledger.Summary());
    }
}
