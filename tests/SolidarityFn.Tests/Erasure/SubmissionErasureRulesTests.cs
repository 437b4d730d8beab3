using Microsoft.Extensions.Logging.Abstractions;
using System.ComponentModel.DataAnnotations;
using SolidarityFn.Pipeline.Audit;
using SolidarityFn.Pipeline.Erasure;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Tests.Erasure;

/// <summary>The pure rules of erasure: what is blanked, what stays, and how long the sweep keeps looking.</summary>
public class SubmissionErasureRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromHours(6);

    private static SubmissionEntity Typed() => new()
    {
        PartitionKey = "toronto-rally",
        RowKey = "abcdefghijkmnpqrstuv",
        Status = nameof(SubmissionStatus.Rejected),
        DisplayName = "Ana",
        Union = "CUPE 4400",
        Sector = "Education",
        City = "Toronto",
        Caption = "Edited by an organizer",
        OriginalCaption = "Toronto teachers support Minnesota workers",
        RejectionReason = "Ana's face is blurred",
        Language = "fr",
        ConsentVersion = 3,
        ConsentedAt = T0,
        ConsentLanguage = "fr",
        ReceiptTokenHash = "hash",
        SourceKind = "video",
        Reason = "corrupt",
    };

    [Fact]
    public void Erasing_typed_text_blanks_every_typed_field_and_keeps_status_consent_and_facts()
    {
        var submission = Typed();

        submission.EraseTypedText();

        Assert.Null(submission.DisplayName);
        Assert.Equal(["", "", "", ""], new[] { submission.Union, submission.Sector, submission.City, submission.Caption });
        Assert.Null(submission.OriginalCaption);
        Assert.Null(submission.RejectionReason);
        Assert.Equal(SubmissionStatus.Rejected, submission.StatusValue);
        Assert.Equal((3, T0, "fr", "video", "corrupt"), (submission.ConsentVersion, submission.ConsentedAt, submission.Language, submission.SourceKind, submission.Reason));

        // Which language's consent text was agreed to is not typed text: it stays with the version.
        Assert.Equal("fr", submission.ConsentLanguage);
    }

    [Fact]
    public void Withdrawal_blanks_the_same_fields()
    {
        var withdrawn = Typed();
        var erased = Typed();

        SubmissionLifecycle.Withdraw(withdrawn, T0, SubmissionActor.Contributor, NullLogger.Instance);
        erased.EraseTypedText();

        Assert.Equal(
            (erased.DisplayName, erased.Union, erased.Sector, erased.City, erased.Caption, erased.OriginalCaption, erased.RejectionReason),
            (withdrawn.DisplayName, withdrawn.Union, withdrawn.Sector, withdrawn.City, withdrawn.Caption, withdrawn.OriginalCaption, withdrawn.RejectionReason));
        Assert.Equal(SubmissionStatus.Withdrawn, withdrawn.StatusValue);
    }

    [Theory]
    [InlineData(SubmissionStatus.Withdrawn, 1, true)]
    [InlineData(SubmissionStatus.Withdrawn, 7, false)]
    [InlineData(SubmissionStatus.Processing, 1, true)]
    [InlineData(SubmissionStatus.Uploaded, 1, true)]
    [InlineData(SubmissionStatus.Issued, 1, true)]
    [InlineData(SubmissionStatus.Ready, 1, false)]
    [InlineData(SubmissionStatus.Approved, 1, false)]
    [InlineData(SubmissionStatus.Rejected, 1, false)]
    [InlineData(SubmissionStatus.Failed, 1, false)]
    [InlineData(SubmissionStatus.Expired, 1, false)]
    public void The_sweep_keeps_looking_only_where_a_worker_may_still_write_and_only_for_the_window(SubmissionStatus status, int hoursAfter, bool keepLooking)
    {
        var submission = Typed();
        submission.StatusValue = status;
        submission.ErasedAt = T0;

        Assert.Equal(keepLooking, SubmissionErasure.MayStillReceiveMedia(submission, T0.AddHours(hoursAfter), Window));
    }

    [Theory]
    [InlineData("-00:00:01", false)]
    [InlineData("00:00:00", true)]
    [InlineData("06:00:00", true)]
    [InlineData("30.00:00:00", true)]
    [InlineData("30.00:00:01", false)]
    public void The_recheck_window_is_validated_at_start_up(string recheckFor, bool valid)
    {
        var options = new ErasureOptions { RecheckFor = TimeSpan.Parse(recheckFor, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(valid, !options.Validate(new ValidationContext(options)).Any());
    }

    [Fact]
    public void An_erased_audit_row_keeps_action_time_and_actor_only()
    {
        var row = AuditEntity.From(
            new AuditRecord("toronto-rally", "submission.approve", new Pipeline.Organizers.Organizer("key", "Organizer (key)", "key"), "abcdefghijkmnpqrstuv", new { caption = "Toronto teachers" }, new { caption = "Edited" }),
            T0);
        Assert.True(row.HasSubmissionDetails);

        row.EraseDetails(T0.AddDays(1));
        row.EraseDetails(T0.AddDays(2));

        Assert.False(row.HasSubmissionDetails);
        Assert.Null(row.Before);
        Assert.Null(row.After);
        Assert.Equal(T0.AddDays(1), row.DetailsErasedAt);
        Assert.Equal(("submission.approve", T0, "key", "Organizer (key)", "key"), (row.Action, row.At, row.ActorId, row.ActorName, row.ActorMethod));
    }

    [Fact]
    public void A_campaign_row_holds_no_submission_details_to_erase()
    {
        var row = AuditEntity.From(
            new AuditRecord("toronto-rally", "campaign.update", new Pipeline.Organizers.Organizer("key", "Organizer (key)", "key"), null, new { title = "A" }, new { title = "B" }),
            T0);

        Assert.False(row.HasSubmissionDetails);
    }
}
