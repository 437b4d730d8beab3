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

/// <summary>A stack with the <see cref="RenderedHook"/> and its own work folder.</summary>
public sealed class AssemblyHookStackFixture : StackFixture
{
    public RenderedHook Hook { get; } = new();

    public string WorkRoot { get; } = Path.Combine(Path.GetTempPath(), "asm-work-" + Guid.NewGuid().ToString("N"));

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Processing:WorkRoot", WorkRoot),
    ];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IAssemblyStageObserver>(Hook);
}

[CollectionDefinition(Name)]
public sealed class AssemblyHookCollection : ICollectionFixture<AssemblyHookStackFixture>
{
    public const string Name = "assembly-hook";
}

/// <summary>Withdrawal racing a running assembly, over Azurite and real ffmpeg.</summary>
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
}
