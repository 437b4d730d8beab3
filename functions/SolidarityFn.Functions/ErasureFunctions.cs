using Microsoft.Azure.Functions.Worker;
using SolidarityFn.Pipeline.Erasure;

namespace SolidarityFn.Functions;

/// <summary>What makes erasure hold after a crash, and what applies each campaign's retention.</summary>
public sealed class ErasureFunctions(ErasureSweep sweep, RetentionSweep retention)
{
    /// <summary>
    /// Finishes erasures a crash interrupted and deletes what a late worker stored after one. Every 5 minutes, two
    /// minutes after SweepStalledUploads so the two do not share a tick.
    /// </summary>
    [Function(nameof(SweepErasures))]
    public async Task SweepErasures([TimerTrigger("0 2-59/5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        await sweep.SweepAsync(cancellationToken);
    }

    /// <summary>Erases the media and typed text of campaigns whose retention has run out (counted in days: hourly is enough).</summary>
    [Function(nameof(ApplyRetention))]
    public async Task ApplyRetention([TimerTrigger("0 40 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        await retention.RunAsync(cancellationToken);
    }
}
