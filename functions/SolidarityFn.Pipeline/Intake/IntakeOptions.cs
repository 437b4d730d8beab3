using System.ComponentModel.DataAnnotations;

namespace SolidarityFn.Pipeline.Intake;

public sealed class IntakeOptions : IValidatableObject
{
    public const string SectionName = "Intake";

    /// <summary>How long an upload URL works. DESIGN.md §9 caps it at 15 minutes.</summary>
    public TimeSpan SasLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How far in the past the SAS starts, for phones whose clocks run fast.</summary>
    public TimeSpan SasClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Block size the page uses for Put Block (4 MiB: small enough to retry cheaply on mobile data).</summary>
    [Range(256 * 1024, 100 * 1024 * 1024)]
    public int BlockSizeBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How long a campaign row is reused on the upload path before it is read again (0 turns caching off).</summary>
    public TimeSpan CampaignCacheTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Public origin of the app, for absolute receipt links; null uses the request's own origin.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>New uploads one client may start per window. Generous: a whole workplace may share one address.</summary>
    [Range(1, 1_000_000)]
    public int RateLimitPermits { get; set; } = 30;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Salt of the client-address hash; a random one per process when unset.</summary>
    public string? ClientKeySalt { get; set; }

    /// <summary>Take the client address from the last X-Forwarded-For hop (set only behind a trusted front end).</summary>
    public bool TrustForwardedFor { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SasLifetime <= TimeSpan.Zero || SasLifetime > TimeSpan.FromMinutes(15))
        {
            yield return new ValidationResult("Intake:SasLifetime must be more than 0 and at most 15 minutes.", [nameof(SasLifetime)]);
        }

        if (SasClockSkew < TimeSpan.Zero || SasClockSkew > TimeSpan.FromMinutes(15))
        {
            yield return new ValidationResult("Intake:SasClockSkew must be between 0 and 15 minutes.", [nameof(SasClockSkew)]);
        }

        if (CampaignCacheTtl < TimeSpan.Zero || CampaignCacheTtl > TimeSpan.FromMinutes(1))
        {
            yield return new ValidationResult("Intake:CampaignCacheTtl must be between 0 and 1 minute.", [nameof(CampaignCacheTtl)]);
        }

        if (RateLimitWindow <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Intake:RateLimitWindow must be positive.", [nameof(RateLimitWindow)]);
        }
    }
}
