using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Media;
using SolidarityFn.IntegrationTests.Organizers;
using SolidarityFn.IntegrationTests.Review;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>
/// Assembly jobs over the whole stack (DevHost + Azurite + real ffmpeg): start over HTTP, run the queue pump, poll the
/// status, download and probe the outputs; then change one caption and check the cache re-renders one segment only.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AssemblyJobTests(StackFixture stack, AssemblyClips clips) : IClassFixture<AssemblyClips>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Starting_without_approved_clips_is_409_and_without_the_key_is_401()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = CampaignApi.NewId("asm");
        await CampaignApi.CreateAsync(organizer, campaign);

        using var conflict = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/assemblies", new { formats = new[] { "landscape" } });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);

        using var anonymous = stack.CreateClient();
        using var denied = await anonymous.PostAsJsonAsync($"/api/campaigns/{campaign}/assemblies", new { });
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        using var deniedGet = await anonymous.GetAsync($"/api/campaigns/{campaign}/assemblies/{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.Unauthorized, deniedGet.StatusCode);

        using var bad = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/assemblies", new { formats = new[] { "portrait" }, targetSeconds = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("formats", out _));
        Assert.True(errors.TryGetProperty("targetSeconds", out _));
    }

    [Fact]
    public async Task A_job_whose_queue_item_ended_without_it_no_longer_blocks_a_new_start()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = CampaignApi.NewId("asm");
        await CampaignApi.CreateAsync(organizer, campaign);
        await SeedApprovedAsync(organizer, campaign, clips.Clips[0], "A stuck job");

        using var start = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/assemblies", new { formats = new[] { "landscape" } });
        var stuck = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assemblyId").GetString()!;
        // The item ends without its row hearing of it (as when every lease ran out and it was dead-lettered).
        var queue = stack.Services.GetRequiredService<TableQueue>();
        Assert.Equal(KeyCompletion.Completed, await queue.CompleteByKeyAsync(AssemblyWork.QueueName, stuck, CancellationToken.None));

        using var again = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/assemblies", new { formats = new[] { "landscape" } });
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var fresh = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assemblyId").GetString();
        Assert.NotEqual(stuck, fresh);
        var old = await organizer.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}/assemblies/{stuck}");
        Assert.Equal("Failed", old.GetProperty("status").GetString());
        await queue.CompleteByKeyAsync(AssemblyWork.QueueName, fresh!, CancellationToken.None);
    }

    [Fact]
    public async Task An_assembly_renders_uploads_and_reports_and_one_caption_change_re_renders_one_segment()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = CampaignApi.NewId("asm");
        await CampaignApi.CreateAsync(organizer, campaign);
        var ids = new List<string>();
        for (var i = 0; i < clips.Clips.Count; i++)
        {
            ids.Add(await SeedApprovedAsync(organizer, campaign, clips.Clips[i], $"Clip {i}: solidarity from Toronto"));
        }

        var first = await AssembleAsync(organizer, campaign);
        Assert.Equal(3, first.GetProperty("clipCount").GetInt32());
        Assert.Equal(5, first.GetProperty("segmentsRendered").GetInt32());
        Assert.Equal(0, first.GetProperty("segmentsReused").GetInt32());
        Assert.Equal(3, first.GetProperty("clipsDownloaded").GetInt32());
        Assert.Empty(first.GetProperty("shortened").EnumerateArray());
        Assert.Empty(first.GetProperty("leftOut").EnumerateArray());

        var outputs = first.GetProperty("outputs").EnumerateArray()
            .ToDictionary(o => o.GetProperty("name").GetString()!, o => new Uri(o.GetProperty("url").GetString()!));
        Assert.Equal(["captions.srt", "captions.vtt", "credits.txt", "landscape.mp4"], outputs.Keys.Order(StringComparer.Ordinal));
        var folder = Path.Combine(clips.Folder, "job " + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using var http = new HttpClient();
        var video = Path.Combine(folder, "landscape.mp4");
        await File.WriteAllBytesAsync(video, await http.GetByteArrayAsync(outputs["landscape.mp4"]));
        using (var probe = await OutputAssert.ProbeAsync(video))
        {
            var streams = probe.RootElement.GetProperty("streams").EnumerateArray().ToList();
            var v = Assert.Single(streams, s => s.GetProperty("codec_type").GetString() == "video");
            Assert.Single(streams, s => s.GetProperty("codec_type").GetString() == "audio");
            Assert.Equal(1920, v.GetProperty("width").GetInt32());
            Assert.Equal(1080, v.GetProperty("height").GetInt32());
            var expected = 4 + (3 * AssemblyClips.ClipSeconds) + 5; // title card + clips + end card
            var seconds = double.Parse(probe.RootElement.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(seconds, expected - 0.5, expected + 0.5);
        }

        var credits = await http.GetStringAsync(outputs["credits.txt"]);
        Assert.Equal(3, credits.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("Clip 1: solidarity from Toronto", await http.GetStringAsync(outputs["captions.vtt"]), StringComparison.Ordinal);

        // One caption changes: only that clip's segment is rendered again; the cards and the other clips come from the cache.
        var cache = stack.Services.GetRequiredService<SegmentCache>();
        var renderedBefore = cache.Rendered;
        using (var approve = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/submissions/{ids[1]}/approve", new { caption = "Nouvelle légende : solidarité" }))
        {
            Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        }

        var second = await AssembleAsync(organizer, campaign);
        Assert.NotEqual(first.GetProperty("assemblyId").GetString(), second.GetProperty("assemblyId").GetString());
        Assert.Equal(1, second.GetProperty("segmentsRendered").GetInt32());
        Assert.Equal(4, second.GetProperty("segmentsReused").GetInt32());
        Assert.Equal(1, second.GetProperty("clipsDownloaded").GetInt32()); // only the clip whose caption changed
        Assert.Equal(1, cache.Rendered - renderedBefore);
        var secondVtt = second.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "captions.vtt");
        var vtt = await http.GetStringAsync(secondVtt.GetProperty("url").GetString());
        Assert.Contains("Nouvelle légende : solidarité", vtt, StringComparison.Ordinal);
        Assert.DoesNotContain("Clip 1: solidarity from Toronto", vtt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_starts_for_one_campaign_all_answer_with_the_same_job()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = CampaignApi.NewId("asm");
        await CampaignApi.CreateAsync(organizer, campaign);
        await SeedApprovedAsync(organizer, campaign, clips.Clips[0], "Raced");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var response = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/assemblies", new { formats = new[] { "landscape" } });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assemblyId").GetString()!;
        }));

        var id = Assert.Single(responses.Distinct());
        // One start is recorded, the one that created the job; the five that joined it are not.
        var audit = (await CampaignApi.AuditAsync(organizer, campaign)).GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("action").GetString() == "assembly.start").ToList();
        var started = Assert.Single(audit);
        Assert.Equal(id, started.GetProperty("after").GetProperty("assemblyId").GetString());
        Assert.Equal(["landscape"], started.GetProperty("after").GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("key", started.GetProperty("actor").GetProperty("id").GetString());
        var queue = stack.Services.GetRequiredService<TableQueue>();
        Assert.Equal(KeyCompletion.Completed, await queue.CompleteByKeyAsync(AssemblyWork.QueueName, id, CancellationToken.None));
        // No other pending item of the campaign is left for the pump.
        Assert.Null(await queue.ClaimAsync(AssemblyWork.QueueName, TimeSpan.FromSeconds(5), CancellationToken.None));
    }

    [Fact]
    public async Task A_clip_rejected_after_the_start_is_not_in_the_assembly()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = CampaignApi.NewId("asm");
        await CampaignApi.CreateAsync(organizer, campaign);
        await SeedApprovedAsync(organizer, campaign, clips.Clips[0], "Kept clip");
        var dropped = await SeedApprovedAsync(organizer, campaign, clips.Clips[1], "Dropped clip");

        var status = await AssembleAsync(organizer, campaign, beforePump: async () =>
        {
            using var reject = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/submissions/{dropped}/reject", new { reason = "Off topic" });
            Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        });

        Assert.Equal(1, status.GetProperty("clipCount").GetInt32());
        var vttUrl = status.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "captions.vtt").GetProperty("url").GetString();
        using var http = new HttpClient();
        var vtt = await http.GetStringAsync(vttUrl);
        Assert.Contains("Kept clip", vtt, StringComparison.Ordinal);
        Assert.DoesNotContain("Dropped clip", vtt, StringComparison.Ordinal);
    }

    /// <summary>A Ready submission with a real mezzanine clip in media/, approved over the API (which sets its position).</summary>
    private async Task<string> SeedApprovedAsync(HttpClient organizer, string campaign, string clipPath, string caption)
    {
        var store = stack.Services.GetRequiredService<SubmissionStore>();
        var submission = ReviewAzurite.Issued(campaign, T0, caption);
        await store.AddAsync(submission, CancellationToken.None);
        ReviewAzurite.MakeReady(submission, T0);
        submission.ClipSeconds = AssemblyClips.ClipSeconds;
        submission.SourceDurationSeconds = AssemblyClips.ClipSeconds;
        Assert.True(await store.TryReplaceAsync(submission, CancellationToken.None));

        var blob = stack.Blobs.GetBlobContainerClient(StorageNames.MediaContainer).GetBlobClient(StorageNames.MediaPrefix(campaign, submission.SubmissionId) + "clip.mp4");
        await blob.UploadAsync(clipPath, overwrite: true);

        using var approve = await organizer.PostAsync($"/api/campaigns/{campaign}/submissions/{submission.SubmissionId}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        return submission.SubmissionId;
    }

    /// <summary>Starts a landscape assembly, runs the pump until it is finished and returns its final status.</summary>
    private async Task<JsonElement> AssembleAsync(HttpClient organizer, string campaign, Func<Task>? beforePump = null)
    {
        using var start = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/assemblies", new { formats = new[] { "landscape" } });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var accepted = await start.Content.ReadFromJsonAsync<JsonElement>();
        var statusUrl = accepted.GetProperty("statusUrl").GetString()!;
        Assert.Equal(statusUrl, start.Headers.Location?.OriginalString);

        // Starting again while it is queued returns the same job.
        using (var again = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/assemblies", new { formats = new[] { "landscape" } }))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
            Assert.Equal(accepted.GetProperty("assemblyId").GetString(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assemblyId").GetString());
        }

        if (beforePump is not null)
        {
            await beforePump();
        }

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
}
