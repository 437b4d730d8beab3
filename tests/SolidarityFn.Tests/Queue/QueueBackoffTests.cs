using SolidarityFn.Pipeline.Queue;

namespace SolidarityFn.Tests.Queue;

public class QueueBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(4, 80)]
    [InlineData(5, 160)]
    [InlineData(6, 320)]
    [InlineData(7, 600)] // 640 s, capped at 10 min
    [InlineData(8, 600)]
    public void The_delay_doubles_with_each_attempt_up_to_the_cap(int attempts, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), QueueBackoff.Delay(attempts, Base, Cap));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(int.MinValue)]
    public void No_attempt_yet_waits_the_base(int attempts)
    {
        Assert.Equal(Base, QueueBackoff.Delay(attempts, Base, Cap));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void Huge_attempt_counts_stay_at_the_cap_without_overflow(int attempts)
    {
        Assert.Equal(Cap, QueueBackoff.Delay(attempts, Base, Cap));
        Assert.Equal(TimeSpan.FromDays(1), QueueBackoff.Delay(attempts, TimeSpan.FromHours(1), TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Sub_second_bases_keep_their_precision()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(250), QueueBackoff.Delay(1, TimeSpan.FromMilliseconds(250), Cap));
        Assert.Equal(TimeSpan.FromMilliseconds(1000), QueueBackoff.Delay(3, TimeSpan.FromMilliseconds(250), Cap));
    }

    [Fact]
    public void A_zero_base_means_no_delay()
    {
        Assert.Equal(TimeSpan.Zero, QueueBackoff.Delay(3, TimeSpan.Zero, Cap));
    }
}
