using System.Diagnostics;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Processing;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Protection;

/// <summary>
/// Proposes the regions to hide in a clip whose contributor asked for hidden faces: frames sampled every 0.2 s
/// (<see cref="FrameSampleCommand"/>), OpenCV's cascades on each (<see cref="FaceDetector"/>), boxes grown, held and
/// merged (<see cref="RegionProposals"/>). The detector misses faces (turned away, half hidden, small): these are
/// proposals an organizer checks, never a promise. A detector that cannot run is our fault, not the contributor's: the
/// clip is processed without proposals, and the organizer's check says the detector failed.
/// </summary>
public sealed partial class RegionProposer : IDisposable
{
    /// <summary>The frame sampling's limit (ffmpeg, inside the processing claim like the rest).</summary>
    public static readonly TimeSpan SampleTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The detector's wall-clock budget for one clip (300 frames of a 60 s clip, on a busy instance).</summary>
    public static readonly TimeSpan DetectionBudget = TimeSpan.FromMinutes(4);

    private readonly StorageClients _storage;
    private readonly FfmpegRunner _ffmpeg;
    private readonly SubmissionStore _submissions;
    private readonly MediaOptions _media;
    private readonly ProcessingOptions _processing;
    private readonly TimeProvider _time;
    private readonly ILogger<RegionProposer> _logger;
    private readonly Lazy<FaceDetector> _detector;
    private readonly bool _detectionEnabled;

    public RegionProposer(
        StorageClients storage,
        FfmpegRunner ffmpeg,
        SubmissionStore submissions,
        IOptions<MediaOptions> media,
        IOptions<ProcessingOptions> processing,
        TimeProvider time,
        ILogger<RegionProposer> logger,
        IOptions<ProtectionOptions>? protection = null)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(processing);
        _storage = storage;
        _ffmpeg = ffmpeg;
        _submissions = submissions;
        _media = media.Value;
        _processing = processing.Value;
        _time = time;
        _logger = logger;
        _detectionEnabled = protection?.Value.FaceDetection ?? true;
        // PublicationOnly: a load that failed (a missing native library) is tried again next time, not remembered.
        _detector = new Lazy<FaceDetector>(() => new FaceDetector(), LazyThreadSafetyMode.PublicationOnly);
    }

    /// <summary>Faces seen in a local clip, as proposed regions; throws <see cref="FaceDetectionException"/> when the detector cannot run.</summary>
    public async Task<IReadOnlyList<ProtectionRegion>> ProposeAsync(
        string clipPath, int clipWidth, int clipHeight, double clipSeconds, string workDirectory, CancellationToken cancellationToken)
    {
        var detections = await DetectAsync(clipPath, clipWidth, clipHeight, workDirectory, cancellationToken);
        return RegionProposals.From(detections, clipSeconds);
    }

    /// <summary>Every detection on every sampled frame (times in seconds, boxes as fractions of the picture).</summary>
    public async Task<IReadOnlyList<FaceDetection>> DetectAsync(
        string clipPath, int clipWidth, int clipHeight, string workDirectory, CancellationToken cancellationToken)
    {
        if (!_detectionEnabled)
        {
            // Turned off where the native detector cannot load: an empty proposal, and the organizer draws every box.
            Log.DetectionOff(_logger);
            return [];
        }

        var rawPath = Path.Combine(workDirectory, "faces-" + Guid.NewGuid().ToString("N") + ".gray");
        try
        {
            var limits = new FfmpegLimits(_media.MaxPixels, SafeArguments.CpuSecondsFor(SampleTimeout, Environment.ProcessorCount));
            await _ffmpeg.RunAsync("face-frames", FrameSampleCommand.Build(clipPath, clipWidth, clipHeight, rawPath, limits), SampleTimeout, [workDirectory], cancellationToken);
            var (w, h) = FrameSampleCommand.SampleSize(clipWidth, clipHeight);
            FaceDetector detector;
            try
            {
                detector = _detector.Value;
            }
            catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException or FileNotFoundException or InvalidOperationException or EntryPointNotFoundException)
            {
                throw new FaceDetectionException("The face detector could not start.", e);
            }

            // Bounded: a slow detection must not hold the processing claim towards its stale limit. Running out of
            // time is ours, like a failure: the clip goes to review without proposals.
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(DetectionBudget);
            try
            {
                return await Task.Run(() => DetectFrames(detector, rawPath, w, h, budget.Token), budget.Token);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new FaceDetectionException("Face detection ran out of time.", e);
            }
        }
        finally
        {
            File.Delete(rawPath);
        }
    }

    /// <summary>
    /// Proposes regions for a stored Ready or Rejected clip (protection asked for from the receipt after processing) and
    /// records them; returns the row as written, or null when the detector failed or the row changed meanwhile.
    /// </summary>
    public async Task<SubmissionEntity?> ProposeForStoredAsync(SubmissionEntity submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var media = _storage.Container(StorageNames.MediaContainer);
        var prefix = StorageNames.MediaPrefix(submission.CampaignId, submission.SubmissionId);
        using var folder = WorkFolder.Create(_processing.WorkRoot);
        var path = folder.File("clip.mp4");
        try
        {
            // Detect on the clip as processing stored it: the kept unprotected copy once a confirmation made one.
            var blob = media.GetBlobClient(prefix + ProtectedClipRenderer.UnprotectedBlobName);
            if (!await blob.ExistsAsync(cancellationToken))
            {
                blob = media.GetBlobClient(prefix + "clip.mp4");
            }

            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            await blob.DownloadToAsync(path, new BlobDownloadToOptions { Conditions = new BlobRequestConditions { IfMatch = properties.Value.ETag } }, cancellationToken);
            var shape = ClipShape.FromMetadata(properties.Value.Metadata);
            var regions = await ProposeAsync(path, shape.Width, shape.Height, submission.ClipSeconds ?? 0, folder.Path, cancellationToken);
            var row = submission.Copy();
            Record(row, regions);
            return await _submissions.TryReplaceAsync(row, cancellationToken) ? row : null;
        }
        catch (Exception e) when (e is FaceDetectionException or MediaToolException or RequestFailedException)
        {
            Log.ProposalFailed(_logger, e, submission.SubmissionId, submission.CampaignId);
            return null;
        }
    }

    /// <summary>Stores proposals on the row (regions an organizer already saved are kept, the proposals added).</summary>
    public void Record(SubmissionEntity submission, IReadOnlyList<ProtectionRegion> regions)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var kept = ProtectionRegions.Parse(submission.ProtectionRegionsJson);
        submission.ProtectionRegionsJson = ProtectionRegions.Serialize([.. kept, .. regions]);
        submission.ProtectionProposedAt = _time.GetUtcNow();
    }

    private List<FaceDetection> DetectFrames(FaceDetector detector, string rawPath, int width, int height, CancellationToken cancellationToken)
    {
        var frameBytes = width * height;
        var buffer = new byte[frameBytes];
        var detections = new List<FaceDetection>();
        using var stream = File.OpenRead(rawPath);
        var clock = Stopwatch.StartNew();
        var index = 0;
        while (stream.ReadAtLeast(buffer, frameBytes, throwOnEndOfStream: false) == frameBytes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var at = index / (double)FrameSampleCommand.FramesPerSecond;
            foreach (var box in detector.Detect(buffer, width, height))
            {
                detections.Add(new FaceDetection(at, box.X / (double)width, box.Y / (double)height, box.Width / (double)width, box.Height / (double)height));
            }

            index++;
        }

        Log.Detected(_logger, index, detections.Count, index == 0 ? 0 : clock.Elapsed.TotalMilliseconds / index);
        return detections;
    }

    public void Dispose()
    {
        if (_detector.IsValueCreated)
        {
            _detector.Value.Dispose();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Face detection: {Frames} frames, {Detections} boxes, {MillisecondsPerFrame:0.#} ms per frame")]
        public static partial void Detected(ILogger logger, int frames, int detections, double millisecondsPerFrame);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Face detection is turned off (Protection:FaceDetection): no regions proposed; the organizer adds them by hand")]
        public static partial void DetectionOff(ILogger logger);

        [LoggerMessage(Level = LogLevel.Error, Message = "Could not propose face regions for {SubmissionId} ({CampaignId}); the organizer adds them by hand")]
        public static partial void ProposalFailed(ILogger logger, Exception exception, string submissionId, string campaignId);
    }
}

/// <summary>The face detector could not run (its native library or a model missing): our fault, never the contributor's.</summary>
public sealed class FaceDetectionException(string message, Exception inner) : Exception(message, inner);
