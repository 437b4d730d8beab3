namespace SolidarityFn.Pipeline.Processing;

/// <summary>A private temp folder (mode 700) for one upload, deleted with everything in it on dispose.</summary>
public sealed class WorkFolder : IDisposable
{
    private WorkFolder(string path) => Path = path;

    public string Path { get; }

    public static WorkFolder Create(string? root)
    {
        var parent = System.IO.Path.Combine(root ?? System.IO.Path.GetTempPath(), "solidarityfn");
        Directory.CreateDirectory(parent);
        var path = System.IO.Path.Combine(parent, Guid.NewGuid().ToString("N"));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new WorkFolder(path);
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
