using Microsoft.Extensions.Logging.Abstractions;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Organizers;
using SolidarityFn.IntegrationTests.Review;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Erasure;
using SolidarityFn.Pipeline.Security;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.IntegrationTests.Erasure;

/// <summary>
/// The one erasure service over a real Azurite: withdrawal erases audit details, the sweep finishes what a crash or a
/// late worker left, and a campaign's retention erases media and typed text but keeps its assembled videos.
/// </summary>
[Collection(StackCollection.Name)]
public class ErasureTests(StackFixture stack)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly HttpClient _organizer = stack.CreateOrganizerClient();

    private SubmissionStore Store => stack.Services.GetRequiredService<SubmissionStore>();

    private TableClient Audit => stack.Tables.GetTableClient(StorageNames.AuditTable);

    private BlobContainerClient Container(string name) => stack.Blobs.GetBlobContainerClient(name);

    [Fact]
    public async Task Withdrawal_erases_caption_union_and_city_from_every_audit_row_about_it_and_keeps_action_time_and_actor()
    {
        var marker = Marker();
        var campaign = await NewCampaignAsync();
        var (withdrawn, token) = await SeedReadyAsync(campaign, marker);
        var (neighbour, _) = await SeedReadyAsync(campaign, Marker());
        await DecideAsync(campaign, withdrawn, "approve", new { caption = "Edited " + marker });
        await DecideAsync(campaign, withdrawn, "reject", new { reason = "Rejected because " + marker });
        await DecideAsync(campaign, neighbour, "approve", new { caption = "Neighbour edited" });
        var before = await AuditRowsAsync(campaign, withdrawn);
        Assert.Contains(before, r => r.GetString("Before")?.Contains(marker, StringComparison.Ordinal) == true);

        using var contributor = stack.CreateClient();
        using var response = await contributor.SendAsync(UploadApi.Receipt(HttpMethod.Delete, withdrawn, token));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var rows = await AuditRowsAsync(campaign, withdrawn);
        Assert.Equal(["submission.reject", "submission.approve"], rows.Select(r => r.GetString("Action")));
        Assert.All(rows, r =>
        {
            Assert.Null(r.GetString("Before"));
            Assert.Null(r.GetString("After"));
            Assert.Equal(("key", "Organizer (key)", "key"), (r.GetString("ActorId"), r.GetString("ActorName"), r.GetString("ActorMethod")));
            Assert.Equal(before.Single(b => b.RowKey == r.RowKey).GetDateTimeOffset("At"), r.GetDateTimeOffset("At"));
            Assert.NotNull(r.GetDateTimeOffset("DetailsErasedAt"));
        });
        AssertNoValueContains(await AllAuditRowsAsync(campaign), marker, "Toronto " + marker, "Local " + marker);

        // The neighbour's audit is untouched, and the listing says which details were erased.
        Assert.Contains("Neighbour edited", Assert.Single(await AuditRowsAsync(campaign, neighbour)).GetString("After"), StringComparison.Ordinal);
        var listed = (await CampaignApi.AuditAsync(_organizer, campaign)).GetProperty("items").EnumerateArray().Where(i => i.TryGetProperty("submissionId", out var s) && s.GetString() == withdrawn).ToList();
        Assert.Equal(2, listed.Count);
        Assert.All(listed, i =>
        {
            Assert.False(i.TryGetProperty("before", out _));
            Assert.False(i.TryGetProperty("after", out _));
            Assert.True(i.TryGetProperty("detailsErasedAt", out _));
        });

        var row = (await Store.GetAsync(campaign, withdrawn, None))!;
        Assert.Equal((SubmissionStatus.Withdrawn, "", "", ""), (row.StatusValue, row.Caption, row.Union, row.City));
        Assert.NotNull(row.ErasedAt);

        // Withdrawn: a late worker may still write, so the sweep keeps looking for a while.
        Assert.True(row.ErasurePending);
    }

    [Fact]
    public async Task Media_a_dying_worker_stored_after_a_withdrawal_is_gone_after_a_sweep()
    {
        using var contributor = stack.CreateClient();
        var ticket = await UploadApi.IssueAsync(contributor);
        using (var withdraw = await contributor.SendAsync(UploadApi.Receipt(HttpMethod.Delete, ticket.SubmissionId, ticket.ReceiptToken)))
        {
            Assert.Equal(HttpStatusCode.NoContent, withdraw.StatusCode);
        }

        // What a worker that lost its claim stores after the withdrawal was done: every kind of blob an erasure removes.
        var blobs = await WriteDerivedBlobsAsync(UploadApi.Campaign, ticket.SubmissionId);
        Assert.All(blobs, b => Assert.True(b.Exists().Value));

        var report = await stack.Services.GetRequiredService<ErasureSweep>().SweepAsync(None);

        Assert.True(report.Finished >= 1);
        Assert.All(blobs, b => Assert.False(b.Exists().Value, $"{b.BlobContainerName}/{b.Name} is still there"));
    }

    [Fact]
    public async Task The_sweep_completes_an_erasure_a_crash_interrupted_after_the_row_was_marked()
    {
        var marker = Marker();
        var campaign = await NewCampaignAsync();
        var (id, _) = await SeedReadyAsync(campaign, marker);
        await DecideAsync(campaign, id, "approve", new { caption = "Edited " + marker });
        var blobs = await WriteDerivedBlobsAsync(campaign, id);

        // The withdrawal's first step only, as a process that died right after it would leave things.
        var row = (await Store.GetAsync(campaign, id, None))!;
        SubmissionLifecycle.Withdraw(row, DateTimeOffset.UtcNow, SubmissionActor.Contributor, NullLogger.Instance);
        row.ErasedAt = DateTimeOffset.UtcNow;
        row.ErasurePending = true;
        Assert.True(await Store.TryReplaceAsync(row, None));
        Assert.Contains(marker, Assert.Single(await AuditRowsAsync(campaign, id)).GetString("After"), StringComparison.Ordinal);

        await stack.Services.GetRequiredService<ErasureSweep>().SweepAsync(None);

        Assert.All(blobs, b => Assert.False(b.Exists().Value, $"{b.BlobContainerName}/{b.Name} is still there"));
        var audit = Assert.Single(await AuditRowsAsync(campaign, id));
        Assert.Equal(("submission.approve", null, null), (audit.GetString("Action"), audit.GetString("Before"), audit.GetString("After")));
        AssertNoValueContains(await AllAuditRowsAsync(campaign), marker);
    }

    [Fact]
    public async Task Retention_erases_a_past_campaigns_media_segments_and_typed_text_and_keeps_status_consent_and_assemblies()
    {
        var marker = Marker();
        var now = DateTimeOffset.UtcNow;
        var past = CampaignApi.NewId("retained");
        var kept = CampaignApi.NewId("kept");
        var campaigns = stack.Services.GetRequiredService<CampaignStore>();
        await campaigns.UpsertAsync(DefaultCampaign.Create() with { Id = past, Deadline = now.AddDays(-3), RetentionDays = 2 }, None);
        await campaigns.UpsertAsync(DefaultCampaign.Create() with { Id = kept, Deadline = now.AddDays(-3), RetentionDays = 30 }, None);

        var (ready, _) = await SeedReadyAsync(past, marker);
        var (approved, _) = await SeedReadyAsync(past, "approved " + marker);
        await DecideAsync(past, approved, "approve", new { caption = "Edited " + marker });
        var (elsewhere, _) = await SeedReadyAsync(kept, marker);
        var readyBlobs = await WriteDerivedBlobsAsync(past, ready);
        var approvedBlobs = await WriteDerivedBlobsAsync(past, approved);
        var keptBlobs = await WriteDerivedBlobsAsync(kept, elsewhere);
        var assemblyOutputs = await SeedSucceededAssemblyAsync(past, approved);

        var report = await stack.Services.GetRequiredService<RetentionSweep>().RunAsync(None);

        Assert.True(report.CampaignsCompleted >= 1);
        Assert.All(readyBlobs.Concat(approvedBlobs), b => Assert.False(b.Exists().Value, $"{b.BlobContainerName}/{b.Name} is still there"));
        foreach (var (id, status) in new[] { (ready, SubmissionStatus.Ready), (approved, SubmissionStatus.Approved) })
        {
            var row = (await Store.GetAsync(past, id, None))!;
            Assert.Equal(status, row.StatusValue);
            Assert.Equal((1, row.IssuedAt), (row.ConsentVersion, row.ConsentedAt));
            Assert.Equal((null, "", "", "", "", null), (row.DisplayName, row.Union, row.Sector, row.City, row.Caption, row.OriginalCaption));
            Assert.NotNull(row.ErasedAt);
            Assert.False(row.ErasurePending); // nothing can write to a Ready or Approved clip any more
        }

        // Every row of the partition, the organizers' list rows included, and every audit row: no typed text left.
        var partition = await stack.Tables.GetTableClient(StorageNames.SubmissionsTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {past}")).ToListAsync();
        AssertNoValueContains(partition, marker, "Toronto " + marker, "Local " + marker);
        AssertNoValueContains(await AllAuditRowsAsync(past), marker);
        Assert.Equal("submission.approve", Assert.Single(await AuditRowsAsync(past, approved)).GetString("Action"));

        // The assembled videos stay until organizers delete them, and the assembly is not retracted.
        Assert.All(assemblyOutputs, b => Assert.True(b.Exists().Value, $"{b.Name} was deleted"));
        var assembly = Assert.Single(await stack.Tables.GetTableClient(StorageNames.AssembliesTable).QueryAsync<AssemblyEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {past}")).ToListAsync());
        Assert.Equal(AssemblyState.Succeeded, assembly.State);

        // A campaign whose retention has not run out keeps everything.
        Assert.All(keptBlobs, b => Assert.True(b.Exists().Value, $"{b.Name} of a kept campaign was deleted"));
        Assert.Equal(marker, (await Store.GetAsync(kept, elsewhere, None))!.Caption);

        // Done once for its due time: recorded, and nothing is left to erase.
        var doneFor = await campaigns.RetentionDoneForAsync(past, None);
        Assert.NotNull(doneFor);
        Assert.Equal(now.AddDays(-3).AddDays(2), doneFor.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal((0, true), await stack.Services.GetRequiredService<RetentionSweep>().EraseCampaignAsync(past, None));
    }

    [Fact]
    public async Task Retention_days_are_a_validated_campaign_setting_shown_to_contributors_and_closing_records_when()
    {
        var id = CampaignApi.NewId("retention");
        await CampaignApi.CreateAsync(_organizer, id);
        var body = CampaignApi.Body();
        body["retentionDays"] = 366;
        using (var refused = await CampaignApi.PutAsync(_organizer, id, body))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await UploadApi.ProblemAsync(refused)).RootElement.GetProperty("errors").TryGetProperty("retentionDays", out _));
        }

        body["retentionDays"] = 7;
        body["isOpen"] = false;
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        using var closed = await CampaignApi.PutAsync(_organizer, id, body);
        var organizerView = await CampaignApi.JsonAsync(closed);
        using var anyone = stack.CreateClient();
        var publicView = await anyone.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}");

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(7, organizerView.GetProperty("retentionDays").GetInt32());
        Assert.InRange(organizerView.GetProperty("closedAt").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(7, publicView.GetProperty("retentionDays").GetInt32());
        Assert.False(publicView.TryGetProperty("closedAt", out _));
    }

    private static string Marker() => "Q" + Guid.NewGuid().ToString("N")[..8];

    private async Task<string> NewCampaignAsync()
    {
        var id = CampaignApi.NewId("erasure");
        await CampaignApi.CreateAsync(_organizer, id);
        return id;
    }

    /// <summary>A Ready submission whose typed fields all carry <paramref name="marker"/>, with a real receipt token.</summary>
    private async Task<(string Id, string Token)> SeedReadyAsync(string campaign, string marker)
    {
        var submission = ReviewAzurite.Issued(campaign, DateTimeOffset.UtcNow.AddMinutes(-5), caption: marker);
        submission.DisplayName = "Ana " + marker;
        submission.Union = "Local " + marker;
        submission.Sector = "Sector " + marker;
        submission.City = "Toronto " + marker;
        var (token, hash) = ReceiptTokens.Create(campaign);
        submission.ReceiptTokenHash = hash;
        await Store.AddAsync(submission, None);
        ReviewAzurite.MakeReady(submission, DateTimeOffset.UtcNow);
        Assert.True(await Store.TryReplaceAsync(submission, None));
        return (submission.SubmissionId, token);
    }

    private async Task DecideAsync(string campaign, string id, string decision, object body)
    {
        using var response = await _organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/submissions/{id}/{decision}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The raw upload, the media folder and a cached segment, as processing and assembly write them.</summary>
    private async Task<List<BlobClient>> WriteDerivedBlobsAsync(string campaign, string id)
    {
        List<BlobClient> blobs =
        [
            Container(StorageNames.UploadsContainer).GetBlobClient(StorageNames.UploadBlob(campaign, id)),
            Container(StorageNames.MediaContainer).GetBlobClient(StorageNames.MediaPrefix(campaign, id) + "clip.mp4"),
            Container(StorageNames.MediaContainer).GetBlobClient(StorageNames.MediaPrefix(campaign, id) + "thumb.jpg"),
            Container(StorageNames.MediaContainer).GetBlobClient(StorageNames.MediaPrefix(campaign, id) + "preview.mp4"),
            Container(StorageNames.FinalContainer).GetBlobClient(StorageNames.ClipSegmentsPrefix(campaign, id) + "0123abcd.mp4"),
        ];
        foreach (var blob in blobs)
        {
            await blob.UploadAsync(new BinaryData(new byte[16]), overwrite: true);
        }

        return blobs;
    }

    private async Task<List<BlobClient>> SeedSucceededAssemblyAsync(string campaign, string usedId)
    {
        var assemblyId = "asm" + Guid.NewGuid().ToString("N")[..12];
        await stack.Tables.GetTableClient(StorageNames.AssembliesTable).AddEntityAsync(new AssemblyEntity
        {
            PartitionKey = campaign,
            RowKey = assemblyId,
            State = AssemblyState.Succeeded,
            Formats = "landscape",
            UsedJson = JsonSerializer.Serialize(new[] { usedId }),
            CreatedAt = DateTimeOffset.UtcNow,
        });
        var outputs = new[] { "landscape.mp4", "captions.vtt", "credits.txt" }
            .Select(n => Container(StorageNames.FinalContainer).GetBlobClient(StorageNames.AssemblyPrefix(campaign, assemblyId) + n))
            .ToList();
        foreach (var blob in outputs)
        {
            await blob.UploadAsync(new BinaryData(new byte[16]), overwrite: true);
        }

        return outputs;
    }

    private async Task<List<TableEntity>> AllAuditRowsAsync(string campaign) =>
        await Audit.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {campaign}")).ToListAsync();

    /// <summary>The audit rows about one submission, newest first (their row keys sort so).</summary>
    private async Task<List<TableEntity>> AuditRowsAsync(string campaign, string id) =>
        (await AllAuditRowsAsync(campaign)).Where(r => r.GetString("SubmissionId") == id).ToList();

    private static void AssertNoValueContains(IEnumerable<TableEntity> rows, params string[] texts)
    {
        foreach (var row in rows)
        {
            foreach (var (key, value) in row)
            {
                foreach (var text in texts)
                {
                    Assert.False(value?.ToString()?.Contains(text, StringComparison.Ordinal) == true, $"{row.RowKey}.{key} still holds \"{text}\"");
                }
            }
        }
    }
}
