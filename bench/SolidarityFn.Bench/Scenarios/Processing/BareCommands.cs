using System.Diagnostics;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Bench.Scenarios.Processing;

/// <summary>The bare side of one round: each ffmpeg step the pipeline runs for the clip, timed on its own.</summary>
/// <param name="ClipCpu">CPU over the clip command's run, by process.</param>
/// <param name="ClipSha256">Hash of clip.mp4, to compare with the what-if's.</param>
public sealed record BareRound(int Round, double ProbeSeconds, double ThumbnailSeconds, double ClipSeconds, double PreviewSeconds, CpuUse ClipCpu, string ClipSha256)
{
    /// <summary>probe + thumbnail + clip + preview: the ffmpeg work the pipeline does one after the other.</summary>
    public double SerialSeconds => ProbeSeconds + ThumbnailSeconds + ClipSeconds + PreviewSeconds;
}

/// <summary>
/// `--what-if`: the same ffmpeg work arranged as proposed (not as the pipeline does it today): ffprobe, then the thumbnail
/// alongside one ffmpeg run that writes clip.mp4 and preview.mp4 from the same decoded frames.
/// </summary>
/// <param name="Seconds">ffprobe start → both runs ended.</param>
/// <param name="ClipAndPreviewSeconds">The one clip + preview run.</param>
/// <param name="ThumbnailSeconds">The thumbnail run, alongside it.</param>
public sealed record WhatIfRound(int Round, double ProbeSeconds, double ClipAndPreviewSeconds, double ThumbnailSeconds, double Seconds, string ClipSha256);

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

    /// <summary>The mezzanine clip: exactly the VideoClipRequest VideoNormalizer makes.</summary>
    public FfmpegCommand Clip(string input, string outputFolder) =>
        NormalizeVideoCommand.Build(new VideoClipRequest(
            input,
            Demuxer,
            Path.Combine(outputFolder, "clip.mp4"),
            Geometry,
            Video.HasAudio,
            ClipSeconds,
            _options.X264Preset,
            _options.Crf,
            _runner.LimitsFor(_options.TranscodeTimeout)));

    public FfmpegCommand Preview(string outputFolder) =>
        PreviewCommand.Build(
            Path.Combine(outputFolder, "clip.mp4"),
            Path.Combine(outputFolder, "preview.mp4"),
            _options.PreviewWidth,
            Math.Min(_options.PreviewSeconds, ClipSeconds),
            _options.PreviewVideoKbps,
            _runner.LimitsFor(_options.TranscodeTimeout));

    /// <summary>
    /// clip.mp4 and preview.mp4 from one ffmpeg run: the clip command exactly as built (its output is byte-identical),
    /// with its final video and audio split once more into the preview's scale and the preview's own output options.
    /// </summary>
    public IReadOnlyList<string> ClipWithPreview(string input, string outputFolder)
    {
        var clip = Clip(input, outputFolder);
        var preview = Preview(outputFolder);
        var previewOutput = preview.Output.ToList();
        var vf = previewOutput.IndexOf("-vf");
        var scale = previewOutput[vf + 1];
        previewOutput.RemoveRange(vf, 2);
        previewOutput.RemoveRange(previewOutput.IndexOf("-map"), 4); // -map 0:v:0 -map 0:a:0?

        var clipOutput = clip.Output.ToList();
        var graph = clipOutput.IndexOf("-filter_complex") + 1;
        var split = clipOutput[graph].Replace("[v];", $",split=2[v][preview_in];[preview_in]{scale}[pv];", StringComparison.Ordinal);
        split = Video.HasAudio
            ? split.Replace("apad[a]", "apad,asplit=2[a][pa]", StringComparison.Ordinal)
            : split.Replace("[a]", ",asplit=2[a][pa]", StringComparison.Ordinal);
        clipOutput[graph] = split;

        List<string> arguments = [.. clip.Global];
        foreach (var i in clip.Inputs)
        {
            arguments.AddRange(i.Options);
            arguments.Add("-i");
            arguments.Add(i.Path);
        }

        arguments.AddRange(clipOutput);
        arguments.Add(clip.OutputPath);
        arguments.AddRange(["-map", "[pv]", "-map", "[pa]", .. previewOutput, preview.OutputPath]);
        return arguments;
    }

    /// <summary>The proposed arrangement on a fresh local copy (see <see cref="WhatIfRound"/>).</summary>
    public async Task<WhatIfRound> RunWhatIfAsync(int round, string source, string folder, CancellationToken cancellationToken)
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
            var thumbnail = RunFfmpegAsync(Thumbnail(input, output), cancellationToken);
            var both = ProcessingMedia.RunCheckedAsync(_options.FfmpegExecutable, ClipWithPreview(input, output), cancellationToken, output);
            await Task.WhenAll(thumbnail, both);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            foreach (var name in new[] { "clip.mp4", "preview.mp4" })
            {
                if (!File.Exists(Path.Combine(output, name)) || new FileInfo(Path.Combine(output, name)).Length == 0)
                {
                    throw new InvalidOperationException($"The clip + preview run wrote no {name}.");
                }
            }

            return new WhatIfRound(round, probe, (await both).Seconds, await thumbnail, seconds, await Sha256Async(Path.Combine(output, "clip.mp4"), cancellationToken));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

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
            var preview = await RunFfmpegAsync(Preview(output), cancellationToken);
            return new BareRound(round, probe, thumbnail, clip, preview, clipCpu, await Sha256Async(Path.Combine(output, "clip.mp4"), cancellationToken));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexString(await System.Security.Cryptography.SHA256.HashDataAsync(file, cancellationToken));
    }

    /// <summary>ffmpeg with the command's argument vector (<see cref="FfmpegCommand.ToArguments"/>), in the output's folder as FfmpegRunner does.</summary>
    private async Task<double> RunFfmpegAsync(FfmpegCommand command, CancellationToken cancellationToken)
    {
        var run = await ProcessingMedia.RunCheckedAsync(_options.FfmpegExecutable, command.ToArguments(), cancellationToken, Path.GetDirectoryName(command.OutputPath));
        if (!File.Exists(command.OutputPath) || new FileInfo(command.OutputPath).Length == 0)
        {
            throw new InvalidOperationException($"ffmpeg wrote no {Path.GetFileName(command.OutputPath)}.");
        }

        return run.Seconds;
    }
}
