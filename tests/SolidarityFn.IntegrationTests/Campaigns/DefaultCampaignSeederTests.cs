using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using SolidarityFn.IntegrationTests.Queue;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.IntegrationTests.Campaigns;

/// <summary>The start-up seeding of the default campaign in Azure (Campaigns:SeedDefault), against real Azurite tables.</summary>
public sealed class DefaultCampaignSeederTests(QueueAzurite azurite) : IClassFixture<QueueAzurite>
{
    [Fact]
    public async Task A_missing_default_campaign_is_created_and_an_existing_one_is_never_changed()
    {
        var storage = StorageClients.Create(new StorageOptions { ConnectionString = azurite.Azurite.ConnectionString });
        await new TableServiceClient(azurite.Azurite.ConnectionString).CreateTableIfNotExistsAsync(StorageNames.CampaignsTable);
        var campaigns = new CampaignStore(storage);

        await RunSeederAsync(campaigns);
        var seeded = await campaigns.GetAsync(DefaultCampaign.Id, CancellationToken.None);
        Assert.NotNull(seeded);
        Assert.Equal(DefaultCampaign.Create().Title, seeded.Title);

        // An organizer's edit survives the next start.
        await campaigns.UpsertAsync(seeded with { Title = "Edited by an organizer" }, CancellationToken.None);

        await RunSeederAsync(campaigns);
        Assert.Equal("Edited by an organizer", (await campaigns.GetAsync(DefaultCampaign.Id, CancellationToken.None))!.Title);
    }

    private static async Task RunSeederAsync(CampaignStore campaigns)
    {
        using var seeder = new DefaultCampaignSeeder(campaigns, TimeProvider.System, NullLogger<DefaultCampaignSeeder>.Instance);
        await seeder.StartAsync(CancellationToken.None);
        await (seeder.ExecuteTask ?? Task.CompletedTask).WaitAsync(TimeSpan.FromSeconds(30));
        await seeder.StopAsync(CancellationToken.None);
    }
}
