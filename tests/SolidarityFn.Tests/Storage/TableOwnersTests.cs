using System.Text.RegularExpressions;

namespace SolidarityFn.Tests.Storage;

/// <summary>
/// Architecture check (issue 13: one owner per table): only the store of a table opens a <c>TableClient</c> on it. A text
/// check over the app's sources: a TableClient field or parameter, a <c>.Table(StorageNames...)</c> call or
/// <c>GetTableClient</c> outside the owners fails it.
/// </summary>
public partial class TableOwnersTests
{
    /// <summary>Each table's one owner, and StorageClients, which hands the clients out.</summary>
    private static readonly HashSet<string> Owners = new(StringComparer.Ordinal)
    {
        "SubmissionStore.cs", // Submissions (submission rows and the organizers' list rows)
        "CampaignStore.cs", // Campaigns
        "AssemblyStore.cs", // Assemblies
        "AuditLog.cs", // Audit
        "TableQueue.cs", // the work queue
        "StorageClients.cs",
    };

    [GeneratedRegex(@"\bTableClient\s+_?[A-Za-z]+\s*[;=,)]|\.Table\(\s*StorageNames\.|GetTableClient\(")]
    private static partial Regex OpensATable();

    [Fact]
    public void Only_each_tables_store_holds_a_table_client()
    {
        var functions = Path.Combine(RepositoryRoot(), "functions");
        var offenders = new List<string>();
        var scanned = 0;
        foreach (var file in Directory.EnumerateFiles(functions, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(functions, file);
            if (Owners.Contains(Path.GetFileName(file)) || relative.Split(Path.DirectorySeparatorChar).Any(d => d is "obj" or "bin"))
            {
                continue;
            }

            scanned++;
            offenders.AddRange(File.ReadLines(file)
                .Select((text, i) => (text, line: i + 1))
                .Where(l => !l.text.TrimStart().StartsWith("//", StringComparison.Ordinal) && OpensATable().IsMatch(l.text))
                .Select(l => $"{relative}:{l.line}: {l.text.Trim()}"));
        }

        Assert.True(scanned > 100, $"the scan read the app's sources ({scanned} files)");
        Assert.True(offenders.Count == 0, "A TableClient held outside its table's store:\n" + string.Join('\n', offenders));
    }

    [Theory]
    [InlineData("    private readonly TableClient _table;")]
    [InlineData("    private readonly TableClient _submissions = storage.Table(StorageNames.SubmissionsTable);")]
    [InlineData("        _table = storage.Table(StorageNames.SubmissionsTable);")]
    [InlineData("        var table = service.GetTableClient(\"Submissions\");")]
    [InlineData("    public Thing(TableClient table, ILogger logger)")]
    public void The_check_finds_a_table_client(string line) => Assert.Matches(OpensATable(), line);

    [Theory]
    [InlineData("        var filter = TableClient.CreateQueryFilter($\"PartitionKey eq {id}\");")]
    [InlineData("    public SubmissionStore(StorageClients storage)")]
    public void The_check_leaves_other_uses_alone(string line) => Assert.DoesNotMatch(OpensATable(), line);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SolidarityFn.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SolidarityFn.sln not found above " + AppContext.BaseDirectory);
    }
}
