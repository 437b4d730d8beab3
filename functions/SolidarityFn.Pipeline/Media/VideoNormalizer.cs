using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// A video upload → thumbnail (handed over as soon as it exists), mezzanine clip and preview from one run (DESIGN.md §6). Every decision that can
/// refuse the video (no picture, too big, too short) is taken from ffprobe before anything is encoded.
/// </summary>
public sealed partial class VideoNormalizer
{
    private readonly FfmpegRunner _runner;
    private readonly ToneMapLuts _toneMapLuts;
    private readonly MediaOptions _options;
    private readonly ILogger<VideoNormalizer> _logger;

    public VideoNormalizer(FfmpegRunner runner, ToneMapLuts toneMapLuts, IOptions<MediaOptions> options, ILogger<VideoNormalizer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _toneMapLuts = toneMapLuts;
        _options = options.Value;
        _logger = logger;
    }

    public async Task<NormalizedMedia> NormalizeAsync(
        MediaWorkspace workspace,
        SniffedMedia sniffed,
        MediaLimits limits,
        Func<string, CancellationToken, Task> thumbnailReady,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(sniffed);
        ArgumentNullException.ThrowIfNull(limits);
        var demuxer = sniffed.Demuxer ?? throw new ArgumentException("A video needs a demuxer.", nameof(sniffed));
        var sensitive = workspace.SensitivePaths;

        var analysis = await _runner.ProbeAsync(workspace.InputPath, demuxer, sensitive, cancellationToken);
        var video = ProbedVideo.From(analysis);
        if (video is null && ProbedVideo.IsAudioOnly(analysis))
        {
            // Sound without a picture (a voice memo, an m4a renamed .mp4) is not damaged: it is not something we use.
            Log.AudioOnly(_logger, sniffed.Format);
            throw new MediaRejectedException(RejectionReasons.UnsupportedMedia, MediaMessages.AudioOnly);
        }

        if (video is null)
        {
            Log.NoVideo(_logger, sniffed.Format);
            throw new MediaRejectedException(RejectionReasons.Corrupt, MediaMessages.NoVideo);
        }

        var geometry = video.Geometry;
        if (video.Pixels > _options.MaxPixels)
        {
            Log.TooLarge(_logger, geometry.Width, geometry.Height);
            throw new MediaRejectedException(RejectionReasons.TooLarge, MediaMessages.VideoTooLarge(geometry.Width, geometry.Height));
        }

        var duration = video.DurationSeconds ?? await MeasureAsync(workspace, demuxer, limits, cancellationToken);
        Log.Probed(_logger, sniffed.Format, video.VideoCodec, video.CodedWidth, video.CodedHeight, video.Rotation, duration, video.HasAudio);
        if (duration < limits.MinClipSeconds)
        {
            throw new MediaRejectedException(RejectionReasons.TooShort, MediaMessages.TooShort(duration, limits.MinClipSeconds));
        }

        var colourFilters = await ColourFiltersAsync(video.Colour, geometry, cancellationToken);
        var seconds = Math.Min(duration, limits.MaxClipSeconds);
        var trimmed = duration > limits.MaxClipSeconds;
        // The limits scale with the work: seconds encoded, the source's pixel rate, tone mapping.
        var work = new MediaWork(
            seconds, video.Pixels, video.FramesPerSecond ?? MediaTimeouts.ReferenceFramesPerSecond, video.Colour.Classify(geometry.DisplayWidth, geometry.Height).IsHdr);
        var clipTimeout = MediaTimeouts.Transcode(work, _options);
        var thumbnailTimeout = MediaTimeouts.Thumbnail(work, _options);
        Log.Limits(_logger, clipTimeout.TotalSeconds, thumbnailTimeout.TotalSeconds, seconds, video.Pixels, work.FramesPerSecond, work.ToneMapped);
        var clip = NormalizeVideoCommand.Build(new VideoClipRequest(
            workspace.InputPath,
            demuxer,
            workspace.ClipPath,
            geometry,
            video.HasAudio,
            seconds,
            _options.X264Preset,
            _options.Crf,
            _runner.LimitsFor(clipTimeout),
            ClipAndThumbnail.Preview(_options, workspace, seconds),
            colourFilters,
            video.AudioStream));
        await ClipAndThumbnail.RunAsync(
            _runner,
            clipTimeout,
            workspace,
            "clip",
            clip,
            token => MakeThumbnailAsync(workspace, demuxer, geometry, duration, colourFilters, thumbnailTimeout, token),
            thumbnailReady,
            cancellationToken);

        var source = new SourceInfo(MediaKind.Video, geometry.DisplayWidth, geometry.Height, Math.Round(duration, 3), video.HasAudio);
        var (clipWidth, clipHeight) = NormalizeVideoCommand.ClipSize(geometry);
        return new NormalizedMedia(source, workspace.ClipPath, workspace.ThumbnailPath, workspace.PreviewPath, trimmed, clipWidth, clipHeight);
    }

    /// <summary>The filters that bring this source's colour to SDR BT.709 (tone mapping for HLG and PQ).</summary>
    private async Task<string> ColourFiltersAsync(ColourDescription colour, VideoGeometry geometry, CancellationToken cancellationToken)
    {
        var colourClass = colour.Classify(geometry.DisplayWidth, geometry.Height);
        Log.Colour(
            _logger,
            colourClass.Picture,
            colourClass.FullRange,
            colour.Transfer,
            colour.Primaries,
            colour.Matrix,
            colour.BitDepth,
            colour.DolbyVision?.Profile,
            colour.DolbyVision?.BaseLayerCompatibility);
        if (colourClass.BestEffort)
        {
            Log.BestEffortColour(_logger, colour.DolbyVision?.Profile);
        }

        var lut = colourClass.IsHdr ? await _toneMapLuts.PathForAsync(colourClass.Picture, cancellationToken) : null;
        return ColourConversion.Filters(colourClass, lut);
    }

    /// <summary>The container states no length: list the video packets (no decoding) to find it.</summary>
    private async Task<double> MeasureAsync(MediaWorkspace workspace, string demuxer, MediaLimits limits, CancellationToken cancellationToken)
    {
        // Far enough past the maximum to know the source was longer, bounded so a long file is not read to its end.
        var window = Math.Max(60, limits.MaxClipSeconds * 6);
        var packets = await _runner.ScanPacketsAsync(workspace.InputPath, demuxer, window, workspace.SensitivePaths, cancellationToken);
        var measured = ProbedVideo.DurationFromPackets(packets);
        Log.Measured(_logger, measured);
        return measured ?? throw new MediaRejectedException(RejectionReasons.Corrupt, MediaMessages.Corrupt);
    }

    private async Task MakeThumbnailAsync(
        MediaWorkspace workspace, string demuxer, VideoGeometry geometry, double duration, string colourFilters, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var limits = _runner.LimitsFor(timeout);
        var at = ThumbnailCommand.PickTime(duration);
        try
        {
            await _runner.RunAsync(
                "thumbnail",
                ThumbnailCommand.FromVideo(workspace.InputPath, demuxer, geometry, at, workspace.ThumbnailPath, _options.ThumbnailWidth, limits, colourFilters),
                timeout,
                workspace.SensitivePaths,
                cancellationToken);
        }
        catch (MediaRejectedException exception) when (at > 0 && exception.Reason == RejectionReasons.Corrupt)
        {
            // Nothing decodable at the seek point (a stated length longer than the frames): take the first frame instead.
            await _runner.RunAsync(
                "thumbnail",
                ThumbnailCommand.FromVideo(workspace.InputPath, demuxer, geometry, 0, workspace.ThumbnailPath, _options.ThumbnailWidth, limits, colourFilters),
                timeout,
                workspace.SensitivePaths,
                cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Video ({Format}, {Codec}) probed: {Width}x{Height} stored, rotation {Rotation}, {DurationSeconds:0.###} s, audio {HasAudio}")]
        public static partial void Probed(ILogger logger, ContainerFormat format, string? codec, int width, int height, int rotation, double durationSeconds, bool hasAudio);

        [LoggerMessage(Level = LogLevel.Information, Message = "Video colour read as {Picture} (full range {FullRange}): transfer {Transfer}, primaries {Primaries}, matrix {Matrix}, {BitDepth} bit, Dolby Vision profile {DolbyVisionProfile} base layer {DolbyVisionCompatibility}")]
        public static partial void Colour(
            ILogger logger, SourceColour picture, bool fullRange, string? transfer, string? primaries, string? matrix, int? bitDepth, int? dolbyVisionProfile, int? dolbyVisionCompatibility);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Dolby Vision profile {DolbyVisionProfile} has no compatible base layer: read as PQ, its colours will be off")]
        public static partial void BestEffortColour(ILogger logger, int? dolbyVisionProfile);

        [LoggerMessage(Level = LogLevel.Information, Message = "Video limits: clip {ClipTimeoutSeconds} s, thumbnail {ThumbnailTimeoutSeconds} s, for {Seconds:0.###} s of {Pixels} px at {FramesPerSecond:0.##} fps, tone-mapped {ToneMapped}")]
        public static partial void Limits(ILogger logger, double clipTimeoutSeconds, double thumbnailTimeoutSeconds, double seconds, long pixels, double framesPerSecond, bool toneMapped);

        [LoggerMessage(Level = LogLevel.Information, Message = "Video without a stated length measured from its packets: {DurationSeconds} s")]
        public static partial void Measured(ILogger logger, double? durationSeconds);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Video ({Format}) has sound but no video stream")]
        public static partial void AudioOnly(ILogger logger, ContainerFormat format);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Video ({Format}) has no video stream")]
        public static partial void NoVideo(ILogger logger, ContainerFormat format);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Video refused before decoding: {Width}x{Height} is over the pixel limit")]
        public static partial void TooLarge(ILogger logger, int width, int height);
    }
}
