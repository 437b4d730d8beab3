using Azure;
using Azure.Data.Tables;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Submissions;

/// <summary>
/// Submission rows, plus a one-row-per-id index (SubmissionIndex, PartitionKey = submission id) so that a
/// receipt, which knows only the submission id, is a point read instead of a scan across campaigns.
/// </summary>
public sealed class SubmissionStore
{
    private readonly TableClient _submissions;
    private readonly TableClient _index;

    public SubmissionStore(StorageClients storage)
    {
        _submissions = storage.Table(StorageNames.SubmissionsTable);
        _index = storage.Table(StorageNames.SubmissionIndexTable);
    }

    /// <summary>Adds a new submission. The index row goes first: an orphaned index row points at nothing and is harmless.</summary>
    public async Task AddAsync(SubmissionEntity submission, CancellationToken cancellationToken)
    {
        var index = new TableEntity(submission.SubmissionId, "") { ["CampaignId"] = submission.CampaignId };
        await _index.UpsertEntityAsync(index, TableUpdateMode.Replace, cancellationToken);
        var response = await _submissions.AddEntityAsync(submission, cancellationToken);
        submission.ETag = response.Headers.ETag ?? default;
    }

    public async Task<SubmissionEntity?> GetAsync(string campaignId, string submissionId, CancellationToken cancellationToken)
    {
        var row = await _submissions.GetEntityIfExistsAsync<SubmissionEntity>(campaignId, submissionId, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    public async Task<SubmissionEntity?> FindByIdAsync(string submissionId, CancellationToken cancellationToken)
    {
        if (!SubmissionIds.IsValid(submissionId))
        {
            return null;
        }

        var index = await _index.GetEntityIfExistsAsync<TableEntity>(submissionId, "", ["CampaignId"], cancellationToken);
        if (!index.HasValue || index.Value!.GetString("CampaignId") is not { } campaignId)
        {
            return null;
        }

        return await GetAsync(campaignId, submissionId, cancellationToken);
    }

    /// <summary>Replaces the row if nobody changed it since it was read (If-Match); false on a lost race.</summary>
    public async Task<bool> TryReplaceAsync(SubmissionEntity submission, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _submissions.UpdateEntityAsync(submission, submission.ETag, TableUpdateMode.Replace, cancellationToken);
            submission.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }
}
