using System.Globalization;

namespace SolidarityFn.Bench;

/// <summary>An option: a flag when <see cref="Value"/> is null, else it takes one value.</summary>
public sealed record OptionSpec(string Name, string? Value, string Description)
{
    public bool IsFlag => Value is null;

    public string Usage => IsFlag ? $"--{Name}" : $"--{Name} <{Value}>";
}

public sealed class BenchUsageException(string message) : Exception(message);

/// <summary>
/// `--name value`, `--name=value` and `--flag`. The common options are known to every scenario; each scenario
/// picks its own defaults for them and may add options of its own.
/// </summary>
public sealed class BenchOptions
{
    public const string Seconds = "seconds";
    public const string Warmup = "warmup";
    public const string Rounds = "rounds";
    public const string Concurrency = "concurrency";
    public const string Json = "json";

    public static IReadOnlyList<OptionSpec> Common { get; } =
    [
        new(Seconds, "s", "measured seconds per side and round"),
        new(Warmup, "s", "unmeasured warm-up seconds before each measured stretch"),
        new(Rounds, "n", "rounds; the sides alternate within each round"),
        new(Concurrency, "n", "concurrent workers or clients per side"),
        new(Json, "path", "also write the figures as JSON to this file"),
    ];

    private readonly Dictionary<string, string?> _values;

    private BenchOptions(Dictionary<string, string?> values, bool help)
    {
        _values = values;
        Help = help;
    }

    public bool Help { get; }

    public static BenchOptions Parse(ReadOnlySpan<string> args, IReadOnlyList<OptionSpec> scenarioOptions)
    {
        var known = Common.Concat(scenarioOptions).ToDictionary(o => o.Name, StringComparer.Ordinal);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var help = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                help = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new BenchUsageException($"unexpected argument '{arg}'.");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            if (!known.TryGetValue(name, out var spec))
            {
                throw new BenchUsageException($"unknown option '--{name}'.");
            }

            string? value;
            if (spec.IsFlag)
            {
                if (equals >= 0)
                {
                    throw new BenchUsageException($"--{name} takes no value.");
                }

                value = null;
            }
            else if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Length)
            {
                value = args[++i];
            }
            else
            {
                throw new BenchUsageException($"--{name} needs a value ({spec.Value}).");
            }

            values[name] = value;
        }

        return new BenchOptions(values, help);
    }

    public bool Flag(string name) => _values.ContainsKey(name);

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public double Number(string name, double defaultValue, double min, double max)
    {
        if (!_values.TryGetValue(name, out var text) || text is null)
        {
            return defaultValue;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new BenchUsageException($"--{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
        }

        return value;
    }

    public int WholeNumber(string name, int defaultValue, int min, int max)
    {
        var value = Number(name, defaultValue, min, max);
        if (value != Math.Floor(value))
        {
            throw new BenchUsageException($"--{name} must be a whole number.");
        }

        return (int)value;
    }
}
