using Azure;
using Azure.Data.Tables;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Review;

/// <summary>
/// A page of an organizer list: one range read of the list rows (<see cref="ReviewIndex"/>), so the first page costs
/// the same with ten submissions or ten thousand. Without a status, every list in turn (Approved, Failed, Ready, Rejected).
/// </summary>
public sealed class ReviewListing
{
    public const int DefaultPageSize = 48;
    public const int MaxPageSize = 200;

    private readonly SubmissionStore _submissions;
    private readonly CampaignCache _campaigns;
    private readonly ReviewItems _items;

    public ReviewListing(SubmissionStore submissions, CampaignCache campaigns, ReviewItems items)
    {
        _submissions = submissions;
        _campaigns = campaigns;
        _items = items;
    }

    public async Task<Outcome<ReviewPage>> ListAsync(
        string campaignId, string? status, string? continuationToken, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        SubmissionStatus? listed = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (Enum.TryParse<SubmissionStatus>(status, ignoreCase: true, out var parsed) && ReviewIndex.IsListed(parsed) && !int.TryParse(status, out _))
            {
                listed = parsed;
            }
            else
            {
                errors["status"] = [$"Use one of: {string.Join(", ", ReviewIndex.ListedStatuses)}."];
            }
        }

        var size = pageSize ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"Between 1 and {MaxPageSize}."];
        }

        if (continuationToken is { Length: > 1024 })
        {
            errors["continuationToken"] = ["Not a continuation token from this list."];
        }

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!CampaignIds.IsValid(campaignId) || await _campaigns.GetAsync(campaignId, cancellationToken) is null)
        {
            return Problem.NotFound("The campaign");
        }

        Page<ReviewIndexEntity>? page;
        try
        {
            page = await _submissions.ListedPageAsync(campaignId, listed, size, continuationToken, cancellationToken);
        }
        catch (Exception e) when (e is FormatException or ArgumentException || e is RequestFailedException { Status: 400 })
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["continuationToken"] = ["Not a continuation token from this list."] });
        }

        if (page is null)
        {
            return Outcome<ReviewPage>.Ok(new ReviewPage([], null));
        }

        var items = new ReviewItem[page.Values.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = await _items.FromRowAsync(page.Values[i], cancellationToken);
        }

        return Outcome<ReviewPage>.Ok(new ReviewPage(items, page.ContinuationToken));
    }
}
