using Microsoft.Extensions.Configuration;
using SolidarityFn.DevHost;

namespace SolidarityFn.Tests.DevHost;

public class TimerScheduleTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 14, 10, 0, 3, TimeSpan.Zero);

    private static IConfiguration Settings(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private static TimerSchedule Resolve(string expression, params (string Key, string? Value)[] settings) =>
        TimerSchedule.Resolve("PumpQueue", expression, Settings(settings));

    [Fact]
    public void A_setting_token_is_resolved_from_configuration_and_read_with_seconds_first()
    {
        var schedule = Resolve("%QueuePumpSchedule%", ("QueuePumpSchedule", "*/10 * * * * *"));

        Assert.Equal("*/10 * * * * *", schedule.Resolved);
        Assert.Equal("%QueuePumpSchedule%", schedule.Expression);
        Assert.Equal(At.AddSeconds(7), schedule.NextAfter(At));
        Assert.Equal(At.AddSeconds(17), schedule.NextAfter(At.AddSeconds(7)));
    }

    [Fact]
    public void Literal_schedules_need_no_setting()
    {
        var sweep = Resolve("0 */5 * * * *");
        var purge = Resolve("0 15 * * * *");

        Assert.Equal(new DateTimeOffset(2026, 3, 14, 10, 5, 0, TimeSpan.Zero), sweep.NextAfter(At));
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 10, 15, 0, TimeSpan.Zero), purge.NextAfter(At));
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 11, 15, 0, TimeSpan.Zero), purge.NextAfter(new DateTimeOffset(2026, 3, 14, 10, 15, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Tokens_inside_an_expression_are_resolved_too()
    {
        var schedule = Resolve("0 %Minute% %Hour% * * *", ("Minute", "30"), ("Hour", "4"));

        Assert.Equal("0 30 4 * * *", schedule.Resolved);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 4, 30, 0, TimeSpan.Zero), schedule.NextAfter(At));
    }

    [Fact]
    public void Occurrences_are_in_utc_whatever_the_offset_of_the_time_given()
    {
        var schedule = Resolve("0 0 9 * * *");
        var tenPastTenInParis = new DateTimeOffset(2026, 3, 14, 10, 10, 0, TimeSpan.FromHours(1)); // 09:10 UTC

        var next = schedule.NextAfter(tenPastTenInParis);

        Assert.Equal(new DateTimeOffset(2026, 3, 15, 9, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(TimeSpan.Zero, next!.Value.Offset);
    }

    [Fact]
    public void A_timer_woken_a_little_early_does_not_run_the_same_occurrence_twice()
    {
        var schedule = Resolve("*/10 * * * * *");
        var ran = new DateTimeOffset(2026, 3, 14, 10, 0, 10, TimeSpan.Zero);

        Assert.Equal(ran.AddSeconds(10), schedule.NextRun(ran.AddMilliseconds(-2), ran));
        Assert.Equal(ran.AddSeconds(10), schedule.NextRun(ran, ran));
    }

    [Fact]
    public void Occurrences_that_passed_during_a_long_run_are_skipped_not_queued()
    {
        var schedule = Resolve("*/10 * * * * *");
        var ran = new DateTimeOffset(2026, 3, 14, 10, 0, 10, TimeSpan.Zero);

        Assert.Equal(ran.AddSeconds(40), schedule.NextRun(ran.AddSeconds(35), ran));
    }

    [Fact]
    public void A_rare_schedule_finds_its_distant_occurrence()
    {
        var leapDay = Resolve("0 0 0 29 2 *");

        Assert.Equal(new DateTimeOffset(2028, 2, 29, 0, 0, 0, TimeSpan.Zero), leapDay.NextAfter(At));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_or_empty_setting_is_refused_naming_the_function_and_the_setting(string? value)
    {
        var settings = value is null ? [] : new[] { ("QueuePumpSchedule", value) };

        var error = Assert.Throws<InvalidOperationException>(() => Resolve("%QueuePumpSchedule%", settings!));

        Assert.Contains("PumpQueue", error.Message, StringComparison.Ordinal);
        Assert.Contains("'QueuePumpSchedule'", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing or empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*/10 * * * *", "5 fields")]          // classic 5-field cron: the host wants seconds first
    [InlineData("00:00:10", "1 fields")]              // a TimeSpan schedule: not on Flex Consumption, not here
    [InlineData("every ten seconds", "3 fields")]
    [InlineData("0 0 * * * * *", "7 fields")]
    [InlineData("61 * * * * *", "")]
    [InlineData("0 0 25 * * *", "")]
    [InlineData("%Unclosed * * * * *", "does not enclose a setting name")]
    public void A_malformed_schedule_is_refused_with_what_is_wrong(string expression, string why)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Resolve("%QueuePumpSchedule%", ("QueuePumpSchedule", expression)));

        Assert.Contains("PumpQueue", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{expression}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a valid NCRONTAB expression", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_without_a_schedule_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => Resolve(" "));
    }
}
