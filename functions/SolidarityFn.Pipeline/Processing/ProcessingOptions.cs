using System.ComponentModel.DataAnnotations;

namespace SolidarityFn.Pipeline.Processing;

public sealed class ProcessingOptions : IValidatableObject
{
    public const string SectionName = "Processing";

    /// <summary>Tries before a submission is Failed with processing_failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>First retry delay; doubles with every further attempt.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A claim older than this belongs to a worker that died: another may take it over. It must outlast the longest run
    /// the Media limits allow (<see cref="ClaimOutlastsMediaLimits"/>, under 18 minutes by default), since nothing renews a
    /// claim while ffmpeg or the photo decoder runs.
    /// </summary>
    public TimeSpan StaleClaimAfter { get; set; } = TimeSpan.FromMinutes(26);

    /// <summary>
    /// False only in fault tests that take claims over in seconds while real tools run: the start-up check that
    /// <see cref="StaleClaimAfter"/> outlasts the Media limits is skipped. Never false in a deployment.
    /// </summary>
    public bool RequireClaimToOutlastMediaLimits { get; set; } = true;

    /// <summary>An Issued submission is looked at again this long after its upload link expired.</summary>
    public TimeSpan ExpiryGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Where per-upload work folders are made; the system temp folder when unset.</summary>
    public string? WorkRoot { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryBackoff < TimeSpan.Zero)
        {
            yield return new ValidationResult("Processing:RetryBackoff must not be negative.", [nameof(RetryBackoff)]);
        }

        if (StaleClaimAfter < TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult("Processing:StaleClaimAfter must be at least a second.", [nameof(StaleClaimAfter)]);
        }
    }
}
