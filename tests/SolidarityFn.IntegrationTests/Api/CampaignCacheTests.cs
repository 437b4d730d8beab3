using Microsoft.Extensions.Options;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Intake;

namespace SolidarityFn.IntegrationTests.Api;

[Collection(StackCollection.Name)]
public class CampaignCacheTests(StackFixture stack)
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task A_closed_campaign_is_seen_as_closed_once_the_cache_entry_expires()
    {
        var store = stack.Services.GetRequiredService<CampaignStore>();
        var clock = new Clock(DateTimeOffset.UtcNow);
        var cache = new CampaignCache(store, clock, Options.Create(new IntakeOptions { CampaignCacheTtl = TimeSpan.FromSeconds(5) }));
        var id = "cache-" + Guid.NewGuid().ToString("N")[..8];
        await store.UpsertAsync(DefaultCampaign.Create() with { Id = id }, CancellationToken.None);

        Assert.True((await cache.GetAsync(id, CancellationToken.None))!.IsOpen);
        await store.UpsertAsync(DefaultCampaign.Create() with { Id = id, IsOpen = false }, CancellationToken.None);
        clock.Now += TimeSpan.FromSeconds(4);
        var stillCached = await cache.GetAsync(id, CancellationToken.None);
        clock.Now += TimeSpan.FromSeconds(2);
        var reread = await cache.GetAsync(id, CancellationToken.None);

        Assert.True(stillCached!.IsOpen);
        Assert.False(reread!.IsOpen);
    }

    [Fact]
    public async Task An_unknown_campaign_is_not_cached()
    {
        var store = stack.Services.GetRequiredService<CampaignStore>();
        var cache = new CampaignCache(store, TimeProvider.System, Options.Create(new IntakeOptions()));
        var id = "later-" + Guid.NewGuid().ToString("N")[..8];

        Assert.Null(await cache.GetAsync(id, CancellationToken.None));
        await store.UpsertAsync(DefaultCampaign.Create() with { Id = id }, CancellationToken.None);

        Assert.NotNull(await cache.GetAsync(id, CancellationToken.None));
    }
}
