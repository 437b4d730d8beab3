using System.Net.Http.Json;
using System.Text.Json;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Organizers;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>
/// Acts at the moment an assembly has rendered every segment and has not yet published: the test sets what happens
/// (here, a real withdrawal through the receipt endpoint). Nothing of storage is replaced.
/// </summary>
public sealed class RenderedHook : IAssemblyStageObserver
{
    public Func<string, IReadOnlyList<string>, Task>? OnRendered { get; set; }

    public Task RenderedAsync(string campaignId, string assemblyId, IReadOnlyList<string> usedSubmissionIds, CancellationToken cancellationToken) =>
        OnRendered?.Invoke(campaignId, usedSubmissionIds) ?? Task.CompletedTask;
}

/// <summary>A stack with the <see cref="RenderedHook"/>, its own work folder, and unused segments kept five seconds only.</summary>
public sealed class AssemblyHookStackFixture : StackFixture
{
    public RenderedHook Hook { get; } = new();

    public string WorkRoot { get; } = Path.Combine(Path.GetTempPath(), "asm-work-" + Guid.NewGuid().ToString("N"));

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Processing:WorkRoot", WorkRoot),
        new("Assembly:KeepUnusedSegmentsFor", "00:00:05"),
    ];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IAssemblyStageObserver>(Hook);
}

[CollectionDefinition(Name)]
public sealed class AssemblyHookCollection : ICollectionFixture<AssemblyHookStackFixture>
{
    public const string Name = "assembly-hook";
}

/// <summary>Withdrawal racing a running assembly, and the clean-up of cached segments, over Azurite and real ffmpeg.</summary>
[Collection(AssemblyHookCollection.Name)]
public sealed class AssemblyWithdrawalDuringRenderTests(AssemblyHookStackFixture stack, AssemblyClips clips) : IClassFixture<AssemblyClips>
{
    [Fact]
    public async Task A_clip_withdrawn_after_its_segments_were_rendered_is_not_published_and_nothing_of_it_is_left()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = CampaignApi.NewId("asmw");
        await CampaignApi.CreateAsync(organizer, campaign);
        var kept = await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clips.Clips[0], "Kept: Toronto teachers");
        var withdrawn = await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clips.Clips[1], "Withdrawn during the render");

        var renders = new List<IReadOnlyList<string>>();
        stack.Hook.OnRendered = async (c, used) =>
        {
            renders.Add(used);
            if (renders.Count == 1)
            {
                // Its segments are in the cache and its clip in the work folder right now.
                Assert.NotEmpty(await AssemblyFlow.FinalBlobsAsync(stack, StorageNames.ClipSegmentsPrefix(campaign, withdrawn.Id)));
                await AssemblyFlow.WithdrawAsync(stack, withdrawn);
            }
        };

        JsonElement status;
        try
        {
            var statusUrl = await AssemblyFlow.StartAsync(organizer, campaign);
            status = await AssemblyFlow.RunUntilFinishedAsync(stack, organizer, statusUrl);
        }
        finally
        {
            stack.Hook.OnRendered = null;
        }

        // Rendered with both, then planned again with the kept clip only, and published that.
        Assert.Equal(2, renders.Count);
        Assert.Equal(new[] { kept.Id, withdrawn.Id }.Order(StringComparer.Ordinal), renders[0].Order(StringComparer.Ordinal));
        Assert.Equal([kept.Id], renders[1]);
        Assert.Equal(1, status.GetProperty("clipCount").GetInt32());
        using var http = new HttpClient();
        var outputs = AssemblyFlow.Outputs(status);
        var vtt = await http.GetStringAsync(outputs["captions.vtt"]);
        Assert.Contains("Kept: Toronto teachers", vtt, StringComparison.Ordinal);
        Assert.DoesNotContain("Withdrawn during the render", vtt, StringComparison.Ordinal);
        Assert.DoesNotContain("Withdrawn during the render", await http.GetStringAsync(outputs["credits.txt"]), StringComparison.Ordinal);

        // Nothing of the withdrawn clip in final/ (segments) or media/, and no work folder left behind.
        Assert.Empty(await AssemblyFlow.FinalBlobsAsync(stack, StorageNames.ClipSegmentsPrefix(campaign, withdrawn.Id)));
        var media = stack.Blobs.GetBlobContainerClient(StorageNames.MediaContainer);
        await foreach (var item in media.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, StorageNames.MediaPrefix(campaign, withdrawn.Id), CancellationToken.None))
        {
            Assert.Fail("Media of the withdrawn clip is left: " + item.Name);
        }

        Assert.Empty(Directory.Exists(stack.WorkRoot) ? Directory.EnumerateFiles(stack.WorkRoot, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task After_an_assembly_unused_segments_older_than_the_keep_window_are_deleted_and_recent_ones_kept()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = CampaignApi.NewId("asms");
        await CampaignApi.CreateAsync(organizer, campaign);
        var clip = await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clips.Clips[0], "First caption");
        await AssemblyFlow.RunUntilFinishedAsync(stack, organizer, await AssemblyFlow.StartAsync(organizer, campaign));
        var clipPrefix = StorageNames.ClipSegmentsPrefix(campaign, clip.Id);
        var before = Assert.Single(await AssemblyFlow.FinalBlobsAsync(stack, clipPrefix));

        // Older than the five-second window by the time the next assembly finishes: it goes. A segment written while
        // that assembly runs (as a pre-render or a parallel job would) is recent: it stays.
        await Task.Delay(TimeSpan.FromSeconds(6));
        using (var approve = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/submissions/{clip.Id}/approve", new { caption = "Second caption" }))
        {
            approve.EnsureSuccessStatusCode();
        }

        var recent = clipPrefix + "0123456789abcdef.mp4";
        stack.Hook.OnRendered = async (_, _) => await AssemblyFlow.FinalBlob(stack, recent).UploadAsync(BinaryData.FromString("recent sibling"));
        JsonElement second;
        try
        {
            second = await AssemblyFlow.RunUntilFinishedAsync(stack, organizer, await AssemblyFlow.StartAsync(organizer, campaign));
        }
        finally
        {
            stack.Hook.OnRendered = null;
        }

        Assert.Equal(1, second.GetProperty("segmentsRendered").GetInt32());

        var after = await AssemblyFlow.FinalBlobsAsync(stack, StorageNames.SegmentsPrefix(campaign));
        Assert.DoesNotContain(before, after);
        Assert.Contains(recent, after);
        Assert.Equal(2, after.Count(n => n.StartsWith(clipPrefix, StringComparison.Ordinal))); // the new one + the recent one
        Assert.Equal(2, after.Count(n => n.StartsWith(StorageNames.CardSegmentsPrefix(campaign), StringComparison.Ordinal))); // used: kept
        Assert.Single(after, n => n.StartsWith(StorageNames.MixesPrefix(campaign), StringComparison.Ordinal)); // the sound, reused: kept
    }
}
