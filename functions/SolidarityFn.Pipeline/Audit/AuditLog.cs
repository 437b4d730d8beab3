using System.Text.RegularExpressions;
using Azure.Data.Tables;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Audit;

/// <summary>The Audit table: what organizers did, per campaign, newest first.</summary>
public sealed partial class AuditLog
{
    public const int MaxPageSize = 200;
    private const int MaxActionLength = 64;

    private readonly TableClient _table;
    private readonly TimeProvider _time;

    public AuditLog(StorageClients storage, TimeProvider time)
    {
        _table = storage.Table(StorageNames.AuditTable);
        _time = time;
    }

    /// <summary>Adds one row. Throws when it cannot: an action that must be audited should fail loudly.</summary>
    public async Task WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!CampaignIds.IsValid(record.CampaignId))
        {
            throw new ArgumentException("Not a campaign id.", nameof(record));
        }

        if (string.IsNullOrWhiteSpace(record.Action) || record.Action.Length > MaxActionLength)
        {
            throw new ArgumentException($"An action is 1 to {MaxActionLength} characters.", nameof(record));
        }

        await _table.AddEntityAsync(AuditEntity.From(record, _time.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// A page of the campaign's audit, newest first. The continuation token is the last row's key (the listing
    /// resumes after it), so a token is checkable and no storage token is passed through from a client.
    /// </summary>
    public async Task<AuditPage> ListAsync(string campaignId, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        if (!CampaignIds.IsValid(campaignId))
        {
            throw new ArgumentException("Not a campaign id.", nameof(campaignId));
        }

        if (continuationToken is not null && !IsValidContinuationToken(continuationToken))
        {
            throw new ArgumentException("Not a continuation token of this listing.", nameof(continuationToken));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);

        // CreateQueryFilter quotes and escapes the values: no OData is built by hand.
        var filter = continuationToken is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {campaignId}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {campaignId} and RowKey gt {continuationToken}");

        // One row more than asked tells whether another page exists, so the last page never comes with a token.
        var items = new List<AuditEntry>(pageSize);
        var more = false;
        await foreach (var row in _table.QueryAsync<AuditEntity>(filter, maxPerPage: pageSize + 1, cancellationToken: cancellationToken))
        {
            if (items.Count == pageSize)
            {
                more = true;
                break;
            }

            items.Add(row.ToEntry());
        }

        return new AuditPage(items, more ? items[^1].Id : null);
    }

    /// <summary>
    /// Erases the before/after details of every row about <paramref name="submissionId"/> (or, when null, about any
    /// submission of the campaign: retention), keeping action, time and actor. Idempotent.
    /// </summary>
    /// <returns>How many rows were erased now.</returns>
    public async Task<int> EraseSubmissionDetailsAsync(string campaignId, string? submissionId, CancellationToken cancellationToken)
    {
        if (!CampaignIds.IsValid(campaignId))
        {
            throw new ArgumentException("Not a campaign id.", nameof(campaignId));
        }

        // A partition scan: audit rows are few per campaign, and which are about a submission is a non-key column.
        var filter = submissionId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {campaignId}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {campaignId} and SubmissionId eq {submissionId}");
        var now = _time.GetUtcNow();
        var erased = 0;
        await foreach (var row in _table.QueryAsync<AuditEntity>(filter, cancellationToken: cancellationToken))
        {
            if (!row.HasSubmissionDetails)
            {
                continue;
            }

            row.EraseDetails(now);

            // Replace, not merge: a merge keeps the columns it is not sent. Audit rows are never otherwise updated, so
            // there is nothing to lose by not matching the ETag.
            await _table.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Replace, cancellationToken);
            erased++;
        }

        return erased;
    }

    public static bool IsValidContinuationToken(string? token) => token is not null && RowKeyShape().IsMatch(token);

    [GeneratedRegex(@"\A[0-9]{19}-[0-9a-f]{8}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RowKeyShape();
}
