using SolidarityFn.Bench;
using SolidarityFn.Bench.Scenarios;

// `./dev bench <scenario> [options]` runs `dotnet run -c Release --project bench/SolidarityFn.Bench -- <scenario> [options]`.
// One class per scenario; each starts what it needs (its own Azurite, the DevHost in-process) and stops it again.
IScenario[] scenarios =
[
    new IntakeScenario(), new ProcessingScenario(), new QueueScenario(), new AssemblyScenario(), new ColourScenario(),
];

return await BenchRunner.RunAsync(args, scenarios);
