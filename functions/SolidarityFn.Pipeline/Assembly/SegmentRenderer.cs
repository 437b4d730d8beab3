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

    public SegmentRenderer(FfmpegRunner runner, IOptions<MediaOptions> options, AssemblyFonts fonts)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fonts);
        _runner = runner;
        _options = options.Value;
        Fonts = fonts;
    }

    public AssemblyFonts Fonts { get; }

    /// <summary>Measures lines for wrapping, with the same fonts drawtext draws them in.</summary>
    public ITextWidth TextWidth { get; init; } = FreeTypeTextWidth.Instance;

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
    public async Task RenderAsync(
        TimelineEntry entry, AssemblyFormat format, string? clipPath, ClipShape? clipShape, string workDir, string outputPath, CancellationToken cancellationToken)
    {
        var command = await CommandAsync(entry, format, clipPath, clipShape, workDir, outputPath, cancellationToken);
        await _runner.RunAsync("assembly-" + entry.Kind.ToString().ToLowerInvariant(), command, _options.TranscodeTimeout, [workDir, outputPath, clipPath ?? string.Empty], cancellationToken);
    }

    /// <summary>
    /// The ffmpeg command <see cref="RenderAsync"/> runs, with its text files written (wrapped by measured width) into
    /// <paramref name="workDir"/>. Public so the benchmark's single-pass reference draws exactly the same text.
    /// </summary>
    public async Task<FfmpegCommand> CommandAsync(
        TimelineEntry entry, AssemblyFormat format, string? clipPath, ClipShape? clipShape, string workDir, string outputPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentException.ThrowIfNullOrWhiteSpace(workDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var stem = Path.Combine(workDir, "text-" + Guid.NewGuid().ToString("N"));
        var limits = _runner.LimitsFor(_options.TranscodeTimeout);
        FfmpegCommand command;
        if (entry.Kind == SegmentKind.Clip)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(clipPath);
            ArgumentNullException.ThrowIfNull(clipShape);
            var caption = await WriteTextAsync(stem + "-caption.txt", entry.Text, Fonts.BoldPath, format.CaptionFontSize, format, MaxCaptionLines, cancellationToken);
            var meta = await WriteTextAsync(stem + "-meta.txt", entry.SubText, Fonts.RegularPath, format.MetaFontSize, format, 1, cancellationToken);
            command = ClipSegmentCommand.Build(new ClipSegmentRequest(
                clipPath, clipShape, entry.In, entry.Seconds, format, caption, meta, outputPath, Encoding, Fonts, limits));
        }
        else
        {
            var headline = await WriteTextAsync(stem + "-headline.txt", entry.Text, Fonts.BoldPath, format.CardFontSize, format, MaxCardLines, cancellationToken);
            var subline = await WriteTextAsync(stem + "-subline.txt", entry.SubText, Fonts.RegularPath, CardCommand.SublineFontSize(format), format, MaxCardLines, cancellationToken);
            command = CardCommand.Build(new CardRequest(format, entry.Seconds, headline, subline, outputPath, Encoding, Fonts, limits));
        }

        return command;
    }

    /// <summary>
    /// Wraps <paramref name="text"/> by its measured width in <paramref name="fontPath"/> at <paramref name="fontSize"/>
    /// so every line stays inside the format's text width, and writes it for drawtext (null: nothing to draw).
    /// </summary>
    public Task<string?> WriteTextAsync(
        string path, string? text, string fontPath, int fontSize, AssemblyFormat format, int maxLines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(format);
        var lines = CaptionTextFiles.Wrap(text, line => TextWidth.Measure(fontPath, fontSize, line) <= format.TextWidth, maxLines);
        return CaptionTextFiles.WriteLinesAsync(path, lines, cancellationToken);
    }

    /// <summary>
    /// Joins segment files (all in <paramref name="segmentDir"/>, named plainly, in timeline order) into
    /// <paramref name="outputPath"/> of <paramref name="totalSeconds"/> (the timeline's), through a list written beside them.
    /// </summary>
    public async Task ConcatAsync(string segmentDir, IReadOnlyList<string> segmentFileNames, double totalSeconds, string outputPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(segmentDir);
        var listPath = Path.Combine(segmentDir, "concat-" + Guid.NewGuid().ToString("N") + ".txt");
        await File.WriteAllTextAsync(listPath, ConcatCommand.ListText(segmentFileNames), CaptionTextFiles.Utf8NoBom, cancellationToken);
        var limits = _runner.LimitsFor(_options.TranscodeTimeout);
        await _runner.RunAsync("assembly-concat", ConcatCommand.Build(listPath, outputPath, totalSeconds, limits), _options.TranscodeTimeout, [segmentDir, outputPath], cancellationToken);
    }
}
