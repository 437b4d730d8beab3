using System.Globalization;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Media;
using SolidarityFn.IntegrationTests.Review;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>
/// Fitting through the API: more approved footage than the target holds. The clips are seeded as Ready with a real
/// mezzanine clip (processing is not what this proves); the assembly itself is the real job.
/// </summary>
[Collection(UltrafastAssemblyStackCollection.Name)]
public sealed class AssemblyFitTests(UltrafastAssemblyStackFixture stack) : IDisposable
{
    private const int ClipCount = 30;
    private const double ClipSeconds = 10;
    private const double TargetSeconds = 120;
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-asm-fit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Thirty_ten_second_clips_fit_into_120_seconds_and_the_status_says_what_was_shortened_and_left_out()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        var clip = await AssemblySources.MezzanineAsync(_dir, ClipSeconds);
        var ids = new List<string>();
        for (var i = 0; i < ClipCount; i++)
        {
            ids.Add(await SeedApprovedAsync(organizer, campaign, clip, i));
        }

        var status = await AssemblyFlow.AssembleAsync(stack, organizer, campaign, new { formats = new[] { "landscape" }, targetSeconds = TargetSeconds });

        // The documented rule: 120 s less the 4 s title and 5 s end cards leaves 111 s = 3330 frames. At the 4 s floor
        // 27 clips fit (108 s) and a 28th does not, so the last three are left out; the 27 share 3330 frames evenly,
        // 123 each with the 9 frames over going one each to the first nine.
        var kept = ids.Take(27).ToList();
        var expectedShortened = kept.Select((id, i) => (id, 10.0, Math.Round((i < 9 ? 124 : 123) / 30.0, 3))).ToList();
        var shortened = status.GetProperty("shortened").EnumerateArray()
            .Select(s => (s.GetProperty("submissionId").GetString()!, s.GetProperty("fromSeconds").GetDouble(), s.GetProperty("toSeconds").GetDouble()))
            .ToList();
        Assert.Equal(expectedShortened, shortened);
        Assert.Equal(ids.Skip(27), status.GetProperty("leftOut").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(27, status.GetProperty("clipCount").GetInt32());

        // The planner, asked directly, agrees with what the job reported.
        var plan = AssemblyPlanner.Plan(
            ids.Select(id => new AssemblyClip(id, ClipSeconds, 0, null, "c", "u", "s", "t")).ToList(),
            new AssemblyCards("title", "sub", "#tag", "thanks"),
            new AssemblySettings(TargetSeconds: TargetSeconds));
        Assert.Equal(plan.Shortened.Select(s => (s.SubmissionId, s.FromSeconds, s.ToSeconds)), shortened);
        Assert.Equal(plan.LeftOut, ids.Skip(27));

        var outputs = AssemblyFlow.Outputs(status);
        var video = await AssemblyFlow.DownloadAsync(outputs["landscape.mp4"], _dir, "landscape.mp4");
        using (var probe = await OutputAssert.ProbeAsync(video))
        {
            foreach (var element in probe.RootElement.GetProperty("streams").EnumerateArray().Append(probe.RootElement.GetProperty("format")))
            {
                var seconds = double.Parse(element.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
                // Frame rounding may add at most 0.1 s; the plan fills the target, so it is not much shorter either.
                Assert.InRange(seconds, TargetSeconds - 0.5, TargetSeconds + 0.1);
            }
        }

        var credits = (await AssemblyFlow.TextAsync(outputs["credits.txt"])).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 27).Select(i => $"Local {i:00}, Education, City {i:00}"), credits);
    }

    /// <summary>A Ready submission with the mezzanine clip in media/, approved over the API (which sets its position).</summary>
    private async Task<string> SeedApprovedAsync(HttpClient organizer, string campaign, string clipPath, int index)
    {
        var store = stack.Services.GetRequiredService<SubmissionStore>();
        var submission = ReviewAzurite.Issued(campaign, T0.AddMinutes(index), $"Clip {index:00}");
        submission.Union = $"Local {index:00}";
        submission.City = $"City {index:00}";
        await store.AddAsync(submission, CancellationToken.None);
        ReviewAzurite.MakeReady(submission, T0.AddMinutes(index));
        submission.ClipSeconds = ClipSeconds;
        submission.SourceDurationSeconds = ClipSeconds;
        Assert.True(await store.TryReplaceAsync(submission, CancellationToken.None));

        var blob = stack.Blobs.GetBlobContainerClient(StorageNames.MediaContainer).GetBlobClient(StorageNames.MediaPrefix(campaign, submission.SubmissionId) + "clip.mp4");
        await blob.UploadAsync(clipPath, overwrite: true);
        await AssemblyFlow.ApproveAsync(organizer, campaign, submission.SubmissionId);
        return submission.SubmissionId;
    }
}
