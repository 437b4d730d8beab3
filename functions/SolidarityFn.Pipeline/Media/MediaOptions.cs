namespace SolidarityFn.Pipeline.Media;

public sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <summary>Folder holding ffmpeg and ffprobe; null finds them on PATH.</summary>
    public string? FfmpegPath { get; set; }

    public string FfmpegExecutable => Resolve("ffmpeg");

    public string FfprobeExecutable => Resolve("ffprobe");

    private string Resolve(string tool) =>
        string.IsNullOrWhiteSpace(FfmpegPath) ? tool : Path.Combine(FfmpegPath, tool);
}
