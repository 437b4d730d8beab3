using Azure;
using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Audit;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Results;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// An organizer deletes a finished assembly (Succeeded, Failed or Retracted): every blob under
/// final/{campaignId}/{assemblyId}/ (videos, captions, credits, anything else there), then an audit row, then the row
/// itself. The cached segments under final/{campaignId}/segments/ stay: they belong to clips and other assemblies reuse them.
/// A Queued or Running assembly is refused (409) rather than cancelled: its worker uploads outputs before it next
/// writes the row, so it would put files back under a deleted assembly. A row that only says so because its queue item
/// ended without it (<see cref="AssemblyLiveness"/>) has no worker and is deleted like a finished one.
/// The row goes last, so a delete that failed half-way is finished by the organizer's next try; after it, a delete is 404.
/// A queue item left behind for a deleted row does nothing: <see cref="AssemblyHandler"/> reads the row first and stops.
/// </summary>
public sealed partial class AssemblyDeletion(
    AssemblyStore assemblies, AssemblyLiveness liveness, AssemblyRetraction retraction, AuditLog audit, ILogger<AssemblyDeletion> logger)
{
    public const string AuditAction = "assembly.deleted";

    private const int MaxTries = 5;

    /// <returns>true when deleted; 404 when the campaign has no such assembly, 409 while it is being made.</returns>
    public async Task<Outcome<bool>> DeleteAsync(string campaignId, string assemblyId, Organizer organizer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organizer);
        if (!CampaignIds.IsValid(campaignId) || !AssemblyService.IsAssemblyId(assemblyId))
        {
            return Problem.NotFound("The assembly");
        }

        if (await assemblies.GetAsync(campaignId, assemblyId, cancellationToken) is not { } row)
        {
            return Problem.NotFound("The assembly");
        }

        if (await liveness.IsLiveAsync(row, cancellationToken))
        {
            return Problem.Conflict(
                "This assembly is still being made.",
                "Wait until it has finished or failed, then delete it.");
        }

        var deleted = await retraction.DeleteOutputsAsync(campaignId, assemblyId, cancellationToken);

        // Before the row goes: a delete is never left unrecorded (a failure here leaves the row for the next try).
        // Facts only: the title and end card the organizer typed are not copied into the audit.
        await audit.WriteAsync(new AuditRecord(campaignId, AuditAction, organizer, null, new
        {
            assemblyId,
            status = row.Status,
            formats = row.Formats.Split(',', StringSplitOptions.RemoveEmptyEntries),
            clipCount = row.ClipCount,
            createdAt = row.CreatedAt,
            finishedAt = row.FinishedAt,
        }, new { filesDeleted = deleted }), cancellationToken);

        await DeleteRowAsync(row, cancellationToken);
        Log.Deleted(logger, assemblyId, campaignId, row.Status, deleted);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>If-Match on the row read; a finished row only changes to Retracted (a withdrawal), so read it again and delete that.</summary>
    private async Task DeleteRowAsync(AssemblyEntity row, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await assemblies.DeleteAsync(row, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return; // another delete of the same assembly got there first
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxTries)
            {
                if (await assemblies.GetAsync(row.PartitionKey, row.RowKey, cancellationToken) is not { } fresh)
                {
                    return;
                }

                row = fresh;

                // A retraction deletes the same folder; anything it or a late writer left goes with this row.
                await retraction.DeleteOutputsAsync(row.PartitionKey, row.AssemblyId, cancellationToken);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Assembly {AssemblyId} of {CampaignId} ({Status}) deleted by an organizer: {Files} files")]
        public static partial void Deleted(ILogger logger, string assemblyId, string campaignId, string status, int files);
    }
}
