using System.ComponentModel.DataAnnotations;

namespace SolidarityFn.Pipeline.Queue;

/// <summary>Settings of the table-backed work queue and of the pump that drains it (section "Queue").</summary>
public sealed class QueueOptions : IValidatableObject
{
    public const string SectionName = "Queue";

    /// <summary>Longest lease a claim or a renewal may ask for.</summary>
    public static readonly TimeSpan MaxLease = TimeSpan.FromHours(1);

    /// <summary>Claims an item gets before it is dead-lettered, unless it was enqueued with its own limit.</summary>
    [Range(1, 100)]
    public int DefaultMaxAttempts { get; set; } = 5;

    /// <summary>Delay after the first failure; doubles with each further one up to <see cref="BackoffCap"/>.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Due items read per claim query; a claimant picks among them at random.</summary>
    [Range(1, 1000)]
    public int ClaimPageSize { get; set; } = 32;

    /// <summary>Lease the pump takes when a handler does not ask for its own; renewed at half-time while the handler runs.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The pump claims nothing new after this long (a 5-minute timer tick then never overlaps much).</summary>
    public TimeSpan PumpBudget { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>Items the pump handles at the same time.</summary>
    [Range(1, 32)]
    public int PumpConcurrency { get; set; } = 2;

    /// <summary>Items one pump run claims at most.</summary>
    [Range(1, 100_000)]
    public int PumpMaxItems { get; set; } = 1000;

    /// <summary>
    /// How long Done items are kept before the purge timer deletes them. A Done row is what makes a second enqueue
    /// of the same key a no-op, so it outlives any late redelivery; dead-lettered rows are never purged by the timer.
    /// </summary>
    public TimeSpan KeepDoneFor { get; set; } = TimeSpan.FromDays(7);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BackoffBase <= TimeSpan.Zero || BackoffBase > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("Queue:BackoffBase must be more than 0 and at most an hour.", [nameof(BackoffBase)]);
        }

        if (BackoffCap < BackoffBase || BackoffCap > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("Queue:BackoffCap must be at least Queue:BackoffBase and at most a day.", [nameof(BackoffCap)]);
        }

        if (LeaseDuration < TimeSpan.FromSeconds(1) || LeaseDuration > MaxLease)
        {
            yield return new ValidationResult("Queue:LeaseDuration must be between 1 second and 1 hour.", [nameof(LeaseDuration)]);
        }

        if (PumpBudget <= TimeSpan.Zero || PumpBudget > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("Queue:PumpBudget must be more than 0 and at most an hour.", [nameof(PumpBudget)]);
        }

        if (KeepDoneFor < TimeSpan.FromHours(1) || KeepDoneFor > TimeSpan.FromDays(365))
        {
            yield return new ValidationResult("Queue:KeepDoneFor must be between 1 hour and 365 days.", [nameof(KeepDoneFor)]);
        }
    }

    /// <summary>Validates options handed over without the options pipeline (tests, benchmarks).</summary>
    internal static void ThrowIfInvalid(QueueOptions options)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new ArgumentException("Invalid queue options: " + string.Join(" ", results.Select(r => r.ErrorMessage)), nameof(options));
        }
    }
}
