using Microsoft.Extensions.Options;

namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// A photo upload → the clean PNG (Magick.NET); then, side by side, its thumbnail (handed over as soon as it exists) and
/// one run writing a still clip in the mezzanine format (gentle zoom, silent track) and the preview.
/// </summary>
public sealed class PhotoNormalizer
{
    private readonly PhotoPreparer _preparer;
    private readonly FfmpegRunner _runner;
    private readonly MediaOptions _options;

    public PhotoNormalizer(PhotoPreparer preparer, FfmpegRunner runner, IOptions<MediaOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _preparer = preparer;
        _runner = runner;
        _options = options.Value;
    }

    public async Task<NormalizedMedia> NormalizeAsync(
        MediaWorkspace workspace,
        SniffedMedia sniffed,
        MediaLimits limits,
        Func<string, CancellationToken, Task> thumbnailReady,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(limits);
        var sensitive = workspace.SensitivePaths;
        var photo = await _preparer.PrepareAsync(workspace.InputPath, sniffed, workspace.PhotoPath, cancellationToken);
        var work = MediaWork.Still(limits.PhotoSeconds, (long)photo.PngWidth * photo.PngHeight);
        var clipTimeout = MediaTimeouts.Transcode(work, _options);
        var thumbnailTimeout = MediaTimeouts.Thumbnail(work, _options);

        var clip = StillClipCommand.Build(new StillClipRequest(
            photo.PngPath,
            photo.PngWidth,
            photo.PngHeight,
            workspace.ClipPath,
            limits.PhotoSeconds,
            _options.X264Preset,
            _options.Crf,
            _runner.LimitsFor(clipTimeout),
            ClipAndThumbnail.Preview(_options, workspace, limits.PhotoSeconds)));
        await ClipAndThumbnail.RunAsync(
            _runner,
            clipTimeout,
            workspace,
            "still-clip",
            clip,
            token => _runner.RunAsync(
                "thumbnail",
                ThumbnailCommand.FromPhoto(
                    photo.PngPath, photo.PngWidth, photo.PngHeight, workspace.ThumbnailPath, _options.ThumbnailWidth, _runner.LimitsFor(thumbnailTimeout)),
                thumbnailTimeout,
                sensitive,
                token),
            thumbnailReady,
            cancellationToken);

        // A photo has no duration of its own; the clip's length is the campaign's PhotoSeconds.
        var source = new SourceInfo(MediaKind.Photo, photo.Width, photo.Height, 0, HadAudio: false);
        var (clipWidth, clipHeight) = MezzanineFormat.ClipSize(photo.PngWidth, photo.PngHeight);
        return new NormalizedMedia(source, workspace.ClipPath, workspace.ThumbnailPath, workspace.PreviewPath, Trimmed: false, clipWidth, clipHeight);
    }
}
