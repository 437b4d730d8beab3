using System.Diagnostics;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Bench.Scenarios.Processing;

/// <summary>The bare side of one round: each ffmpeg step the pipeline runs for the clip, timed on its own.</summary>
/// <param name="ClipSeconds">The pipeline's clip command as built (clip.mp4 and preview.mp4 from one run): the denominator.</param>
/// <param name="ClipOnlySeconds">The same command without the preview output: what the denominator was before the
/// preview became a branch of the clip's graph, kept so the two can be compared.</param>
/// <param name="ClipCpu">CPU over the clip command's run, by process.</param>
public sealed record BareRound(int Round, double ProbeSeconds, double ThumbnailSeconds, double ClipSeconds, double ClipOnlySeconds, CpuUse ClipCpu)
{
    /// <summary>probe + thumbnail + clip: the ffmpeg work of the pipeline run one after the other.</summary>
    public double SerialSeconds => ProbeSeconds + ThumbnailSeconds + ClipSeconds;
}

/// <summary>
/// The commands the pipeline runs for a video, built by the pipeline's own pure builders from the same inputs the
/// <see cref="VideoNormalizer"/> computes: the demuxer from <see cref="MediaSniffer"/>, geometry, audio and length from
/// the same ffprobe run through <see cref="FfmpegRunner.ProbeAsync"/> and <see cref="ProbedVideo"/>, the campaign's
/// 10 s maximum, and the host's <see cref="MediaOptions"/> (preset, CRF, sizes, limits).
/// </summary>
public sealed class BareCommands
{
    private readonly FfmpegRunner _runner;
    private readonly MediaOptions _options;

    private BareCommands(FfmpegRunner runner, MediaOptions options, string demuxer, ProbedVideo video, double duration)
    {
        _runner = runner;
        _options = options;
        Demuxer = demuxer;
        Video = video;
        DurationSeconds = duration;
    }

    public string Demuxer { get; }

    public ProbedVideo Video { get; }

    public double DurationSeconds { get; }

    public VideoGeometry Geometry => Video.Geometry;

    /// <summary>What the clip is cut to: the source's length or the campaign maximum.</summary>
    public double ClipSeconds => Math.Min(DurationSeconds, new CampaignLimits().MaxClipSeconds);

    public static async Task<BareCommands> PlanAsync(FfmpegRunner runner, MediaOptions options, string inputPath, CancellationToken cancellationToken)
    {
        var sniffed = await MediaSniffer.SniffFileAsync(inputPath, cancellationToken)
            ?? throw new InvalidOperationException("The generated clip was not recognised as media.");
        var demuxer = sniffed.Demuxer ?? throw new InvalidOperationException("The generated clip has no demuxer.");
        var analysis = await runner.ProbeAsync(inputPath, demuxer, [], cancellationToken);
        var video = ProbedVideo.From(analysis) ?? throw new InvalidOperationException("ffprobe found no video stream in the generated clip.");
        var duration = video.DurationSeconds ?? throw new InvalidOperationException("The generated clip states no duration.");
        return new BareCommands(runner, options, demuxer, video, duration);
    }

    public FfmpegCommand Thumbnail(string input, string outputFolder) =>
        ThumbnailCommand.FromVideo(
            input,
            Demuxer,
            Geometry,
            ThumbnailCommand.PickTime(DurationSeconds),
            Path.Combine(outputFolder, "thumb.jpg"),
            _options.ThumbnailWidth,
            _runner.LimitsFor(_options.ThumbnailTimeout));

    /// <summary>The clip + preview command: exactly the VideoClipRequest VideoNormalizer makes.</summary>
    public FfmpegCommand Clip(string input, string outputFolder) => ClipCommand(input, outputFolder, withPreview: true);

    /// <summary>The same clip without the preview output.</summary>
    public FfmpegCommand ClipOnly(string input, string outputFolder) => ClipCommand(input, outputFolder, withPreview: false);

    private FfmpegCommand ClipCommand(string input, string outputFolder, bool withPreview) =>
        NormalizeVideoCommand.Build(new VideoClipRequest(
            input,
            Demuxer,
            Path.Combine(outputFolder, "clip.mp4"),
            Geometry,
            Video.HasAudio,
            ClipSeconds,
            _options.X264Preset,
            _options.Crf,
            _runner.LimitsFor(_options.TranscodeTimeout),
            withPreview
                ? new PreviewRequest(
                    Path.Combine(outputFolder, "preview.mp4"), _options.PreviewWidth, Math.Min(_options.PreviewSeconds, ClipSeconds), _options.PreviewVideoKbps)
                : null));

    /// <summary>
    /// One bare round on a fresh local copy of <paramref name="source"/>: ffprobe as the pipeline runs it (FFMpegCore),
    /// then thumbnail, clip and preview as plain ffmpeg processes with the builders' argument vectors.
    /// </summary>
    public async Task<BareRound> RunAsync(int round, string source, string folder, CpuMeter cpu, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var input = Path.Combine(folder, "upload");
        File.Copy(source, input, overwrite: true);
        var output = Path.Combine(folder, "media");
        Directory.CreateDirectory(output);
        try
        {
            var started = Stopwatch.GetTimestamp();
            await _runner.ProbeAsync(input, Demuxer, [], cancellationToken);
            var probe = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var thumbnail = await RunFfmpegAsync(Thumbnail(input, output), cancellationToken);
            var before = cpu.Take();
            var clip = await RunFfmpegAsync(Clip(input, output), cancellationToken);
            var clipCpu = CpuMeter.Between(before, cpu.Take());
            var clipOnlyFolder = Path.Combine(folder, "clip-only");
            Directory.CreateDirectory(clipOnlyFolder);
            var clipOnly = await RunFfmpegAsync(ClipOnly(input, clipOnlyFolder), cancellationToken);
            return new BareRound(round, probe, thumbnail, clip, clipOnly, clipCpu);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>ffmpeg with the command's argument vector (<see cref="FfmpegCommand.ToArguments"/>), in the output's folder as FfmpegRunner does.</summary>
    private async Task<double> RunFfmpegAsync(FfmpegCommand command, CancellationToken cancellationToken)
    {
        var run = await ProcessingMedia.RunCheckedAsync(_options.FfmpegExecutable, command.ToArguments(), cancellationToken, Path.GetDirectoryName(command.OutputPath));
        foreach (var path in command.OutputPaths)
        {
            if (!File.Exists(path) || new FileInfo(path).Length == 0)
            {
                throw new InvalidOperationException($"ffmpeg wrote no {Path.GetFileName(path)}.");
            }
        }

        return run.Seconds;
    }
}
