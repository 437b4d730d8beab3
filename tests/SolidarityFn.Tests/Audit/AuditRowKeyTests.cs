using SolidarityFn.Pipeline.Audit;

namespace SolidarityFn.Tests.Audit;

public class AuditRowKeyTests
{
    [Fact]
    public void Later_actions_sort_first_and_keys_are_valid_continuation_tokens()
    {
        var start = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
        var keys = Enumerable.Range(0, 5).Select(i => AuditEntity.NewRowKey(start.AddTicks(i))).ToList();

        Assert.Equal(keys.AsEnumerable().Reverse(), keys.Order(StringComparer.Ordinal));
        Assert.All(keys, k => Assert.True(AuditLog.IsValidContinuationToken(k), k));
    }

    [Fact]
    public void Two_actions_in_the_same_tick_get_different_keys()
    {
        var now = DateTimeOffset.UtcNow;

        Assert.NotEqual(AuditEntity.NewRowKey(now), AuditEntity.NewRowKey(now));
    }

    [Fact]
    public void The_key_does_not_depend_on_the_offset_of_the_time()
    {
        var utc = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
        var toronto = utc.ToOffset(TimeSpan.FromHours(-5));

        Assert.Equal(AuditEntity.NewRowKey(utc)[..19], AuditEntity.NewRowKey(toronto)[..19]);
    }
}
