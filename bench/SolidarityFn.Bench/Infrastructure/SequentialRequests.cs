using System.Diagnostics;

namespace SolidarityFn.Bench.Infrastructure;

/// <summary>What <see cref="SequentialRequests.RunAsync"/> saw: the successful requests' times and the errors.</summary>
public sealed record SequentialRun(IReadOnlyList<long> Ticks, int Errors, string? FirstError);

/// <summary>
/// N operations of a <see cref="LoadSide"/> one after another, as one user would send them (no concurrency, unlike
/// <see cref="ClosedLoop"/>). An operation's time counts only when it succeeded.
/// </summary>
public static class SequentialRequests
{
    public static async Task<SequentialRun> RunAsync(LoadSide side, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(side);
        var ticks = new List<long>(count);
        var errors = 0;
        string? firstError = null;
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            string? error;
            try
            {
                error = await side.Operation(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                error = $"{e.GetType().Name}: {e.Message}";
            }

            if (error is null)
            {
                ticks.Add(Stopwatch.GetTimestamp() - start);
            }
            else
            {
                errors++;
                firstError ??= error;
            }
        }

        return new SequentialRun(ticks, errors, firstError);
    }
}
