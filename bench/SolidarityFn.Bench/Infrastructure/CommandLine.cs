namespace SolidarityFn.Bench.Infrastructure;

public static class CommandLine
{
    public const string Prefix = "dotnet run -c Release --project bench/SolidarityFn.Bench --";

    /// <summary>The command that reproduces this run, from the repository root (what `./dev bench` runs).</summary>
    public static string Describe(IEnumerable<string> args) => Prefix + " " + string.Join(' ', args.Select(Quote));

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@%+".Contains(c, StringComparison.Ordinal))
            ? arg
            : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
