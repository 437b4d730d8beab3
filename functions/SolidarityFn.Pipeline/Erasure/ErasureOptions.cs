using System.ComponentModel.DataAnnotations;

namespace SolidarityFn.Pipeline.Erasure;

public sealed class ErasureOptions : IValidatableObject
{
    public const string SectionName = "Erasure";

    /// <summary>
    /// How long after an erasure the sweep keeps looking for blobs a late worker may still write: a processing run that
    /// lost its claim, or one still going when the submission was erased, runs at most the host's function timeout (1 h).
    /// Applies to withdrawn submissions and to those erased while still being uploaded or processed.
    /// </summary>
    public TimeSpan RecheckFor { get; set; } = TimeSpan.FromHours(6);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RecheckFor < TimeSpan.Zero || RecheckFor > TimeSpan.FromDays(30))
        {
            yield return new ValidationResult("Erasure:RecheckFor is from 0 to 30 days.", [nameof(RecheckFor)]);
        }
    }
}
