using System.Text.RegularExpressions;

namespace SolidarityFn.Tests.Submissions;

/// <summary>
/// Architecture check: the app's sources set a submission's status only in SubmissionLifecycle. A text check, not a
/// compiler one: it catches assignments to StatusValue, and to Status from a SubmissionStatus or a status name.
/// </summary>
public partial class StatusWritersTests
{
    private const string Owner = "SubmissionLifecycle.cs";

    // Assignments (not ==, not =>) to StatusValue; an AssemblyEntity's StatusValue is another state machine.
    [GeneratedRegex(@"\bStatusValue\s*=(?![=>])(?!\s*AssemblyStatus\b)")]
    private static partial Regex StatusValueWrite();

    [GeneratedRegex(@"\bStatus\s*=(?![=>])\s*(SubmissionStatus\.|nameof\(\s*SubmissionStatus\.|""(Issued|Uploaded|Processing|Ready|Approved|Rejected|Failed|Withdrawn|Expired)"")")]
    private static partial Regex StatusStringWrite();

    [Fact]
    public void No_source_outside_the_lifecycle_sets_a_submission_status()
    {
        var functions = Path.Combine(RepositoryRoot(), "functions");
        var offenders = new List<string>();
        var scanned = new List<string>();
        foreach (var file in Directory.EnumerateFiles(functions, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(functions, file);
            if (Path.GetFileName(file) == Owner || relative.Split(Path.DirectorySeparatorChar).Any(d => d is "obj" or "bin"))
            {
                continue;
            }

            scanned.Add(relative);
            offenders.AddRange(Writes(File.ReadLines(file)).Select(w => $"{relative}:{w.Line}: {w.Text}"));
        }

        // The writers the lifecycle replaced were read: the scan did not pass by finding nothing.
        Assert.Contains(Path.Combine("SolidarityFn.Pipeline", "Processing", "UploadProcessor.cs"), scanned);
        Assert.True(offenders.Count == 0, "Status set outside SubmissionLifecycle:\n" + string.Join('\n', offenders));
    }

    [Theory]
    [InlineData("        submission.StatusValue = SubmissionStatus.Ready;")]
    [InlineData("            StatusValue = SubmissionStatus.Issued,")]
    [InlineData("        row.StatusValue=next;")]
    [InlineData("        row.Status = nameof(SubmissionStatus.Approved);")]
    [InlineData("        row.Status = SubmissionStatus.Withdrawn.ToString();")]
    [InlineData("        row.Status = \"Ready\";")]
    public void The_check_finds_a_status_write(string line)
    {
        Assert.Single(Writes([line]));
    }

    [Theory]
    [InlineData("        if (submission.StatusValue == SubmissionStatus.Ready)")]
    [InlineData("        var status = submission.StatusValue;")]
    [InlineData("        ProcessingClaim.Decide(submission, now, stale) => submission.StatusValue switch")]
    [InlineData("        assembly.StatusValue = AssemblyStatus.Failed;")]
    [InlineData("        set => Status = value.ToString();")]
    [InlineData("        report = report with { Status = \"unhealthy\" };")]
    [InlineData("        // submission.StatusValue = SubmissionStatus.Ready; is not done here")]
    public void The_check_leaves_reads_and_other_statuses_alone(string line)
    {
        Assert.Empty(Writes([line]));
    }

    private static IEnumerable<(int Line, string Text)> Writes(IEnumerable<string> lines) =>
        lines.Select((text, i) => (Line: i + 1, Text: text.Trim()))
            .Where(l => !l.Text.StartsWith("//", StringComparison.Ordinal))
            .Where(l => StatusValueWrite().IsMatch(l.Text) || StatusStringWrite().IsMatch(l.Text));

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
