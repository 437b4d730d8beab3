namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// Where one normalisation reads and writes: the caller's upload inside the caller's work folder, and a fresh folder
/// of ours inside it for the outputs (so no output name can collide with whatever the upload was called).
/// </summary>
public sealed record MediaWorkspace(string WorkDir, string InputPath, string OutputDir)
{
    public string ClipPath => Path.Combine(OutputDir, "clip.mp4");

    public string ThumbnailPath => Path.Combine(OutputDir, "thumb.jpg");

    public string PreviewPath => Path.Combine(OutputDir, "preview.mp4");

    /// <summary>The prepared photo (PNG) a still clip and its thumbnail are made from.</summary>
    public string PhotoPath => Path.Combine(OutputDir, "photo.png");

    /// <summary>Paths kept out of logs.</summary>
    public IReadOnlyCollection<string> SensitivePaths => [OutputDir, InputPath, WorkDir];

    /// <summary>Checks the paths (absolute, the input inside the work folder, quotable) and creates the output folder.</summary>
    public static MediaWorkspace Create(string inputPath, string workDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(workDir);
        if (!Path.IsPathFullyQualified(inputPath) || !Path.IsPathFullyQualified(workDir))
        {
            throw new ArgumentException("The input and the work folder must be absolute paths.");
        }

        var fullWorkDir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workDir));
        var fullInput = Path.GetFullPath(inputPath);
        var relative = Path.GetRelativePath(fullWorkDir, fullInput);
        if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new ArgumentException("The input must be inside the work folder.", nameof(inputPath));
        }

        FfmpegRunner.EnsureQuotable(fullWorkDir);
        FfmpegRunner.EnsureQuotable(fullInput);
        if (!Directory.Exists(fullWorkDir))
        {
            throw new DirectoryNotFoundException("The work folder does not exist.");
        }

        if (!File.Exists(fullInput))
        {
            throw new FileNotFoundException("The input file does not exist.");
        }

        var outputDir = Path.Combine(fullWorkDir, "media-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(outputDir);
        return new MediaWorkspace(fullWorkDir, fullInput, outputDir);
    }
}
