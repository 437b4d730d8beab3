using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Organizers;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>
/// DELETE /api/campaigns/{campaignId}/assemblies/{assemblyId} over the whole stack (DevHost + Azurite + real ffmpeg):
/// what goes (the assembly's folder in final/ and its row), what stays (cached segments, other assemblies), who may,
/// and when not (while it is being made).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AssemblyDeletionTests(StackFixture stack, AssemblyClips clips) : IClassFixture<AssemblyClips>
{
    private const string TypedTitle = "Typed title: Windsor to Duluth";
    private const string TypedEndCard = "Typed end card: see you on the line";
    private const string Caption = "Caption a contributor typed: CUPE 4400 Toronto";

    [Fact]
    public async Task Deleting_a_finished_assembly_removes_its_folder_and_row_keeps_the_segments_and_other_assemblies_and_is_audited()
    {
        using var organizer = stack.CreateOrganizerClient();
        using var http = new HttpClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        var other = await AssemblyFlow.NewCampaignAsync(organizer);
        var clip = await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clips.Clips[0], Caption);
        var doomed = await AssemblyFlow.AssembleAsync(stack, organizer, campaign, new { formats = new[] { "landscape" }, title = TypedTitle, endCard = TypedEndCard });
        var kept = await AssemblyFlow.AssembleAsync(stack, organizer, campaign, new { formats = new[] { "landscape" } });
        var doomedId = doomed.GetProperty("assemblyId").GetString()!;
        var keptId = kept.GetProperty("assemblyId").GetString()!;
        var doomedLinks = AssemblyFlow.Outputs(doomed).Values.ToList();
        // Anything else in the folder goes too, not only the files the row names.
        await AssemblyFlow.FinalBlob(stack, StorageNames.AssemblyPrefix(campaign, doomedId) + "extra/notes.txt").UploadAsync(BinaryData.FromString("left over"));
        Assert.Equal(5, (await AssemblyFlow.FinalBlobsAsync(stack, StorageNames.AssemblyPrefix(campaign, doomedId))).Count);
        var segments = await AssemblyFlow.FinalBlobsAsync(stack, StorageNames.SegmentsPrefix(campaign));
        Assert.Single(segments, s => s.StartsWith(StorageNames.ClipSegmentsPrefix(campaign, clip.Id), StringComparison.Ordinal)); // shared by both
        var path = $"/api/campaigns/{campaign}/assemblies/{doomedId}";

        // Not without the organizer's credentials, nor through another campaign.
        using (var anonymous = await stack.CreateClient().DeleteAsync(path))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("Bearer realm=\"SolidarityFn\"", anonymous.Headers.WwwAuthenticate.ToString());
        }

        using (var wrongKey = await CampaignApi.SendAsync(stack.CreateClient(), HttpMethod.Delete, path, authorization: CampaignApi.Bearer("not-the-key")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        }

        await AssertNotFoundAsync(organizer, $"/api/campaigns/{other}/assemblies/{doomedId}");
        Assert.Equal(5, (await AssemblyFlow.FinalBlobsAsync(stack, StorageNames.AssemblyPrefix(campaign, doomedId))).Count);

        // A plain DELETE: no body, no Content-Type.
        using (var request = new HttpRequestMessage(HttpMethod.Delete, path))
        using (var deleted = await organizer.SendAsync(request))
        {
            Assert.Null(request.Content);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Empty(await AssemblyFlow.FinalBlobsAsync(stack, StorageNames.AssemblyPrefix(campaign, doomedId)));
        foreach (var link in doomedLinks)
        {
            using var gone = await http.GetAsync(link);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        var table = stack.Tables.GetTableClient(StorageNames.AssembliesTable);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(campaign, doomedId)).HasValue);
        await AssertNotFoundAsync(organizer, path, HttpMethod.Get);

        // The segments and the other assembly are untouched: every kept output still downloads.
        Assert.Equal(segments, await AssemblyFlow.FinalBlobsAsync(stack, StorageNames.SegmentsPrefix(campaign)));
        var keptNow = await organizer.GetFromJsonAsync<JsonElement>(AssemblyService.StatusUrl(campaign, keptId));
        Assert.Equal("Succeeded", keptNow.GetProperty("status").GetString());
        Assert.Equal(4, AssemblyFlow.Outputs(keptNow).Count);
        foreach (var link in AssemblyFlow.Outputs(keptNow).Values)
        {
            using var ok = await http.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var listed = await organizer.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}/assemblies");
        Assert.Equal([keptId], listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("assemblyId").GetString()));

        // Once: a second delete is 404.
        await AssertNotFoundAsync(organizer, path);

        // Audited once, with facts and no typed text (neither the organizer's title and end card nor a caption).
        var audit = (await CampaignApi.AuditAsync(organizer, campaign)).GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("action").GetString() == AssemblyDeletion.AuditAction).ToList();
        var row = Assert.Single(audit);
        Assert.Equal("key", row.GetProperty("actor").GetProperty("id").GetString());
        Assert.Equal(doomedId, row.GetProperty("before").GetProperty("assemblyId").GetString());
        Assert.Equal("Succeeded", row.GetProperty("before").GetProperty("status").GetString());
        Assert.Equal(5, row.GetProperty("after").GetProperty("filesDeleted").GetInt32());
        Assert.InRange(row.GetProperty("at").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        var raw = row.GetRawText();
        foreach (var typed in new[] { TypedTitle, TypedEndCard, Caption, "Windsor", "Toronto" })
        {
            Assert.DoesNotContain(typed, raw, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_queued_or_running_assembly_is_409_and_kept_until_its_queue_item_has_ended()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clips.Clips[0], "Waiting to be assembled");
        var statusUrl = await AssemblyFlow.StartAsync(organizer, campaign);
        var assemblyId = statusUrl[(statusUrl.LastIndexOf('/') + 1)..];
        var table = stack.Tables.GetTableClient(StorageNames.AssembliesTable);

        await AssertConflictAsync(organizer, statusUrl);

        // As the pump's worker writes it when it takes the job up.
        var row = (await table.GetEntityAsync<AssemblyEntity>(campaign, assemblyId)).Value;
        row.State = AssemblyState.Running;
        row.StartedAt = DateTimeOffset.UtcNow;
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        await AssertConflictAsync(organizer, statusUrl);
        Assert.Equal("Running", (await organizer.GetFromJsonAsync<JsonElement>(statusUrl)).GetProperty("status").GetString());

        // Its item ended without it (dead-lettered after every lease ran out): nothing will run it, so it can go.
        var queue = stack.Services.GetRequiredService<TableQueue>();
        Assert.Equal(KeyCompletion.Completed, await queue.CompleteByKeyAsync(AssemblyWork.QueueName, assemblyId, CancellationToken.None));
        using var deleted = await organizer.DeleteAsync(statusUrl);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(campaign, assemblyId)).HasValue);
    }

    [Fact]
    public async Task A_queue_item_left_for_a_deleted_assembly_does_not_bring_it_back()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clips.Clips[0], "Never assembled");
        var statusUrl = await AssemblyFlow.StartAsync(organizer, campaign);
        var assemblyId = statusUrl[(statusUrl.LastIndexOf('/') + 1)..];

        // Failed with its item still pending: what a start that lost a race leaves when completing its item failed.
        var table = stack.Tables.GetTableClient(StorageNames.AssembliesTable);
        var row = (await table.GetEntityAsync<AssemblyEntity>(campaign, assemblyId)).Value;
        row.State = AssemblyState.Failed;
        row.FinishedAt = DateTimeOffset.UtcNow;
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        using (var deleted = await organizer.DeleteAsync(statusUrl))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var queue = stack.Services.GetRequiredService<TableQueue>();
        Assert.Equal(QueueItemState.Pending, (await queue.GetAsync(AssemblyWork.QueueName, assemblyId, CancellationToken.None))!.State);

        await stack.Services.GetRequiredService<QueuePump>().RunAsync(new PumpLimits(TimeSpan.FromMinutes(2), 10, 1), CancellationToken.None);

        Assert.Equal(QueueItemState.Done, (await queue.GetAsync(AssemblyWork.QueueName, assemblyId, CancellationToken.None))!.State);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(campaign, assemblyId)).HasValue);
        Assert.Empty(await AssemblyFlow.FinalBlobsAsync(stack, StorageNames.AssemblyPrefix(campaign, assemblyId)));
        await AssertNotFoundAsync(organizer, statusUrl, HttpMethod.Get);
    }

    [Fact]
    public async Task Unknown_malformed_and_other_campaigns_assemblies_are_404_and_no_preflight_is_granted()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        await AssertNotFoundAsync(organizer, $"/api/campaigns/{campaign}/assemblies/{Guid.NewGuid():N}");
        await AssertNotFoundAsync(organizer, $"/api/campaigns/{campaign}/assemblies/segments");
        await AssertNotFoundAsync(organizer, $"/api/campaigns/no-such-campaign-{Guid.NewGuid():N}/assemblies/{Guid.NewGuid():N}");
        await AssertNotFoundAsync(organizer, $"/api/campaigns/no-such-campaign/assemblies", HttpMethod.Get);

        // A page of another origin could only send this DELETE after a CORS preflight, and none is granted.
        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"/api/campaigns/{campaign}/assemblies/{Guid.NewGuid():N}");
        preflight.Headers.Add("Origin", "https://elsewhere.example");
        preflight.Headers.Add("Access-Control-Request-Method", "DELETE");
        using var answer = await stack.CreateClient().SendAsync(preflight);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Methods"));
    }

    private static async Task AssertNotFoundAsync(HttpClient organizer, string path, HttpMethod? method = null)
    {
        using var response = await organizer.SendAsync(new HttpRequestMessage(method ?? HttpMethod.Delete, path));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task AssertConflictAsync(HttpClient organizer, string path)
    {
        using var response = await organizer.DeleteAsync(path);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var problem = await UploadApi.ProblemAsync(response);
        Assert.Equal("This assembly is still being made.", problem.RootElement.GetProperty("title").GetString());
    }
}
