using System.Globalization;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Review;

/// <summary>
/// The organizers' lists, kept as rows beside the submissions: same table, same partition (the campaign), RowKeys
/// starting with '~' so they sort after every submission id. One entity-group transaction then changes a submission and
/// its list row together (<see cref="SubmissionStore.TryReplaceAsync"/>), so a list never shows a withdrawn clip or a
/// stale status, and a page is one range read in the order organizers want:
/// Ready newest first, Approved in organizer order, Rejected and Failed newest first.
/// </summary>
public static class ReviewIndex
{
    public const string Prefix = "~";

    /// <summary>Upper bound of every list row key ('~' sorts above the letters of the status names).</summary>
    public const string End = "~~";

    public static IReadOnlyList<SubmissionStatus> ListedStatuses { get; } =
        [SubmissionStatus.Ready, SubmissionStatus.Approved, SubmissionStatus.Rejected, SubmissionStatus.Failed];

    public static bool IsListed(SubmissionStatus status) => ListedStatuses.Contains(status);

    /// <summary>The list row key a submission should have now; null when organizers do not see it (in flight, withdrawn, expired).</summary>
    public static string? KeyFor(SubmissionEntity submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var status = submission.StatusValue;
        var sort = status switch
        {
            SubmissionStatus.Ready => Newest(submission.ProcessedAt ?? submission.IssuedAt),
            SubmissionStatus.Approved => (submission.Position ?? 0).ToString("D9", CultureInfo.InvariantCulture),
            SubmissionStatus.Rejected => Newest(submission.DecidedAt ?? submission.ProcessedAt ?? submission.IssuedAt),
            SubmissionStatus.Failed => Newest(submission.ProcessedAt ?? submission.IssuedAt),
            _ => null,
        };
        return sort is null ? null : $"{Prefix}{status}|{sort}|{submission.SubmissionId}";
    }

    /// <summary>The status a list row key names ("~Ready|…" is Ready), or null for any other key.</summary>
    public static SubmissionStatus? StatusOfKey(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        var bar = rowKey.IndexOf('|', StringComparison.Ordinal);
        return rowKey.StartsWith(Prefix, StringComparison.Ordinal) && bar > Prefix.Length
            && Enum.TryParse<SubmissionStatus>(rowKey.AsSpan(Prefix.Length, bar - Prefix.Length), ignoreCase: false, out var status)
            && IsListed(status)
                ? status
                : null;
    }

    /// <summary>RowKey range [from, to) of one status's list.</summary>
    public static (string From, string To) RangeOf(SubmissionStatus status) => ($"{Prefix}{status}|", $"{Prefix}{status}}}");

    /// <summary>Inverted ticks: later times sort first.</summary>
    private static string Newest(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
}
