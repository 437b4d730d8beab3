using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Health;

/// <summary>GET /api/health: ffmpeg and ffprobe present, blob and table storage answering.</summary>
public sealed partial class HealthCheck
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(10);

    private readonly StorageClients _storage;
    private readonly Campaigns.CampaignStore _campaigns;
    private readonly MediaOptions _media;
    private readonly ILogger<HealthCheck> _logger;

    public HealthCheck(StorageClients storage, Campaigns.CampaignStore campaigns, IOptions<MediaOptions> media, ILogger<HealthCheck> logger)
    {
        _storage = storage;
        _campaigns = campaigns;
        _media = media.Value;
        _logger = logger;
    }

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var ffmpeg = ToolVersionProbe.GetVersionAsync(_media.FfmpegExecutable, ToolTimeout, cancellationToken);
        var ffprobe = ToolVersionProbe.GetVersionAsync(_media.FfprobeExecutable, ToolTimeout, cancellationToken);
        var storage = await CheckStorageAsync(cancellationToken);

        var report = new HealthReport("healthy", await ffmpeg, await ffprobe, storage);
        if (report.Ffmpeg is null || report.Ffprobe is null || !storage.Blobs || !storage.Tables)
        {
            report = report with { Status = "unhealthy" };
            Log.Unhealthy(_logger, report.Ffmpeg is not null, report.Ffprobe is not null, storage.Blobs, storage.Tables);
        }

        return report;
    }

    private async Task<StorageHealth> CheckStorageAsync(CancellationToken cancellationToken)
    {
        bool blobs = false, tables = false;
        string? error = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            // Reads that the app's identity is allowed in Azure (data-plane roles), not account-level properties.
            await _storage.Container(StorageNames.UploadsContainer).ExistsAsync(timeout.Token);
            blobs = true;
            await _campaigns.PingAsync(timeout.Token);

            tables = true;
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or AggregateException or HttpRequestException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            error = e is RequestFailedException rf ? $"storage answered {rf.Status} {rf.ErrorCode}" : "storage did not answer";
        }

        return new StorageHealth(blobs, tables, error);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Health check failed: ffmpeg {FfmpegFound}, ffprobe {FfprobeFound}, blobs {BlobsReachable}, tables {TablesReachable}")]
        public static partial void Unhealthy(ILogger logger, bool ffmpegFound, bool ffprobeFound, bool blobsReachable, bool tablesReachable);
    }
}
