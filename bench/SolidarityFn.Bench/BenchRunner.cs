using SolidarityFn.Bench.Infrastructure;

namespace SolidarityFn.Bench;

/// <summary>Dispatches to a scenario by name; usage and exit code 2 for anything it does not know.</summary>
public static class BenchRunner
{
    public const int UsageExitCode = 2;

    public static async Task<int> RunAsync(string[] args, IReadOnlyList<IScenario> scenarios)
    {
        if (args.Length == 1 && args[0] is "-h" or "--help" or "help")
        {
            PrintUsage(Console.Out, scenarios);
            return 0;
        }

        if (args.Length == 0)
        {
            PrintUsage(Console.Error, scenarios);
            return UsageExitCode;
        }

        var scenario = scenarios.FirstOrDefault(s => s.Name.Equals(args[0], StringComparison.OrdinalIgnoreCase));
        if (scenario is null)
        {
            Console.Error.WriteLine($"bench: unknown scenario '{args[0]}'.");
            PrintUsage(Console.Error, scenarios);
            return UsageExitCode;
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args.AsSpan(1), scenario.Options);
        }
        catch (BenchUsageException e)
        {
            Console.Error.WriteLine($"bench {scenario.Name}: {e.Message}");
            PrintUsage(Console.Error, scenarios);
            return UsageExitCode;
        }

        if (options.Help)
        {
            PrintUsage(Console.Out, scenarios);
            return 0;
        }

        using var cancel = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            if (!cancel.IsCancellationRequested)
            {
                // First Ctrl-C: stop the load, then clean up (Azurite, the DevHost) on the normal path.
                e.Cancel = true;
                Console.Error.WriteLine("bench: stopping (Ctrl-C again to quit at once)...");
                cancel.Cancel();
                return;
            }

            ChildProcesses.KillAll();
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            var context = new BenchContext(options, RepoPaths.FindRoot(), CommandLine.Describe(args));
            return await scenario.RunAsync(context, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine($"bench {scenario.Name}: cancelled.");
            return 130;
        }
        catch (BenchUsageException e)
        {
            // Option values are read (and checked) by the scenario itself: a bad one is a usage error, not a failure.
            Console.Error.WriteLine($"bench {scenario.Name}: {e.Message}");
            return UsageExitCode;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"bench {scenario.Name} failed: {e}");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
            ChildProcesses.KillAll();
        }
    }

    private static void PrintUsage(TextWriter writer, IReadOnlyList<IScenario> scenarios)
    {
        writer.WriteLine("usage: ./dev bench <scenario> [options]");
        writer.WriteLine("       dotnet run -c Release --project bench/SolidarityFn.Bench -- <scenario> [options]");
        writer.WriteLine();
        writer.WriteLine("scenarios:");
        foreach (var scenario in scenarios)
        {
            writer.WriteLine($"  {scenario.Name,-12} {scenario.Summary}");
        }

        writer.WriteLine();
        writer.WriteLine("common options:");
        foreach (var option in BenchOptions.Common)
        {
            writer.WriteLine($"  {option.Usage,-22} {option.Description}");
        }

        foreach (var scenario in scenarios.Where(s => s.Options.Count > 0))
        {
            writer.WriteLine();
            writer.WriteLine($"{scenario.Name} options:");
            foreach (var option in scenario.Options)
            {
                writer.WriteLine($"  {option.Usage,-22} {option.Description}");
            }
        }
    }
}
