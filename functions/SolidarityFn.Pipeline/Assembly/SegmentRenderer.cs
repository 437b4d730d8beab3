using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// Renders one timeline entry into one segment file, and joins finished segments into the video, through
/// <see cref="FfmpegRunner"/>. It knows local paths only, so a cache keyed by <see cref="SegmentKey"/> can wrap it.
/// </summary>
public sealed class SegmentRenderer
{
    /// <summary>Caption lines at most: a lower third, not a paragraph.</summary>
    public const int MaxCaptionLines = 3;

    public const int MaxCardLines = 4;

    private readonly FfmpegRunner _runner;
    private readonly MediaOptions _options;

    public SegmentRenderer(FfmpegRunner runner, IOptions<MediaOptions> options, SegmentText text)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(text);
        _runner = runner;
        _options = options.Value;
        Text = text;
    }

    /// <summary>Draws the segments' text (wrapped by measured width, shaped, in every shipped script) into pictures.</summary>
    public SegmentText Text { get; }

    public AssemblyFonts Fonts => Text.Fonts.Fonts;

    /// <summary>The encoder settings of every segment (the mezzanine's preset and CRF).</summary>
    public SegmentEncoding Encoding => new(_options.X264Preset, _options.Crf);

    /// <summary>ffmpeg's version line, part of every key (see <see cref="SegmentKey"/>).</summary>
    public Task<string> EncoderBuildAsync(CancellationToken cancellationToken) => _runner.EncoderBuildAsync(cancellationToken);

    /// <summary>The cache key of the segment <see cref="RenderAsync"/> would make with <paramref name="encoderBuild"/> (<see cref="EncoderBuildAsync"/>).</summary>
    public string KeyFor(TimelineEntry entry, string? sourceIdentity, ClipShape? clipShape, AssemblyFormat format, string encoderBuild) =>
        SegmentKey.For(entry, sourceIdentity, clipShape, format, Fonts, Encoding, encoderBuild, SegmentFormat.TemplateVersion);

    /// <summary>
    /// Renders <paramref name="entry"/> in <paramref name="format"/> to <paramref name="outputPath"/>. Text files go into
    /// <paramref name="workDir"/> (absolute, created by the caller); <paramref name="clipPath"/> is the local mezzanine
    /// clip for a clip entry, of <paramref name="clipShape"/>, both ignored for cards.
    /// </summary>
    public Task RenderAsync(
        TimelineEntry entry, AssemblyFormat format, string? clipPath, ClipShape? clipShape, string workDir, string outputPath, CancellationToken cancellationToken) =>
        RenderAsync(entry, format, clipPath, clipShape, workDir, outputPath, oneThread: false, cancellationToken);

    /// <param name="oneThread">Other renders run beside this one: ffmpeg on one thread (<see cref="SegmentThreads"/>).</param>
    public async Task RenderAsync(
        TimelineEntry entry, AssemblyFormat format, string? clipPath, ClipShape? clipShape, string workDir, string outputPath, bool oneThread, CancellationToken cancellationToken)
    {
        var command = await CommandAsync(entry, format, clipPath, clipShape, workDir, outputPath, cancellationToken);
        command = oneThread ? SegmentThreads.OneThread(command) : command;
        await _runner.RunAsync("assembly-" + entry.Kind.ToString().ToLowerInvariant(), command, _options.TranscodeTimeout, [workDir, outputPath, clipPath ?? string.Empty], cancellationToken);
    }

    /// <summary>
    /// The ffmpeg command <see cref="RenderAsync"/> runs, with its text picture drawn into <paramref name="workDir"/>.
    /// Public so the benchmark's single-pass reference draws exactly the same text.
    /// </summary>
    public async Task<FfmpegCommand> CommandAsync(
        TimelineEntry entry, AssemblyFormat format, string? clipPath, ClipShape? clipShape, string workDir, string outputPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentException.ThrowIfNullOrWhiteSpace(workDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var png = Path.Combine(workDir, "text-" + Guid.NewGuid().ToString("N") + ".png");
        var limits = _runner.LimitsFor(_options.TranscodeTimeout);
        if (entry.Kind == SegmentKind.Clip)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(clipPath);
            ArgumentNullException.ThrowIfNull(clipShape);
            var lowerThird = await Text.LowerThirdAsync(entry.Text, entry.SubText, format, png, entry.Look, cancellationToken);
            return ClipSegmentCommand.Build(new ClipSegmentRequest(
                clipPath, clipShape, entry.In, entry.Seconds, format, lowerThird, outputPath, Encoding, limits, entry.Look));
        }

        var card = await Text.CardAsync(entry.Text, entry.SubText, format, png, entry.Look, cancellationToken);
        return CardCommand.Build(new CardRequest(format, entry.Seconds, card, outputPath, Encoding, limits, entry.Look));
    }

    /// <summary>
    /// Joins segment files (all in <paramref name="segmentDir"/>, named plainly, in timeline order) into
    /// <paramref name="outputPath"/> of <paramref name="totalSeconds"/> (the timeline's), through a list written beside them.
    /// With <paramref name="mixedAudioPath"/> the sound is copied from that file (the assembly's mix, <see cref="AssemblyAudio"/>).
    /// </summary>
    public async Task ConcatAsync(string segmentDir, IReadOnlyList<string> segmentFileNames, double totalSeconds, string outputPath, CancellationToken cancellationToken, string? mixedAudioPath = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(segmentDir);
        var listPath = Path.Combine(segmentDir, "concat-" + Guid.NewGuid().ToString("N") + ".txt");
        await File.WriteAllTextAsync(listPath, ConcatCommand.ListText(segmentFileNames), CaptionTextFiles.Utf8NoBom, cancellationToken);
        var limits = _runner.LimitsFor(_options.TranscodeTimeout);
        await _runner.RunAsync("assembly-concat", ConcatCommand.Build(listPath, outputPath, totalSeconds, limits, mixedAudioPath), _options.TranscodeTimeout, [segmentDir, outputPath], cancellationToken);
    }
}
