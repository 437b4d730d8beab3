using System.Text.Json;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Organizers;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>Pre-render on approval, with one-second coalescing windows.</summary>
public sealed class PrerenderStackFixture : StackFixture
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Assembly:PrerenderOnApproval", "true"),
        new("Assembly:PrerenderDelay", "00:00:01"),

        // One format keeps the test short; the default (the Make-the-video panel's three) is a unit test's business.
        new("Assembly:PrerenderFormats", "landscape"),
    ];
}

/// <summary>Approving clips queues a pre-render of the plan; the assembly then only joins cached segments.</summary>
public sealed class AssemblyPrerenderTests(PrerenderStackFixture stack, AssemblyClips clips) : IClassFixture<PrerenderStackFixture>, IClassFixture<AssemblyClips>
{
    [Fact]
    public async Task After_three_approvals_and_one_pump_run_the_assembly_renders_nothing()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = CampaignApi.NewId("asmp");
        await CampaignApi.CreateAsync(organizer, campaign);
        var approving = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < clips.Clips.Count; i++)
        {
            await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clips.Clips[i], $"Pre-rendered {i}");
        }

        // Approvals in one window share one item; it becomes due when the window ends.
        var queue = stack.Services.GetRequiredService<TableQueue>();
        var items = (await queue.ListAsync(PrerenderWork.QueueName, QueueItemState.Pending, 100, null, CancellationToken.None)).Items
            .Where(i => i.IdempotencyKey.StartsWith(campaign + "@", StringComparison.Ordinal)).ToList();
        // Three approvals within two one-second windows share at most two items. On a loaded machine the approvals
        // can span more windows (seen: three items when they took over two seconds): the bound follows the time spent.
        var windows = 1 + (int)Math.Ceiling(approving.Elapsed / PrerenderStackFixture.Window);
        Assert.InRange(items.Count, 1, Math.Min(clips.Clips.Count, Math.Max(2, windows)));
        await Task.Delay(PrerenderStackFixture.Window * 2.2);
        var pump = stack.Services.GetRequiredService<QueuePump>();
        await pump.RunAsync(new PumpLimits(TimeSpan.FromMinutes(5), 10, 1), CancellationToken.None);
        Assert.Equal(5, (await AssemblyFlow.SegmentBlobsAsync(stack, campaign)).Count);
        Assert.Single(await AssemblyFlow.FinalBlobsAsync(stack, StorageNames.MixesPrefix(campaign))); // and the sound, mixed

        var status = await AssemblyFlow.RunUntilFinishedAsync(stack, organizer, await AssemblyFlow.StartAsync(organizer, campaign));
        Assert.Equal(3, status.GetProperty("clipCount").GetInt32());
        Assert.Equal(0, status.GetProperty("segmentsRendered").GetInt32());
        Assert.Equal(5, status.GetProperty("segmentsReused").GetInt32());
        Assert.Equal(0, status.GetProperty("clipsDownloaded").GetInt32());
    }
}
