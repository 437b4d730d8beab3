using SolidarityFn.Pipeline.Campaigns;

namespace SolidarityFn.Tests.Campaigns;

public class RetentionClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static Campaign With(bool isOpen, DateTimeOffset? deadline, DateTimeOffset? closedAt, int retentionDays = 30) =>
        DefaultCampaign.Create() with { IsOpen = isOpen, Deadline = deadline, ClosedAt = closedAt, RetentionDays = retentionDays };

    [Fact]
    public void An_open_campaign_without_a_deadline_is_never_due()
    {
        Assert.Null(RetentionClock.ErasureDueAt(With(isOpen: true, deadline: null, closedAt: null)));
    }

    [Fact]
    public void The_deadline_starts_the_count_when_the_campaign_was_never_closed()
    {
        Assert.Equal(T0.AddDays(30), RetentionClock.ErasureDueAt(With(isOpen: true, deadline: T0, closedAt: null)));
    }

    [Fact]
    public void Closing_by_hand_starts_the_count_when_there_is_no_deadline()
    {
        Assert.Equal(T0.AddDays(7), RetentionClock.ErasureDueAt(With(isOpen: false, deadline: null, closedAt: T0, retentionDays: 7)));
    }

    [Theory]
    [InlineData(-5, 0, -5)] // deadline passed, then closed: the deadline ended it
    [InlineData(10, 0, 0)]  // closed before a later deadline: the closing ended it
    public void Whichever_of_deadline_and_closing_came_first_ends_the_campaign(int deadlineDays, int closedDays, int endDays)
    {
        var campaign = With(isOpen: false, deadline: T0.AddDays(deadlineDays), closedAt: T0.AddDays(closedDays), retentionDays: 1);

        Assert.Equal(T0.AddDays(endDays), RetentionClock.EndsAt(campaign));
        Assert.Equal(T0.AddDays(endDays + 1), RetentionClock.ErasureDueAt(campaign));
    }

    [Fact]
    public void A_closing_time_left_on_an_open_campaign_does_not_count()
    {
        Assert.Null(RetentionClock.EndsAt(With(isOpen: true, deadline: null, closedAt: T0)));
    }

    [Fact]
    public void Closing_records_now_keeps_the_first_closing_while_closed_and_reopening_clears_it()
    {
        var open = With(isOpen: true, deadline: null, closedAt: null);
        var closed = With(isOpen: false, deadline: null, closedAt: T0);

        Assert.Equal(T0.AddHours(1), RetentionClock.ClosedAt(open, isOpen: false, T0.AddHours(1)));
        Assert.Equal(T0.AddHours(1), RetentionClock.ClosedAt(before: null, isOpen: false, T0.AddHours(1)));
        Assert.Equal(T0, RetentionClock.ClosedAt(closed, isOpen: false, T0.AddDays(3)));
        Assert.Null(RetentionClock.ClosedAt(closed, isOpen: true, T0.AddDays(3)));
    }
}
