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

    public async Task<Campaign?> GetAsync(string campaignId, CancellationToken cancellationToken) =>
        (await ReadAsync(campaignId, cancellationToken))?.Campaign;

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

    /// <summary>Writes the campaign whole, whatever is there (seeding and tests); edits use the ETag-checked methods.</summary>
    public Task UpsertAsync(Campaign campaign, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(CampaignEntity.From(campaign), TableUpdateMode.Replace, cancellationToken);

    /// <summary>The campaign with the ETag an update must match, or null.</summary>
    public async Task<StoredCampaign?> ReadAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (!CampaignIds.IsValid(campaignId))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync<CampaignEntity>(campaignId, CampaignEntity.Row, cancellationToken: cancellationToken);
        return row.HasValue ? new StoredCampaign(row.Value!.ToCampaign(), row.Value.ETag) : null;
    }

    /// <summary>Inserts a new campaign; its ETag, or null when one with its id appeared meanwhile.</summary>
    public async Task<ETag?> TryAddAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.AddEntityAsync(CampaignEntity.From(campaign), cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Replaces the campaign if it is still as read (If-Match); its new ETag, or null on a lost race.</summary>
    public async Task<ETag?> TryReplaceAsync(Campaign campaign, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(CampaignEntity.From(campaign), ifMatch, TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>Every campaign (one scan of a small table).</summary>
    public async IAsyncEnumerable<Campaign> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {CampaignEntity.Row}");
        await foreach (var row in _table.QueryAsync<CampaignEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return row.ToCampaign();
        }
    }

    /// <summary>The erasure due time for which the campaign's retention last completed, or null.</summary>
    /// <summary>Reads one key of the table (the health check: a read the app's identity is allowed, not an account property).</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in _table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
        {
            break;
        }
    }

    public async Task<DateTimeOffset?> RetentionDoneForAsync(string campaignId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<RetentionEntity>(campaignId, RetentionEntity.Row, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.DoneFor : null;
    }

    /// <summary>
    /// Records that retention erased everything due at <paramref name="dueAt"/>. A row beside the campaign's, so the
    /// campaign's ETag (which organizers send back) does not change under them.
    /// </summary>
    public Task RecordRetentionDoneAsync(string campaignId, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(
            new RetentionEntity { PartitionKey = campaignId, DoneFor = dueAt, DoneAt = now },
            TableUpdateMode.Replace,
            cancellationToken);
}

/// <summary>Row "retention" beside a campaign's row: what the retention timer last finished for it.</summary>
internal sealed class RetentionEntity : ITableEntity
{
    public const string Row = "retention";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset? DoneFor { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
}

/// <summary>A campaign as read from its table, with the ETag of that read.</summary>
public sealed record StoredCampaign(Campaign Campaign, ETag ETag);
