using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Media;

public sealed class MediaWorkspaceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ws ").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Outputs_go_to_a_fresh_folder_inside_the_work_folder()
    {
        var input = Touch("clip.mp4");
        var workspace = MediaWorkspace.Create(input, _root);

        Assert.True(Directory.Exists(workspace.OutputDir));
        Assert.Equal(_root, Path.GetDirectoryName(workspace.OutputDir));
        Assert.NotEqual(input, workspace.ClipPath);
        Assert.All(
            new[] { workspace.ClipPath, workspace.ThumbnailPath, workspace.PreviewPath, workspace.PhotoPath },
            p => Assert.Equal(workspace.OutputDir, Path.GetDirectoryName(p)));
    }

    [Fact]
    public void An_input_outside_the_work_folder_is_refused()
    {
        var outside = Path.Combine(Path.GetTempPath(), "outside-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(outside, "x");
        try
        {
            Assert.Throws<ArgumentException>(() => MediaWorkspace.Create(outside, _root));
            Assert.Throws<ArgumentException>(() => MediaWorkspace.Create(Path.Combine(_root, "..", Path.GetFileName(outside)), _root));
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public void Relative_paths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MediaWorkspace.Create("upload", _root));
        Assert.Throws<ArgumentException>(() => MediaWorkspace.Create(Touch("upload"), "work"));
    }

    private string Touch(string name)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, "x");
        return path;
    }
}
