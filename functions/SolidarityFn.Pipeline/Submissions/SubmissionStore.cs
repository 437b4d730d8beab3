using Azure;
using Azure.Data.Tables;
using SolidarityFn.Pipeline.Review;
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

    /// <summary>
    /// How many of the campaign's submissions each organizer list holds (Ready, Approved, Rejected, Failed): one range
    /// read of the list rows (<see cref="ReviewIndex"/>) fetching only their keys, which start with the status; the
    /// submission rows themselves (in flight, withdrawn, expired as well) are not read.
    /// </summary>
    public async Task<IReadOnlyDictionary<SubmissionStatus, int>> CountListedAsync(string campaignId, CancellationToken cancellationToken)
    {
        var counts = ReviewIndex.ListedStatuses.ToDictionary(s => s, _ => 0);
        if (!Campaigns.CampaignIds.IsValid(campaignId))
        {
            return counts;
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {campaignId} and RowKey ge {ReviewIndex.Prefix} and RowKey lt {ReviewIndex.End}");
        await foreach (var row in _submissions.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (ReviewIndex.StatusOfKey(row.RowKey) is { } status && counts.TryGetValue(status, out var count))
            {
                counts[status] = count + 1;
            }
        }

        return counts;
    }

    /// <summary>
    /// Replaces the row if nobody changed it since it was read (If-Match); false on a lost race. When the submission is
    /// or was on an organizer list, its list row is moved, refreshed or removed in the same transaction
    /// (<see cref="ReviewIndex"/>), so the two never disagree. Every write bumps <see cref="SubmissionEntity.Version"/>.
    /// </summary>
    public async Task<bool> TryReplaceAsync(SubmissionEntity submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var (oldKey, oldVersion) = (submission.ReviewKey, submission.Version);
        var newKey = ReviewIndex.KeyFor(submission);
        submission.Version = oldVersion + 1;
        submission.ReviewKey = newKey;
        try
        {
            if (oldKey is null && newKey is null)
            {
                var response = await _submissions.UpdateEntityAsync(submission, submission.ETag, TableUpdateMode.Replace, cancellationToken);
                submission.ETag = response.Headers.ETag ?? default;
                return true;
            }

            if (await ReplaceWithListRowAsync(submission, oldKey, newKey, cancellationToken))
            {
                return true;
            }

            (submission.ReviewKey, submission.Version) = (oldKey, oldVersion);
            return false;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            (submission.ReviewKey, submission.Version) = (oldKey, oldVersion);
            return false;
        }
        catch
        {
            (submission.ReviewKey, submission.Version) = (oldKey, oldVersion);
            throw;
        }
    }

    private async Task<bool> ReplaceWithListRowAsync(SubmissionEntity submission, string? oldKey, string? newKey, CancellationToken cancellationToken)
    {
        var deleteOld = oldKey is not null && oldKey != newKey;
        while (true)
        {
            List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, submission, submission.ETag)];
            if (deleteOld)
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(submission.PartitionKey, oldKey), ETag.All));
            }

            if (newKey is not null)
            {
                actions.Add(new(TableTransactionActionType.UpsertReplace, ReviewIndexEntity.From(submission, newKey)));
            }

            try
            {
                var responses = await _submissions.SubmitTransactionAsync(actions, cancellationToken);
                submission.ETag = responses.Value[0].Headers.ETag ?? throw new InvalidOperationException("The table returned no ETag for the submission row.");
                return true;
            }
            catch (TableTransactionFailedException e) when (e.Status == 404 && deleteOld && e.FailedTransactionActionIndex == 1)
            {
                // The old list row is already gone (a replayed request that had landed): nothing left to remove.
                deleteOld = false;
            }
            catch (TableTransactionFailedException e) when (e.Status == 412)
            {
                return false;
            }
        }
    }

    // Reads of the table that used to be made by other classes with a TableClient of their own (issue 13: one owner per
    // table). Filters are built with TableClient.CreateQueryFilter, which escapes every value.

    /// <summary>One organizer list's rows (<see cref="ReviewIndex"/>) of a campaign in key order, optionally some columns only.</summary>
    public IAsyncEnumerable<ReviewIndexEntity> ListedAsync(
        string campaignId, SubmissionStatus listed, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        var (from, to) = ReviewIndex.RangeOf(listed);
        return _submissions.QueryAsync<ReviewIndexEntity>(RangeFilter(campaignId, from, to), select: select, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// One page of a campaign's list rows (one list, or all four when <paramref name="listed"/> is null), after
    /// <paramref name="continuationToken"/>; null when there is none. A token that is not this table's throws
    /// (<see cref="FormatException"/>, <see cref="ArgumentException"/> or a 400 <see cref="RequestFailedException"/>).
    /// </summary>
    public async Task<Page<ReviewIndexEntity>?> ListedPageAsync(
        string campaignId, SubmissionStatus? listed, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var (from, to) = listed is { } status ? ReviewIndex.RangeOf(status) : (ReviewIndex.Prefix, ReviewIndex.End);
        await using var pages = _submissions.QueryAsync<ReviewIndexEntity>(RangeFilter(campaignId, from, to), maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(string.IsNullOrEmpty(continuationToken) ? null : continuationToken, pageSize)
            .GetAsyncEnumerator(cancellationToken);
        return await pages.MoveNextAsync() ? pages.Current : null;
    }

    /// <summary>Whether one organizer list of the campaign has a row (reads one key at most).</summary>
    public async Task<bool> AnyListedAsync(string campaignId, SubmissionStatus listed, CancellationToken cancellationToken)
    {
        var (from, to) = ReviewIndex.RangeOf(listed);
        await foreach (var page in _submissions.QueryAsync<TableEntity>(RangeFilter(campaignId, from, to), maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
        {
            if (page.Values.Count > 0)
            {
                return true;
            }

            if (page.ContinuationToken is null)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>A campaign's submission rows (not its list rows, whose keys start at <see cref="ReviewIndex.Prefix"/>).</summary>
    public IAsyncEnumerable<SubmissionEntity> OfCampaignAsync(string campaignId, IEnumerable<string>? select, CancellationToken cancellationToken) =>
        _submissions.QueryAsync<SubmissionEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {campaignId} and RowKey lt {ReviewIndex.Prefix}"), select: select, cancellationToken: cancellationToken);

    /// <summary>
    /// Submission rows across campaigns that the sweeps look for: <paramref name="filter"/> names columns only submission
    /// rows carry (list rows never match it).
    /// </summary>
    public IAsyncEnumerable<SubmissionEntity> WhereAsync(FormattableString filter, CancellationToken cancellationToken) =>
        _submissions.QueryAsync<SubmissionEntity>(TableClient.CreateQueryFilter(filter), cancellationToken: cancellationToken);

    private static string RangeFilter(string campaignId, string from, string to) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {campaignId} and RowKey ge {from} and RowKey lt {to}");
}
