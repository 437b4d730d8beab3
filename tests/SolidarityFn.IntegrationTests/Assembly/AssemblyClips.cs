using SolidarityFn.IntegrationTests.Media;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>
/// Three short mezzanine clips made with lavfi (test pattern + tone) and the mezzanine encoder settings, one of each
/// shape a clip can keep (landscape, portrait, square), in a folder whose name has spaces, an apostrophe, a percent sign
/// and brackets (it ends up inside drawtext's textfile= paths).
/// </summary>
public sealed class AssemblyClips : IAsyncLifetime
{
    public const double ClipSeconds = 3;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"assembly it's 100% [w] {Guid.NewGuid():N}");

    public IReadOnlyList<string> Clips { get; private set; } = [];

    /// <summary>The picture size of each clip, as its blob's metadata would state it.</summary>
    public IReadOnlyList<ClipShape> Shapes { get; } = [new(1920, 1080), new(1080, 1920), new(1080, 1080)];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var clips = new List<string>();
        string[] patterns = ["testsrc2", "smptebars", "rgbtestsrc"];
        for (var i = 0; i < patterns.Length; i++)
        {
            var path = Path.Combine(Folder, $"clip{i}.mp4");
            await Tool.RunAsync("ffmpeg", [
                "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", $"{patterns[i]}=size={Shapes[i].Width}x{Shapes[i].Height}:rate=30:duration={ClipSeconds}",
                "-f", "lavfi", "-i", $"sine=frequency={440 + (i * 110)}:sample_rate=48000:duration={ClipSeconds}",
                "-map", "0:v", "-map", "1:a", "-t", "3",
                .. MezzanineFormat.OutputArguments("ultrafast", 23), path]);
            clips.Add(path);
        }

        Clips = clips;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}
