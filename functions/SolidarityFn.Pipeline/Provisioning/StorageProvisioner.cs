using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Provisioning;

/// <summary>
/// Local set-up of a storage account: containers, tables, blob CORS and the default campaign. In Azure,
/// Bicep creates the same things; this is what `./dev up` and the test fixtures run against Azurite.
/// </summary>
public sealed partial class StorageProvisioner
{
    /// <summary>
    /// Only what the upload page (assets/blob-upload.js) sends: Put Block with none, Put Block List with these two. The
    /// Bicep template allows the same two, and its tests read them from the page.
    /// </summary>
    public static readonly IReadOnlyList<string> CorsAllowedHeaders = ["content-type", "x-ms-blob-content-type"];

    private readonly StorageClients _storage;
    private readonly CampaignStore _campaigns;
    private readonly ILogger<StorageProvisioner> _logger;

    public StorageProvisioner(StorageClients storage, CampaignStore campaigns, ILogger<StorageProvisioner> logger)
    {
        _storage = storage;
        _campaigns = campaigns;
        _logger = logger;
    }

    public async Task EnsureAsync(IReadOnlyCollection<string> corsOrigins, bool seedDefaultCampaign, CancellationToken cancellationToken)
    {
        foreach (var container in StorageNames.Containers)
        {
            await _storage.Container(container).CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        }

        foreach (var table in StorageNames.Tables)
        {
            await _storage.Tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }

        await SetCorsAsync(corsOrigins, cancellationToken);

        if (seedDefaultCampaign && await _campaigns.AddIfAbsentAsync(DefaultCampaign.Create(), cancellationToken))
        {
            Log.Seeded(_logger, DefaultCampaign.Id);
        }
    }

    private async Task SetCorsAsync(IReadOnlyCollection<string> origins, CancellationToken cancellationToken)
    {
        if (origins.Count == 0)
        {
            return;
        }

        var properties = (await _storage.Blobs.GetPropertiesAsync(cancellationToken)).Value;
        properties.Cors = [CreateCorsRule(origins)];
        await _storage.Blobs.SetPropertiesAsync(properties, cancellationToken);
    }

    public static BlobCorsRule CreateCorsRule(IReadOnlyCollection<string> origins) => new()
    {
        AllowedOrigins = string.Join(',', origins),
        AllowedMethods = "PUT,OPTIONS",
        AllowedHeaders = string.Join(',', CorsAllowedHeaders),
        ExposedHeaders = "etag,x-ms-request-id",
        MaxAgeInSeconds = 3600,
    };

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the default campaign {CampaignId}")]
        public static partial void Seeded(ILogger logger, string campaignId);
    }
}
