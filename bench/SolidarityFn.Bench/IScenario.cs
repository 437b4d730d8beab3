namespace SolidarityFn.Bench;

/// <summary>One benchmark of DESIGN.md §10, run by name: `./dev bench &lt;name&gt;`.</summary>
public interface IScenario
{
    /// <summary>The name on the command line, lower case.</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Summary { get; }

    /// <summary>Options this scenario accepts besides the common ones, for parsing and the usage text.</summary>
    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Runs the scenario and prints its report; returns the exit code (0 also when a target is missed).</summary>
    Task<int> RunAsync(BenchContext context, CancellationToken cancellationToken);
}

/// <summary>What every scenario gets: its parsed options, the repository root and the command as typed.</summary>
public sealed record BenchContext(BenchOptions Options, string RepoRoot, string Command);
