namespace SolidarityFn.Bench.Infrastructure;

public static class RepoPaths
{
    /// <summary>The repository root: the nearest folder holding SolidarityFn.sln above the binaries (or, failing that, the working directory).</summary>
    public static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SolidarityFn.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("SolidarityFn.sln not found above " + AppContext.BaseDirectory + " or " + Directory.GetCurrentDirectory());
    }
}
