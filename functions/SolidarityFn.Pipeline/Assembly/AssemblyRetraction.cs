using Azure;
using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// What a withdrawal does to the final container: deletes the segments rendered from the clip and the campaign's cached
/// mixes (<see cref="MixCache"/>: any of them may carry the voice) and, for every finished
/// assembly that used it, its outputs, marking the row <see cref="AssemblyState.Retracted"/> so organizers see why they
/// are gone. A queued or running assembly is left to its worker, which checks its clips again before publishing and
/// once more after (so a withdrawal at any moment is caught by one side or the other); only blobs it may already have
/// uploaded are deleted here. Everything is idempotent: a repeated withdrawal finishes a clean-up that failed half-way.
/// </summary>
public sealed partial class AssemblyRetraction(StorageClients storage, AssemblyStore assemblies, TimeProvider time, ILogger<AssemblyRetraction> logger)
{
    public const string RetractedMessage =
        "A contributor withdrew consent for a clip in this assembly, so its videos, captions and credits were deleted. Assemble again.";

    private const int MaxTries = 5;

    public async Task<int> DeleteClipSegmentsAsync(string campaignId, string submissionId, CancellationToken cancellationToken)
    {
        var final = storage.Container(StorageNames.FinalContainer);
        var segments = await BlobPrefix.DeleteAllAsync(final, StorageNames.ClipSegmentsPrefix(campaignId, submissionId), cancellationToken);

        // Every cached mix may carry this contributor's voice, and their keys name nobody: all of the campaign's go.
        return segments + await BlobPrefix.DeleteAllAsync(final, StorageNames.MixesPrefix(campaignId), cancellationToken);
    }

    public Task<int> DeleteOutputsAsync(string campaignId, string assemblyId, CancellationToken cancellationToken) =>
        BlobPrefix.DeleteAllAsync(storage.Container(StorageNames.FinalContainer), StorageNames.AssemblyPrefix(campaignId, assemblyId), cancellationToken);

    /// <summary>Retracts every assembly of the campaign whose clips include the submission's (one partition query).</summary>
    /// <returns>How many assemblies used it.</returns>
    public async Task<int> RetractUsingAsync(string campaignId, string submissionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentException.ThrowIfNullOrWhiteSpace(submissionId);

        // Used ids live in a JSON column, which a table filter cannot search: a campaign has a handful of assemblies.
        var affected = (await assemblies.ListAsync(campaignId, cancellationToken)).Where(row => row.Uses(submissionId)).ToList();

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
                await assemblies.ReplaceAsync(row, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // An organizer deleted the assembly meanwhile: nothing to mark; its folder is still emptied below.
                break;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxTries)
            {
                // Its worker wrote progress meanwhile: read again and retract that.
                if (await assemblies.GetAsync(row.PartitionKey, row.RowKey, cancellationToken) is not { } fresh)
                {
                    break;
                }

                row = fresh;
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
