using Microsoft.Extensions.Logging.Abstractions;
using SolidarityFn.Pipeline.Processing;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Tests.Processing;

public class ProcessingClaimTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(15);

    private static SubmissionEntity Row(SubmissionStatus status, DateTimeOffset? claimedAt = null) =>
        new() { PartitionKey = "c", RowKey = "s", StatusValue = status, ClaimedAt = claimedAt };

    [Theory]
    [InlineData(SubmissionStatus.Issued)]
    [InlineData(SubmissionStatus.Uploaded)]
    public void An_upload_awaiting_processing_is_claimed(SubmissionStatus status)
    {
        Assert.Equal(ClaimDecision.Claim, ProcessingClaim.Decide(Row(status), Now, Stale));
    }

    [Fact]
    public void An_upload_whose_retry_is_not_due_yet_is_left_for_then()
    {
        var row = Row(SubmissionStatus.Uploaded);
        row.NextAttemptAt = Now.AddSeconds(1);
        Assert.Equal(ClaimDecision.NotDue, ProcessingClaim.Decide(row, Now, Stale));

        row.NextAttemptAt = Now;
        Assert.Equal(ClaimDecision.Claim, ProcessingClaim.Decide(row, Now, Stale));
    }

    [Fact]
    public void A_fresh_claim_makes_a_second_delivery_a_duplicate()
    {
        Assert.Equal(ClaimDecision.AlreadyClaimed, ProcessingClaim.Decide(Row(SubmissionStatus.Processing, Now.AddMinutes(-14)), Now, Stale));
    }

    [Fact]
    public void A_claim_older_than_the_stale_limit_is_taken_over()
    {
        Assert.Equal(ClaimDecision.TakeOver, ProcessingClaim.Decide(Row(SubmissionStatus.Processing, Now.AddMinutes(-15)), Now, Stale));
        Assert.Equal(ClaimDecision.TakeOver, ProcessingClaim.Decide(Row(SubmissionStatus.Processing), Now, Stale));
    }

    [Theory]
    [InlineData(SubmissionStatus.Ready)]
    [InlineData(SubmissionStatus.Approved)]
    [InlineData(SubmissionStatus.Rejected)]
    [InlineData(SubmissionStatus.Failed)]
    [InlineData(SubmissionStatus.Withdrawn)]
    public void Finished_or_withdrawn_submissions_are_never_processed_again(SubmissionStatus status)
    {
        Assert.Equal(ClaimDecision.NotClaimable, ProcessingClaim.Decide(Row(status), Now, Stale));
    }

    [Fact]
    public void Applying_a_claim_counts_the_attempt_and_clears_a_previous_failure()
    {
        var row = Row(SubmissionStatus.Uploaded);
        row.ProcessingAttempts = 1;
        row.NextAttemptAt = Now;
        row.Reason = "x";

        ProcessingClaim.Apply(row, "claim-1", Now, NullLogger.Instance);

        Assert.Equal(SubmissionStatus.Processing, row.StatusValue);
        Assert.Equal("claim-1", row.ClaimId);
        Assert.Equal(Now, row.ClaimedAt);
        Assert.Equal(2, row.ProcessingAttempts);
        Assert.Null(row.NextAttemptAt);
        Assert.Null(row.Reason);
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(30, 3600)]
    public void Backoff_doubles_from_the_base_and_is_capped_at_an_hour(int attempts, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), ProcessingClaim.Backoff(attempts, TimeSpan.FromSeconds(30)));
    }
}
