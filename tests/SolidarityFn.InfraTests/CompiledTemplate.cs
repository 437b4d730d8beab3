using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SolidarityFn.InfraTests;

/// <summary>
/// infra/main.bicep compiled to ARM JSON by the pinned Bicep CLI (restored from NuGet with this project), once per
/// test run. Module templates are nested in the JSON; helpers find them by module name.
/// </summary>
public sealed partial class CompiledTemplate
{
    public CompiledTemplate()
    {
        RepositoryRoot = FindRepositoryRoot();
        var bicep = typeof(CompiledTemplate).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepCliPath").Value!;
        Assert.True(File.Exists(bicep), $"The Bicep CLI is missing at {bicep}: restore this project (dotnet restore).");

        var start = new ProcessStartInfo(bicep)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in new[] { "build", Path.Combine("infra", "main.bicep"), "--stdout" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var json = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        ExitCode = process.ExitCode;
        Diagnostics = stderr.Result.Trim();
        Root = JsonNode.Parse(json)!.AsObject();
    }

    public string RepositoryRoot { get; }

    public int ExitCode { get; }

    /// <summary>What the compiler reported: warnings and errors, including the linter's.</summary>
    public string Diagnostics { get; }

    public JsonObject Root { get; }

    /// <summary>The nested template of a module declared in main.bicep (e.g. "storage").</summary>
    public JsonObject Module(string symbolicName) =>
        Root["resources"]![symbolicName]!["properties"]!["template"]!.AsObject();

    /// <summary>The value main.bicep passes to a module parameter (an ARM expression or a literal).</summary>
    public JsonNode? ModuleParameter(string module, string parameter) =>
        Root["resources"]![module]!["properties"]!["parameters"]![parameter]?["value"];

    public static IEnumerable<JsonObject> Resources(JsonObject template, string type) =>
        template["resources"]!.AsArray().Select(r => r!.AsObject()).Where(r => (string?)r["type"] == type);

    public static JsonObject OnlyResource(JsonObject template, string type) => Assert.Single(Resources(template, type));

    /// <summary>An expression with every variables('x') of a string variable replaced by the variable's value.</summary>
    public static string Expand(JsonObject template, string expression) =>
        VariableReference().Replace(expression, m =>
            template["variables"]?[m.Groups[1].Value] is JsonValue v && v.TryGetValue<string>(out var text) ? $"'{text}'" : m.Value);

    /// <summary>A variable of a module's template (a list, an object, a literal).</summary>
    public static JsonNode Variable(JsonObject template, string name) =>
        template["variables"]?[name] ?? throw new KeyNotFoundException($"variable {name}");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SolidarityFn.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SolidarityFn.sln not found above the test's folder.");
    }

    [GeneratedRegex(@"variables\('([A-Za-z0-9_]+)'\)")]
    private static partial Regex VariableReference();
}

[CollectionDefinition(Name)]
public sealed class CompiledTemplateGroup : ICollectionFixture<CompiledTemplate>
{
    public const string Name = "Compiled template";
}
