using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using SolidarityFn.Pipeline.Review;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Bench.Scenarios.Queue;

/// <summary>What the smoke check saw: items on the first page and the body sizes every later answer must reach.</summary>
public sealed record ReviewPageCheck(int Items, int ReadyBytes, int ApprovedBytes);

/// <summary>The two sides' requests (HTTP and bare), and the check that they return the same first page.</summary>
public static class ReviewPageRequests
{
    private static readonly string[] LinkProperties = ["thumbnailUrl", "previewUrl", "clipUrl"];

    /// <summary>ReviewListing's filter for the Ready list, built the same way.</summary>
    public static string ReadyFilter(string campaignId)
    {
        var (from, to) = ReviewIndex.RangeOf(SubmissionStatus.Ready);
        return TableClient.CreateQueryFilter($"PartitionKey eq {campaignId} and RowKey ge {from} and RowKey lt {to}");
    }

    /// <summary>ReviewListing's read without the service around it: the same filter, page size and first page.</summary>
    public static async Task<IReadOnlyList<TableEntity>> BareFirstPageAsync(TableClient table, string campaignId, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var pages = table.QueryAsync<TableEntity>(ReadyFilter(campaignId), maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(null, pageSize)
            .GetAsyncEnumerator(cancellationToken);
        return await pages.MoveNextAsync() ? pages.Current.Values : [];
    }

    public static async Task<string?> BareAsync(TableClient table, string campaignId, int pageSize, int expectedRows, CancellationToken cancellationToken)
    {
        var rows = await BareFirstPageAsync(table, campaignId, pageSize, cancellationToken);
        return rows.Count == expectedRows ? null : rows.Count.ToString(CultureInfo.InvariantCulture) + " rows";
    }

    /// <summary>One GET, the whole body read (as a browser would before parsing it).</summary>
    public static async Task<string?> HttpAsync(HttpClient http, string path, int expectedBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"HTTP {(int)response.StatusCode}";
        }

        // The same page every time; only the links' times and signatures change. A much shorter body is a wrong answer.
        var length = response.Content.Headers.ContentLength ?? (await response.Content.ReadAsByteArrayAsync(cancellationToken)).Length;
        return length < expectedBytes * 0.95 ? "short body" : null;
    }

    /// <summary>
    /// One request of each kind before any timing: the HTTP Ready page must be the bare query's first page in the same
    /// order, every item Ready with its three signed links; the Approved page must be in organizer order (positions 1..n).
    /// Otherwise the figures would mean nothing.
    /// </summary>
    public static async Task<ReviewPageCheck> SmokeAsync(
        HttpClient http,
        TableClient table,
        string campaignId,
        (string Ready, string Approved) paths,
        int pageSize,
        ReviewPageSettings settings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var bare = await BareFirstPageAsync(table, campaignId, pageSize, cancellationToken);
        var expected = bare.Select(r => r.GetString(nameof(ReviewIndexEntity.SubmissionId))).ToList();
        if (expected.Count != Math.Min(pageSize, settings.Ready))
        {
            throw new InvalidOperationException($"The bare query's first page has {expected.Count} rows, not {Math.Min(pageSize, settings.Ready)}.");
        }

        var (readyItems, readyBytes) = await GetPageAsync(http, paths.Ready, cancellationToken);
        if (!readyItems.Select(i => i.GetProperty("submissionId").GetString()).SequenceEqual(expected, StringComparer.Ordinal))
        {
            throw new InvalidOperationException("The HTTP Ready page does not list the bare query's first page in the same order.");
        }

        if (readyItems.Any(item => item.GetProperty("status").GetString() != nameof(SubmissionStatus.Ready) ||
                                   LinkProperties.Any(p => item.GetProperty(p).GetString()?.Contains("sig=", StringComparison.Ordinal) != true)))
        {
            throw new InvalidOperationException("An item of the HTTP Ready page is not Ready or lacks one of its three signed links.");
        }

        if (settings.Approved == 0)
        {
            return new ReviewPageCheck(readyItems.Count, readyBytes, 0);
        }

        var (approvedItems, approvedBytes) = await GetPageAsync(http, paths.Approved, cancellationToken);
        if (!approvedItems.Select(i => i.GetProperty("position").GetInt32()).SequenceEqual(Enumerable.Range(1, Math.Min(pageSize, settings.Approved))))
        {
            throw new InvalidOperationException("The HTTP Approved page is not positions 1..n in order.");
        }

        return new ReviewPageCheck(readyItems.Count, readyBytes, approvedBytes);
    }

    private static async Task<(List<JsonElement> Items, int Bytes)> GetPageAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        }

        using var json = JsonDocument.Parse(body);
        return ([.. json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.Clone())], body.Length);
    }
}
