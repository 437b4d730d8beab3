namespace SolidarityFn.IntegrationTests.Fixtures;

internal static class RepoPaths
{
    /// <summary>The repository root: the folder above the test binaries that holds SolidarityFn.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
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
