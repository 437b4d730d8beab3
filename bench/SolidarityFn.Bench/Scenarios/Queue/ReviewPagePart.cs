using SolidarityFn.Bench.Infrastructure;

namespace SolidarityFn.Bench.Scenarios.Queue;

/// <summary>What the second half of the queue target measured.</summary>
public sealed record ReviewPageResult(int Submissions, int Requests, double P50Ms, double P95Ms, double P99Ms)
{
    public bool Met => P95Ms <= ReviewPagePart.P95TargetMs;
}

/// <summary>
/// DESIGN.md §10, second half of the queue target: the first page of the review list ≤ 100 ms p95 with 10,000
/// submissions in the campaign. The review API is being written separately; its engineer fills in
/// <see cref="MeasureAsync"/> (seed 10,000 Ready submissions into this Azurite, start the DevHost in-process as
/// IntakeScenario does, time GET /api/campaigns/{id}/submissions with the organizer key), and QueueScenario's report
/// already prints the figures and the verdict it returns.
/// </summary>
public static class ReviewPagePart
{
    public const double P95TargetMs = 100;

    /// <summary>Null while the review list does not exist: the report then says "not measured yet".</summary>
    public static Task<ReviewPageResult?> MeasureAsync(AzuriteProcess azurite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<ReviewPageResult?>(null);
    }
}
