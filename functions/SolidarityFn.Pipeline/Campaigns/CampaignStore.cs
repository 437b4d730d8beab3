using Azure;
using Azure.Data.Tables;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Campaigns;

public sealed class CampaignStore
{
    private readonly TableClient _table;

    public CampaignStore(StorageClients storage)
    {
        _table = storage.Table(StorageNames.CampaignsTable);
    }

    public async Task<Campaign?> GetAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (!CampaignIds.IsValid(campaignId))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync<CampaignEntity>(campaignId, CampaignEntity.Row, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.ToCampaign() : null;
    }

    /// <summary>Inserts the campaign unless one with its id exists; returns false when it was already there.</summary>
    public async Task<bool> AddIfAbsentAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(CampaignEntity.From(campaign), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Writes the campaign whole. The organizer API (a later issue) adds ETag-checked updates.</summary>
    public Task UpsertAsync(Campaign campaign, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(CampaignEntity.From(campaign), TableUpdateMode.Replace, cancellationToken);
}
