using Azure.Data.Tables;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// The one owner of table Assemblies (PartitionKey the campaign, RowKey the assembly id). Writes are conditional on
/// the ETag the caller read (If-Match), and a failed condition surfaces as the table's RequestFailedException (412, or
/// 404 when the row is gone), because each caller decides differently what a lost race means.
/// </summary>
public sealed class AssemblyStore(StorageClients storage)
{
    private readonly TableClient _assemblies = storage.Table(StorageNames.AssembliesTable);

    /// <summary>Inserts a new row and keeps its ETag on the entity for the next conditional write.</summary>
    public async Task AddAsync(AssemblyEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var added = await _assemblies.AddEntityAsync(entity, cancellationToken);
        entity.ETag = added.Headers.ETag ?? default;
    }

    public async Task<AssemblyEntity?> GetAsync(string campaignId, string assemblyId, CancellationToken cancellationToken)
    {
        var row = await _assemblies.GetEntityIfExistsAsync<AssemblyEntity>(campaignId, assemblyId, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Every assembly of the campaign (one partition read; a campaign makes a handful), in no particular order.</summary>
    public Task<List<AssemblyEntity>> ListAsync(string campaignId, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {campaignId}"), cancellationToken);

    /// <summary>The campaign's rows that say Queued or Running (whether a worker really holds them is <see cref="AssemblyLiveness"/>'s call).</summary>
    public Task<List<AssemblyEntity>> ListActiveAsync(string campaignId, CancellationToken cancellationToken)
    {
        var queued = nameof(AssemblyState.Queued);
        var running = nameof(AssemblyState.Running);
        return QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {campaignId} and (Status eq {queued} or Status eq {running})"), cancellationToken);
    }

    /// <summary>Replaces the row If-Match its ETag and keeps the new ETag; throws 412 when someone wrote it meanwhile, 404 when it is gone.</summary>
    public async Task ReplaceAsync(AssemblyEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var response = await _assemblies.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
        entity.ETag = response.Headers.ETag ?? default;
    }

    /// <summary>Deletes the row If-Match its ETag; throws 412 when someone wrote it meanwhile, 404 when it is gone.</summary>
    public Task DeleteAsync(AssemblyEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return _assemblies.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken);
    }

    private async Task<List<AssemblyEntity>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var rows = new List<AssemblyEntity>();
        await foreach (var row in _assemblies.QueryAsync<AssemblyEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
