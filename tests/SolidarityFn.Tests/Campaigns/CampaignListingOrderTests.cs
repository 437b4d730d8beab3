using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Review;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Tests.Campaigns;

public class CampaignListingOrderTests
{
    private static Campaign Make(string id, DateTimeOffset? deadline) =>
        new() { Id = id, Title = id, Prompt = "p", ConsentText = "c", Deadline = deadline };

    [Fact]
    public void Sort_keys_put_the_latest_deadline_first_then_campaigns_without_one_and_break_ties_by_id()
    {
        var day = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        Campaign[] campaigns =
        [
            Make("no-deadline-b", null),
            Make("early", day.AddDays(-30)),
            Make("late-b", day.AddDays(10)),
            Make("no-deadline-a", null),
            Make("late-a", day.AddDays(10)),
            Make("far", new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            Make("other-zone", day.AddDays(10).ToOffset(TimeSpan.FromHours(-5)).AddMinutes(1)),
        ];

        var ordered = campaigns.OrderBy(CampaignListing.SortKey, StringComparer.Ordinal).Select(c => c.Id);

        Assert.Equal(["far", "other-zone", "late-a", "late-b", "early", "no-deadline-a", "no-deadline-b"], ordered);
    }

    [Theory]
    [InlineData("~Ready|0000000000000000001|abc", SubmissionStatus.Ready)]
    [InlineData("~Approved|000000001|abc", SubmissionStatus.Approved)]
    [InlineData("~Rejected|0000000000000000001|abc", SubmissionStatus.Rejected)]
    [InlineData("~Failed|0000000000000000001|abc", SubmissionStatus.Failed)]
    public void A_list_row_key_names_its_status(string key, SubmissionStatus status) =>
        Assert.Equal(status, ReviewIndex.StatusOfKey(key));

    [Theory]
    [InlineData("~Withdrawn|1|abc")]   // never listed
    [InlineData("~Nonsense|1|abc")]
    [InlineData("Ready|1|abc")]        // a submission id, not a list row
    [InlineData("~Ready")]
    [InlineData("~|1")]
    public void Any_other_key_names_no_status(string key) =>
        Assert.Null(ReviewIndex.StatusOfKey(key));
}
