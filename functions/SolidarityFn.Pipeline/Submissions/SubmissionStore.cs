using Azure;
using Azure.Data.Tables;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Submissions;

/// <summary>Submission rows: PartitionKey = campaign id, RowKey = submission id.</summary>
public sealed class SubmissionStore
{
    private readonly TableClient _submissions;

    public SubmissionStore(StorageClients storage)
    {
        _submissions = storage.Table(StorageNames.SubmissionsTable);
    }

    /// <summary>Adds a new submission: one insert, the only storage write on the upload path.</summary>
    public async Task AddAsync(SubmissionEntity submission, CancellationToken cancellationToken)
    {
        var response = await _submissions.AddEntityAsync(submission, cancellationToken);
        submission.ETag = response.Headers.ETag ?? default;
    }

    public async Task<SubmissionEntity?> GetAsync(string campaignId, string submissionId, CancellationToken cancellationToken)
    {
        if (!Campaigns.CampaignIds.IsValid(campaignId) || !SubmissionIds.IsValid(submissionId))
        {
            return null;
        }

        var row = await _submissions.GetEntityIfExistsAsync<SubmissionEntity>(campaignId, submissionId, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
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
