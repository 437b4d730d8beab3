using System.Text.RegularExpressions;
using Cronos;

namespace SolidarityFn.DevHost;

/// <summary>
/// A timer function's schedule read as the Functions host reads it: %Name% tokens are app settings (here: keys of
/// the DevHost's configuration), and the result is a 6-field NCRONTAB expression, seconds first, in UTC.
/// A missing setting or a malformed expression is an <see cref="InvalidOperationException"/> naming the function.
/// </summary>
public sealed partial class TimerSchedule
{
    private readonly CronExpression _cron;

    private TimerSchedule(string function, string expression, string resolved, CronExpression cron)
    {
        Function = function;
        Expression = expression;
        Resolved = resolved;
        _cron = cron;
    }

    public string Function { get; }

    /// <summary>The schedule as written in [TimerTrigger], for example "%QueuePumpSchedule%".</summary>
    public string Expression { get; }

    /// <summary>The NCRONTAB expression after setting tokens were replaced.</summary>
    public string Resolved { get; }

    public static TimerSchedule Resolve(string function, string expression, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new InvalidOperationException($"Timer function {function} has no schedule.");
        }

        var resolved = Setting().Replace(expression, match =>
        {
            var name = match.Groups[1].Value;
            var value = configuration[name];
            return string.IsNullOrWhiteSpace(value)
                ? throw new InvalidOperationException(
                    $"Timer function {function}: its schedule '{expression}' needs the setting '{name}', which is missing or empty. " +
                    "Set it (appsettings.json, or the environment variable of that name) to a 6-field NCRONTAB expression, seconds first, such as \"*/10 * * * * *\".")
                : value.Trim();
        });

        if (resolved.Contains('%', StringComparison.Ordinal))
        {
            throw Invalid(function, expression, resolved, "a '%' is left that does not enclose a setting name (%Name%)");
        }

        var fields = resolved.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            throw Invalid(function, expression, resolved, $"it has {fields.Length} fields; an NCRONTAB schedule has 6: second minute hour day month day-of-week");
        }

        try
        {
            return new TimerSchedule(function, expression, resolved, CronExpression.Parse(string.Join(' ', fields), CronFormat.IncludeSeconds));
        }
        catch (CronFormatException e)
        {
            throw Invalid(function, expression, resolved, e.Message, e);
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/> (UTC), or null when there is none.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) => _cron.GetNextOccurrence(after.ToUniversalTime(), TimeZoneInfo.Utc);

    /// <summary>
    /// When to run next, given the occurrence that ran last: after the later of the two, so a timer that woke a
    /// hair early never runs one occurrence twice, and occurrences that passed during a long run are skipped.
    /// </summary>
    public DateTimeOffset? NextRun(DateTimeOffset now, DateTimeOffset lastOccurrence) => NextAfter(now > lastOccurrence ? now : lastOccurrence);

    private static InvalidOperationException Invalid(string function, string expression, string resolved, string why, Exception? inner = null) =>
        new(
            $"Timer function {function}: schedule '{resolved}'" + (resolved == expression ? "" : $" (from '{expression}')") +
            $" is not a valid NCRONTAB expression: {why}.",
            inner);

    // Function app settings: letters, digits, '_', '.', ':' and '-' between percent signs.
    [GeneratedRegex("%([A-Za-z0-9_.:-]+)%", RegexOptions.CultureInvariant)]
    private static partial Regex Setting();
}
