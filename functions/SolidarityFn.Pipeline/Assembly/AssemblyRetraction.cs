using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// What a withdrawal does to the final container: deletes the segments rendered from the clip and, for every finished
/// assembly that used it, its outputs, marking the row <see cref="AssemblyState.Retracted"/> so organizers see why they
/// are gone. A queued or running assembly is left to its worker, which checks its clips again before publishing and
/// once more after (so a withdrawal at any moment is caught by one side or the other); only blobs it may already have
/// uploaded are deleted here. Everything is idempotent: a repeated withdrawal finishes a clean-up that failed half-way.
/// </summary>
public sealed partial class AssemblyRetraction(StorageClients storage, TimeProvider time, ILogger<AssemblyRetraction> logger)
{
    public const string RetractedMessage =
        "A contributor withdrew consent for a clip in this assembly, so its videos, captions and credits were deleted. Assemble again.";

    private const int MaxTries = 5;
    private readonly TableClient _assemblies = storage.Table(StorageNames.AssembliesTable);

    public Task<int> DeleteClipSegmentsAsync(string campaignId, string submissionId, CancellationToken cancellationToken) =>
        BlobPrefix.DeleteAllAsync(storage.Container(StorageNames.FinalContainer), StorageNames.ClipSegmentsPrefix(campaignId, submissionId), cancellationToken);

    public Task<int> DeleteOutputsAsync(string campaignId, string assemblyId, CancellationToken cancellationToken) =>
        BlobPrefix.DeleteAllAsync(storage.Container(StorageNames.FinalContainer), StorageNames.AssemblyPrefix(campaignId, assemblyId), cancellationToken);

    /// <summary>Retracts every assembly of the campaign whose clips include the submission's (one partition query).</summary>
    /// <returns>How many assemblies used it.</returns>
    public async Task<int> RetractUsingAsync(string campaignId, string submissionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentException.ThrowIfNullOrWhiteSpace(submissionId);

        // Used ids live in a JSON column, which a table filter cannot search: a campaign has a handful of assemblies.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {campaignId}");
        var affected = new List<AssemblyEntity>();
        await foreach (var row in _assemblies.QueryAsync<AssemblyEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.Uses(submissionId))
            {
                affected.Add(row);
            }
        }

        foreach (var row in affected)
        {
            if (row.IsActive)
            {
                // Its worker will not publish the clip; a dead worker's partial uploads go now.
                await DeleteOutputsAsync(campaignId, row.AssemblyId, cancellationToken);
                continue;
            }

            await RetractAsync(row, cancellationToken);
        }

        return affected.Count;
    }

    /// <summary>Marks the row Retracted (If-Match, read again on a conflict), then deletes its outputs.</summary>
    public async Task RetractAsync(AssemblyEntity row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        for (var attempt = 1; row.State != AssemblyState.Retracted; attempt++)
        {
            row.State = AssemblyState.Retracted;
            row.Message = RetractedMessage;
            row.OutputsJson = null;
            row.FinishedAt = time.GetUtcNow();
            try
            {
                await _assemblies.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // An organizer deleted the assembly meanwhile: nothing to mark; its folder is still emptied below.
                break;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxTries)
            {
                // Its worker wrote progress meanwhile: read again and retract that.
                var fresh = await _assemblies.GetEntityIfExistsAsync<AssemblyEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
                if (!fresh.HasValue || fresh.Value is null)
                {
                    break;
                }

                row = fresh.Value;
            }
        }

        await DeleteOutputsAsync(row.PartitionKey, row.AssemblyId, cancellationToken);
        Log.Retracted(logger, row.AssemblyId, row.PartitionKey);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Assembly {AssemblyId} of {CampaignId} retracted: a clip it used was withdrawn")]
        public static partial void Retracted(ILogger logger, string assemblyId, string campaignId);
    }
}
