using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Media;
using SolidarityFn.IntegrationTests.Organizers;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>
/// Assembly jobs over the whole stack (DevHost + Azurite + real ffmpeg): start over HTTP, run the queue pump, poll the
/// status, download and probe the outputs; then change one caption and check the cache re-renders one segment only.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AssemblyJobTests(StackFixture stack, AssemblyClips clips) : IClassFixture<AssemblyClips>
{
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

        using var bad = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/assemblies", new { formats = new[] { "widescreen" }, targetSeconds = 5 });
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

        // Segments live under their clip's submission (cards apart); within Assembly:KeepUnusedSegmentsFor (2 days by
        // default) the version before the edit stays cached next to the new one.
        var segments = await AssemblyFlow.SegmentBlobsAsync(stack, campaign);
        Assert.Equal(6, segments.Count);
        Assert.Equal(2, segments.Count(n => n.StartsWith(StorageNames.CardSegmentsPrefix(campaign), StringComparison.Ordinal)));
        Assert.Equal(2, segments.Count(n => n.StartsWith(StorageNames.ClipSegmentsPrefix(campaign, ids[1]), StringComparison.Ordinal)));
        Assert.Single(segments, n => n.StartsWith(StorageNames.ClipSegmentsPrefix(campaign, ids[0]), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Withdrawing_a_clip_deletes_its_segments_and_retracts_every_assembly_that_used_it_and_no_other()
    {
        using var organizer = stack.CreateOrganizerClient();
        using var http = new HttpClient();
        var campaign = CampaignApi.NewId("asm");
        var other = CampaignApi.NewId("asm");
        await CampaignApi.CreateAsync(organizer, campaign);
        await CampaignApi.CreateAsync(organizer, other);

        var kept = await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clips.Clips[0], "Kept: Toronto teachers");
        var without = await AssembleAsync(organizer, campaign);
        var withdrawn = await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clips.Clips[1], "Withdrawn: my face, my union");
        var with = await AssembleAsync(organizer, campaign);
        await AssemblyFlow.SeedApprovedAsync(stack, organizer, other, clips.Clips[1], "Other campaign");
        var elsewhere = await AssembleAsync(organizer, other);
        Assert.Equal(2, with.GetProperty("clipCount").GetInt32());
        var withId = with.GetProperty("assemblyId").GetString()!;
        var withLinks = AssemblyFlow.Outputs(with);
        Assert.NotEmpty(await AssemblyFlow.FinalBlobsAsync(stack, StorageNames.ClipSegmentsPrefix(campaign, withdrawn.Id)));

        await AssemblyFlow.WithdrawAsync(stack, withdrawn);

        Assert.Empty(await AssemblyFlow.FinalBlobsAsync(stack, StorageNames.ClipSegmentsPrefix(campaign, withdrawn.Id)));
        Assert.Empty(await AssemblyFlow.FinalBlobsAsync(stack, StorageNames.AssemblyPrefix(campaign, withId)));
        var retracted = await organizer.GetFromJsonAsync<JsonElement>(AssemblyService.StatusUrl(campaign, withId));
        Assert.Equal("Retracted", retracted.GetProperty("status").GetString());
        Assert.Equal(AssemblyRetraction.RetractedMessage, retracted.GetProperty("message").GetString());
        Assert.Empty(retracted.GetProperty("outputs").EnumerateArray());
        foreach (var link in withLinks.Values)
        {
            using var gone = await http.GetAsync(link);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        // The assembly without the clip, the kept clip's segments and the other campaign are untouched.
        foreach (var untouched in new[] { (campaign, without), (other, elsewhere) })
        {
            var status = await organizer.GetFromJsonAsync<JsonElement>(AssemblyService.StatusUrl(untouched.Item1, untouched.Item2.GetProperty("assemblyId").GetString()!));
            Assert.Equal("Succeeded", status.GetProperty("status").GetString());
            var links = AssemblyFlow.Outputs(status);
            Assert.Equal(4, links.Count);
            foreach (var link in links.Values)
            {
                using var ok = await http.GetAsync(link);
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            }
        }

        Assert.Single(await AssemblyFlow.FinalBlobsAsync(stack, StorageNames.ClipSegmentsPrefix(campaign, kept.Id)));
        Assert.Equal(3, (await AssemblyFlow.SegmentBlobsAsync(stack, other)).Count);

        // A repeated withdrawal is fine and leaves nothing either.
        await AssemblyFlow.WithdrawAsync(stack, withdrawn);
        Assert.Empty(await AssemblyFlow.FinalBlobsAsync(stack, StorageNames.ClipSegmentsPrefix(campaign, withdrawn.Id)));
        Assert.Equal("Retracted", (await organizer.GetFromJsonAsync<JsonElement>(AssemblyService.StatusUrl(campaign, withId))).GetProperty("status").GetString());
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

    [Fact]
    public async Task A_clip_ffmpeg_cannot_render_fails_the_job_at_once_naming_the_clip()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = CampaignApi.NewId("asm");
        await CampaignApi.CreateAsync(organizer, campaign);
        await SeedApprovedAsync(organizer, campaign, clips.Clips[0], "Fine clip");
        var broken = Path.Combine(clips.Folder, "broken " + Guid.NewGuid().ToString("N") + ".mp4");
        var bytes = await File.ReadAllBytesAsync(clips.Clips[1]);
        Array.Fill(bytes, (byte)0x5A, 64, bytes.Length - 64); // the header survives, the media is garbage
        await File.WriteAllBytesAsync(broken, bytes);
        var bad = await SeedApprovedAsync(organizer, campaign, broken, "Broken clip");

        using var start = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/assemblies", new { formats = new[] { "landscape" } });
        var statusUrl = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!;
        var assemblyId = statusUrl[(statusUrl.LastIndexOf('/') + 1)..];
        await stack.Services.GetRequiredService<QueuePump>().RunAsync(new PumpLimits(TimeSpan.FromMinutes(5), 10, 1), CancellationToken.None);

        var status = await organizer.GetFromJsonAsync<JsonElement>(statusUrl);
        Assert.Equal("Failed", status.GetProperty("status").GetString());
        Assert.Contains(bad, status.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(status.GetProperty("outputs").EnumerateArray());
        // Ended on the first attempt, not left for a retry: the queue item is Done already.
        Assert.Equal(KeyCompletion.AlreadyDone, await stack.Services.GetRequiredService<TableQueue>().CompleteByKeyAsync(AssemblyWork.QueueName, assemblyId, CancellationToken.None));
    }

    private async Task<string> SeedApprovedAsync(HttpClient organizer, string campaign, string clipPath, string caption) =>
        (await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clipPath, caption)).Id;

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

        return await AssemblyFlow.RunUntilFinishedAsync(stack, organizer, statusUrl);
    }
}
