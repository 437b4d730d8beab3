using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Processing;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Protection;

/// <summary>
/// Makes the protected clip once regions are confirmed (issue 15). The first confirmation moves the clip as processing
/// stored it to <c>unprotected.mp4</c> in the same private folder (never linked, never read by an assembly); every
/// confirmation renders from that copy, so confirming again never masks a mosaic twice. clip.mp4, preview.mp4 and
/// thumb.jpg are then replaced by protected ones; clip.mp4 carries <c>protected=1</c>. The assembly reads clip.mp4 only,
/// and its segment keys include the clip's ETag, which a new render changes: segments never outlive the regions.
/// </summary>
public sealed partial class ProtectedClipRenderer(
    StorageClients storage,
    FfmpegRunner ffmpeg,
    IOptions<MediaOptions> mediaOptions,
    IOptions<ProcessingOptions> processingOptions,
    ILogger<ProtectedClipRenderer> logger)
{
    public const string UnprotectedBlobName = "unprotected.mp4";
    public const string ProtectedMetadata = "protected";

    private static readonly TimeSpan RenderTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Renders and stores the protected clip, preview and thumbnail of a Ready (or Rejected) submission.</summary>
    public async Task RenderAsync(
        string campaignId, string submissionId, IReadOnlyList<ProtectionRegion> regions, bool removeVoice, double clipSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var media = storage.Container(StorageNames.MediaContainer);
        var prefix = StorageNames.MediaPrefix(campaignId, submissionId);
        var options = mediaOptions.Value;
        using var folder = WorkFolder.Create(processingOptions.Value.WorkRoot);
        var source = folder.File("unprotected.mp4");
        var metadataOfSource = await FetchUnprotectedAsync(media, prefix, source, cancellationToken);
        var shape = ClipShape.FromMetadata(metadataOfSource);

        var cpu = SafeArguments.CpuSecondsFor(RenderTimeout, Environment.ProcessorCount);
        var limits = new FfmpegLimits(options.MaxPixels, cpu);
        var clipPath = folder.File("clip.mp4");
        var previewPath = folder.File("preview.mp4");
        var thumbPath = folder.File("thumb.jpg");
        var preview = new PreviewRequest(previewPath, options.PreviewWidth, Math.Min(options.PreviewSeconds, clipSeconds), options.PreviewVideoKbps);
        var command = MosaicCommand.Build(source, shape.Width, shape.Height, clipSeconds, regions, removeVoice, limits, options.X264Preset, options.Crf, clipPath, preview);
        string[] sensitive = [folder.Path];
        await ffmpeg.RunAsync("protect", command, RenderTimeout, sensitive, cancellationToken);

        // The thumbnail comes from the protected frames, so it can never show what the clip hides.
        var thumbnail = ThumbnailCommand.FromVideo(
            clipPath, MediaSniffer.MovDemuxer, new VideoGeometry(shape.Width, shape.Height), ThumbnailCommand.PickTime(clipSeconds), thumbPath, options.ThumbnailWidth, limits);
        await ffmpeg.RunAsync("protect-thumbnail", thumbnail, RenderTimeout, sensitive, cancellationToken);

        var metadata = shape.ToMetadata();
        metadata[ProtectedMetadata] = "1";
        await StoreAsync(media.GetBlobClient(prefix + "clip.mp4"), clipPath, "video/mp4", metadata, cancellationToken);
        await StoreAsync(media.GetBlobClient(prefix + "preview.mp4"), previewPath, "video/mp4", null, cancellationToken);
        await StoreAsync(media.GetBlobClient(prefix + "thumb.jpg"), thumbPath, "image/jpeg", null, cancellationToken);
        Log.Rendered(logger, submissionId, campaignId, regions.Count, removeVoice);
    }

    /// <summary>Deletes the unprotected copy (after approval: the confirmed regions are final). Safe to run twice.</summary>
    public async Task DeleteUnprotectedAsync(string campaignId, string submissionId, CancellationToken cancellationToken)
    {
        var media = storage.Container(StorageNames.MediaContainer);
        await media.GetBlobClient(StorageNames.MediaPrefix(campaignId, submissionId) + UnprotectedBlobName)
            .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
    }

    /// <summary>Whether the stored clip.mp4 is a protected render.</summary>
    public async Task<bool> IsProtectedAsync(string campaignId, string submissionId, CancellationToken cancellationToken)
    {
        var clip = storage.Container(StorageNames.MediaContainer).GetBlobClient(StorageNames.MediaPrefix(campaignId, submissionId) + "clip.mp4");
        var properties = await clip.GetPropertiesAsync(cancellationToken: cancellationToken);
        return properties.Value.Metadata.TryGetValue(ProtectedMetadata, out var value) && value == "1";
    }

    /// <summary>
    /// Downloads the unprotected clip to <paramref name="path"/>: the kept copy, or, the first time, clip.mp4 as processing
    /// stored it, which is then kept as that copy (If-None-Match: a concurrent first confirmation keeps one). Returns its
    /// metadata (the picture size).
    /// </summary>
    private static async Task<IDictionary<string, string>> FetchUnprotectedAsync(
        BlobContainerClient media, string prefix, string path, CancellationToken cancellationToken)
    {
        var unprotected = media.GetBlobClient(prefix + UnprotectedBlobName);
        try
        {
            await unprotected.DownloadToAsync(path, cancellationToken);
            return (await unprotected.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.Metadata;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not kept yet: this is the first confirmation.
        }

        var clip = media.GetBlobClient(prefix + "clip.mp4");
        var properties = await clip.GetPropertiesAsync(cancellationToken: cancellationToken);
        if (properties.Value.Metadata.TryGetValue(ProtectedMetadata, out var value) && value == "1")
        {
            // Approved once, its original deleted: there is nothing unprotected left to render from.
            throw new InvalidOperationException("The unprotected clip is gone; the protection can no longer be changed.");
        }

        await clip.DownloadToAsync(
            path,
            new BlobDownloadToOptions { Conditions = new BlobRequestConditions { IfMatch = properties.Value.ETag } },
            cancellationToken);
        try
        {
            await unprotected.UploadAsync(
                path,
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "video/mp4", CacheControl = "private, max-age=900" },
                    Metadata = properties.Value.Metadata,
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another confirmation kept the same bytes first.
        }

        return properties.Value.Metadata;
    }

    private static async Task StoreAsync(BlobClient blob, string path, string contentType, IDictionary<string, string>? metadata, CancellationToken cancellationToken) =>
        await blob.UploadAsync(
            path,
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType, CacheControl = "private, max-age=900" },
                Metadata = metadata,
            },
            cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Protected clip of {SubmissionId} ({CampaignId}) rendered: {RegionCount} regions, voice removed {VoiceRemoved}")]
        public static partial void Rendered(ILogger logger, string submissionId, string campaignId, int regionCount, bool voiceRemoved);
    }
}
