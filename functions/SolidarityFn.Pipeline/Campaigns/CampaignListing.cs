using System.Globalization;
using System.Text;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>One campaign as the organizers' list shows it: what it is, whether it takes uploads, and its counts.</summary>
public sealed record CampaignSummary(
    string CampaignId,
    string Title,
    DateTimeOffset? Deadline,
    bool IsOpen,
    bool Open,
    CampaignCounts Counts);

/// <summary>Submissions on each organizer list: the numbers the review page's tabs show.</summary>
public sealed record CampaignCounts(int Ready, int Approved, int Rejected, int Failed);

public sealed record CampaignListPage(IReadOnlyList<CampaignSummary> Items, string? ContinuationToken);

/// <summary>
/// GET /api/campaigns: the organizer's campaigns, latest deadline first (campaigns without a deadline after those
/// with one), then by id. The campaigns come from <see cref="CampaignStore"/> (one small table, read whole and sorted:
/// the table itself only orders by id); a continuation token is the sort key of the last campaign sent, so a campaign
/// added or removed between pages neither repeats nor hides another. The counts of a page come from each campaign's
/// list rows (<see cref="SubmissionStore.CountListedAsync"/>), a few campaigns at a time.
/// </summary>
public sealed class CampaignListing
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Campaigns counted at once: enough to hide latency, few enough to leave the table to uploads.</summary>
    private const int CountParallelism = 8;

    private readonly CampaignStore _campaigns;
    private readonly SubmissionStore _submissions;
    private readonly TimeProvider _time;

    public CampaignListing(CampaignStore campaigns, SubmissionStore submissions, TimeProvider time)
    {
        _campaigns = campaigns;
        _submissions = submissions;
        _time = time;
    }

    public async Task<Outcome<CampaignListPage>> ListAsync(string? continuationToken, string? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var size = DefaultPageSize;
        if (!string.IsNullOrEmpty(pageSize)
            && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > MaxPageSize))
        {
            errors["pageSize"] = [$"A whole number from 1 to {MaxPageSize}."];
        }

        string? after = null;
        if (!string.IsNullOrEmpty(continuationToken) && (after = DecodeToken(continuationToken)) is null)
        {
            errors["continuationToken"] = ["Pass back the continuationToken of the previous page unchanged."];
        }

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var all = new List<(string Key, Campaign Campaign)>();
        await foreach (var campaign in _campaigns.ListAsync(cancellationToken))
        {
            all.Add((SortKey(campaign), campaign));
        }

        var page = all
            .Where(c => after is null || string.CompareOrdinal(c.Key, after) > 0)
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Take(size + 1)
            .ToList();
        var more = page.Count > size;
        if (more)
        {
            page.RemoveAt(size);
        }

        var now = _time.GetUtcNow();
        var items = new CampaignSummary[page.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, page.Count),
            new ParallelOptions { MaxDegreeOfParallelism = CountParallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var c = page[i].Campaign;
                var counts = await _submissions.CountListedAsync(c.Id, ct);
                items[i] = new CampaignSummary(
                    c.Id,
                    c.Title,
                    c.Deadline,
                    c.IsOpen,
                    c.AcceptsUploads(now),
                    new CampaignCounts(
                        counts[SubmissionStatus.Ready], counts[SubmissionStatus.Approved], counts[SubmissionStatus.Rejected], counts[SubmissionStatus.Failed]));
            });

        return Outcome<CampaignListPage>.Ok(new CampaignListPage(items, more ? EncodeToken(page[^1].Key) : null));
    }

    /// <summary>Latest deadline first: inverted ticks in 19 digits; no deadline sorts after every digit ('~'); then the id.</summary>
    public static string SortKey(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var deadline = campaign.Deadline is { } d
            ? (DateTimeOffset.MaxValue.UtcTicks - d.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)
            : "~";
        return deadline + "|" + campaign.Id;
    }

    private static string EncodeToken(string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The sort key a token carries, or null when it is not one this list made.</summary>
    private static string? DecodeToken(string token)
    {
        if (token.Length > 200)
        {
            return null;
        }

        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        try
        {
            var key = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            var bar = key.IndexOf('|', StringComparison.Ordinal);
            var head = bar < 0 ? "" : key[..bar];
            var headOk = head == "~" || (head.Length == 19 && head.All(char.IsAsciiDigit));
            return headOk && CampaignIds.IsValid(key[(bar + 1)..]) ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
