using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Intake;
using SolidarityFn.Pipeline.Security;

namespace SolidarityFn.Tests.Security;

public class ClientRateLimiterTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    private ClientRateLimiter Limiter(int permits = 3) =>
        new(Options.Create(new IntakeOptions { RateLimitPermits = permits, RateLimitWindow = TimeSpan.FromMinutes(10) }), _time);

    [Fact]
    public void A_client_gets_its_permits_then_is_refused_with_the_wait()
    {
        var limiter = Limiter();

        Assert.All(Enumerable.Range(0, 3), _ => Assert.True(limiter.TryAcquire("a").Allowed));
        _time.Advance(TimeSpan.FromMinutes(4));
        var refused = limiter.TryAcquire("a");

        Assert.False(refused.Allowed);
        Assert.Equal(360, refused.RetryAfterSeconds);
    }

    [Fact]
    public void Clients_are_counted_apart()
    {
        var limiter = Limiter(permits: 1);

        Assert.True(limiter.TryAcquire("a").Allowed);
        Assert.True(limiter.TryAcquire("b").Allowed);
        Assert.False(limiter.TryAcquire("a").Allowed);
    }

    [Fact]
    public void A_new_window_gives_new_permits()
    {
        var limiter = Limiter(permits: 1);
        Assert.True(limiter.TryAcquire("a").Allowed);
        Assert.False(limiter.TryAcquire("a").Allowed);

        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.True(limiter.TryAcquire("a").Allowed);
    }

    [Fact]
    public void Concurrent_requests_never_get_more_than_the_permits()
    {
        var limiter = Limiter(permits: 50);

        var allowed = 0;
        Parallel.For(0, 1000, _ =>
        {
            if (limiter.TryAcquire("same").Allowed)
            {
                Interlocked.Increment(ref allowed);
            }
        });

        Assert.Equal(50, allowed);
    }
}
