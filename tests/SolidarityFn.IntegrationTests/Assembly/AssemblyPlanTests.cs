using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Organizers;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>
/// POST /api/campaigns/{campaignId}/assemblies/plan (what a start would do, nothing stored) and the list's paging and
/// out-of-date flag, over the whole stack (DevHost + Azurite; the out-of-date test renders with real ffmpeg).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AssemblyPlanTests(StackFixture stack, AssemblyClips clips) : IClassFixture<AssemblyClips>
{
    [Fact]
    public async Task Plan_reports_the_clips_what_is_shortened_and_left_out_and_the_length_as_the_job_plans_it_and_stores_nothing()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        // 8 + 6 + 5 s of clips; a 20 s target leaves 11 s between the 4 s title and 5 s end cards: at the 4 s floor only
        // two fit, and those two share the 11 s (5.5 s each).
        var first = await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clips.Clips[0], "First caption", clipSeconds: 8);
        var second = await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clips.Clips[1], "Second caption", clipSeconds: 6);
        var third = await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clips.Clips[2], "Third caption", clipSeconds: 5);
        var path = $"/api/campaigns/{campaign}/assemblies/plan";

        using var response = await organizer.PostAsJsonAsync(path, new { formats = new[] { "landscape" }, targetSeconds = 20, subtitle = "Typed subtitle" });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, plan.GetProperty("clipCount").GetInt32());
        Assert.Equal(19, plan.GetProperty("clipsSeconds").GetDouble(), 3);
        Assert.Equal(20, plan.GetProperty("targetSeconds").GetDouble());
        Assert.Equal(2, plan.GetProperty("usedCount").GetInt32());
        Assert.Equal(20, plan.GetProperty("resultSeconds").GetDouble(), 3);
        var shortened = plan.GetProperty("shortened").EnumerateArray()
            .Select(s => (s.GetProperty("submissionId").GetString()!, s.GetProperty("fromSeconds").GetDouble(), s.GetProperty("toSeconds").GetDouble())).ToList();
        Assert.Equal([(first.Id, 8d, 5.5d), (second.Id, 6d, 5.5d)], shortened);
        Assert.Equal([third.Id], plan.GetProperty("leftOut").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["landscape"], plan.GetProperty("formats").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["First caption", "Second caption", "Third caption"], plan.GetProperty("clips").EnumerateArray().Select(c => c.GetProperty("caption").GetString()));
        // The card texts a start would use: the campaign's title, the typed subtitle, the default end card.
        Assert.Equal("Toronto stands with Minnesota", plan.GetProperty("title").GetString());
        Assert.Equal("Typed subtitle", plan.GetProperty("subtitle").GetString());
        Assert.Equal(ApprovedClips.DefaultEndCard, plan.GetProperty("endCard").GetString());

        // The job's own planning of the same rows says the same.
        var rows = await stack.Services.GetRequiredService<ApprovedClips>().ListAsync(campaign, CancellationToken.None);
        var campaignRecord = (await stack.Services.GetRequiredService<CampaignCache>().GetAsync(campaign, CancellationToken.None))!;
        var timeline = ApprovedClips.Plan(rows, campaignRecord, null, null, 20, "Typed subtitle");
        Assert.Equal(timeline.Shortened.Select(s => (s.SubmissionId, s.FromSeconds, s.ToSeconds)), shortened);
        Assert.Equal(timeline.LeftOut, plan.GetProperty("leftOut").EnumerateArray().Select(e => e.GetString()));

        // With room for everything: nothing shortened or left out, 4 + 19 + 5 s.
        var roomy = await organizer.PostAsJsonAsync(path, new { targetSeconds = 60 });
        var whole = await roomy.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(whole.GetProperty("shortened").EnumerateArray());
        Assert.Empty(whole.GetProperty("leftOut").EnumerateArray());
        Assert.Equal(3, whole.GetProperty("usedCount").GetInt32());
        Assert.Equal(28, whole.GetProperty("resultSeconds").GetDouble(), 3);
        Assert.Equal(3, whole.GetProperty("formats").GetArrayLength()); // the panel's three by default (4:5 only when asked for)

        // Checked like a start; organizers only; another campaign's id is not found.
        using (var bad = await organizer.PostAsJsonAsync(path, new { formats = new[] { "widescreen" }, targetSeconds = 5 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.True(errors.TryGetProperty("formats", out _));
            Assert.True(errors.TryGetProperty("targetSeconds", out _));
        }

        using (var anonymous = await stack.CreateClient().PostAsJsonAsync(path, new { }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var unknown = await organizer.PostAsJsonAsync($"/api/campaigns/{CampaignApi.NewId("nope")}/assemblies/plan", new { }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        // Nothing stored, nothing queued.
        var table = stack.Tables.GetTableClient(StorageNames.AssembliesTable);
        Assert.Empty(await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {campaign}")).ToListAsync());
        var queue = stack.Tables.GetTableClient(StorageNames.QueueTable);
        var items = await queue.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {AssemblyWork.QueueName}")).ToListAsync();
        Assert.DoesNotContain(items, i => (i.GetString("Payload") ?? "").Contains(campaign, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plan_of_a_campaign_with_no_approved_clip_says_so()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        var plan = await (await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/assemblies/plan", new { })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, plan.GetProperty("clipCount").GetInt32());
        Assert.Equal(0, plan.GetProperty("usedCount").GetInt32());
    }

    [Fact]
    public async Task The_list_pages_newest_first_without_repeating_or_skipping_and_refuses_a_made_up_token()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        var table = stack.Tables.GetTableClient(StorageNames.AssembliesTable);
        var now = DateTimeOffset.UtcNow;
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            ids.Add(id);
            await table.AddEntityAsync(new AssemblyEntity
            {
                PartitionKey = campaign, RowKey = id, State = AssemblyState.Failed, Formats = "landscape", TargetSeconds = 120,
                CreatedAt = now.AddMinutes(-i), FinishedAt = now.AddMinutes(-i),
            });
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var url = $"/api/campaigns/{campaign}/assemblies?pageSize=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var page = await organizer.GetFromJsonAsync<JsonElement>(url);
            var items = page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("assemblyId").GetString()!).ToList();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items);
            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            pages++;
            if (pages == 1)
            {
                // A video added between two pages goes to the top and does not shift the next page.
                await table.AddEntityAsync(new AssemblyEntity
                {
                    PartitionKey = campaign, RowKey = Guid.NewGuid().ToString("N"), State = AssemblyState.Failed, Formats = "landscape", CreatedAt = now.AddMinutes(1),
                });
            }
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(ids, seen);

        using var bad = await organizer.GetAsync($"/api/campaigns/{campaign}/assemblies?continuationToken=not-ours");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var big = await organizer.GetAsync($"/api/campaigns/{campaign}/assemblies?pageSize=51");
        Assert.Equal(HttpStatusCode.BadRequest, big.StatusCode);
    }

    [Fact]
    public async Task The_newest_video_is_out_of_date_after_a_caption_changes_and_up_to_date_once_made_again()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        var clip = await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clips.Clips[0], "Before");
        var list = $"/api/campaigns/{campaign}/assemblies";
        Assert.False((await organizer.GetFromJsonAsync<JsonElement>(list)).GetProperty("outOfDate").GetBoolean()); // nothing made yet

        var landscape = new { formats = new[] { "landscape" }, targetSeconds = 20 };
        await AssemblyFlow.AssembleAsync(stack, organizer, campaign, landscape);
        Assert.False((await organizer.GetFromJsonAsync<JsonElement>(list)).GetProperty("outOfDate").GetBoolean());

        // Re-approving as it was changes nothing the video is made from.
        (await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/submissions/{clip.Id}/approve", new { })).EnsureSuccessStatusCode();
        Assert.False((await organizer.GetFromJsonAsync<JsonElement>(list)).GetProperty("outOfDate").GetBoolean());

        (await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/submissions/{clip.Id}/approve", new { caption = "After" })).EnsureSuccessStatusCode();
        Assert.True((await organizer.GetFromJsonAsync<JsonElement>(list)).GetProperty("outOfDate").GetBoolean());

        await AssemblyFlow.AssembleAsync(stack, organizer, campaign, landscape);
        Assert.False((await organizer.GetFromJsonAsync<JsonElement>(list)).GetProperty("outOfDate").GetBoolean());

        // A second approved clip is a change too.
        await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clips.Clips[1], "Another");
        Assert.True((await organizer.GetFromJsonAsync<JsonElement>(list)).GetProperty("outOfDate").GetBoolean());
    }
}
