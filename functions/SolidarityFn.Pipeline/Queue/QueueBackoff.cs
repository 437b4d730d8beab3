namespace SolidarityFn.Pipeline.Queue;

/// <summary>Delay before the next attempt after a failure: base × 2^(attempts − 1), capped.</summary>
public static class QueueBackoff
{
    /// <param name="attempts">Attempts made so far, including the one that just failed (1 after the first failure).</param>
    public static TimeSpan Delay(int attempts, TimeSpan baseDelay, TimeSpan cap)
    {
        if (baseDelay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        // 2^40 × any sane base is past every cap; clamping keeps the double well inside TimeSpan's range.
        var factor = Math.Pow(2, Math.Clamp(attempts, 1, 41) - 1);
        var ticks = Math.Min(baseDelay.Ticks * factor, cap.Ticks);
        return TimeSpan.FromTicks((long)Math.Max(ticks, 0));
    }
}
