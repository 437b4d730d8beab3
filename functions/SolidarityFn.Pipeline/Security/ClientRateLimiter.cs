using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Intake;

namespace SolidarityFn.Pipeline.Security;

/// <summary>
/// Fixed-window limit per hashed client key, in memory. Each Functions instance counts on its own,
/// so the effective limit scales with instances; it is a brake on abuse, not a quota.
/// </summary>
public sealed class ClientRateLimiter
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly int _permits;
    private readonly TimeSpan _length;
    private long _nextSweepTicks;

    public ClientRateLimiter(IOptions<IntakeOptions> options, TimeProvider time)
    {
        _time = time;
        _permits = options.Value.RateLimitPermits;
        _length = options.Value.RateLimitWindow;
    }

    /// <summary>Takes one permit; when none is left, says how many seconds until the window resets.</summary>
    public RateLimitDecision TryAcquire(string clientKey)
    {
        var now = _time.GetUtcNow();
        SweepExpired(now);

        while (true)
        {
            var current = _windows.GetOrAdd(clientKey, _ => new Window(now + _length));
            if (current.EndsAt <= now)
            {
                // Replace an ended window; if another thread got there first, go round again.
                _windows.TryUpdate(clientKey, new Window(now + _length), current);
                continue;
            }

            var used = Interlocked.Increment(ref current.Count);
            if (used <= _permits)
            {
                return new RateLimitDecision(true, 0);
            }

            var retryAfter = (int)Math.Ceiling((current.EndsAt - now).TotalSeconds);
            return new RateLimitDecision(false, Math.Max(1, retryAfter));
        }
    }

    private void SweepExpired(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + _length).UtcTicks, next) != next)
        {
            return;
        }

        foreach (var (key, window) in _windows)
        {
            if (window.EndsAt <= now)
            {
                _windows.TryRemove(new KeyValuePair<string, Window>(key, window));
            }
        }
    }

    private sealed class Window(DateTimeOffset endsAt)
    {
        public readonly DateTimeOffset EndsAt = endsAt;
        public int Count;
    }
}

public readonly record struct RateLimitDecision(bool Allowed, int RetryAfterSeconds);
