using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Music;

/// <summary>A campaign's stored music bed: its length (stated by us when it was stored) and when it was stored.</summary>
public sealed record StoredMusic(double Seconds, DateTimeOffset? StoredAt, string? Version = null);

/// <summary>
/// Owns the campaign's music blob (<see cref="StorageNames.MusicBlob"/>, container final, private). One blob per campaign
/// and no table row: its existence is "the campaign has music", its metadata (written only here, from our own probe of
/// the normalised file) says how long it is, so an assembly plans the loop without probing it again.
/// </summary>
public sealed class CampaignMusicStore(StorageClients storage)
{
    public const string SecondsMetadata = "musicseconds";

    private BlobClient Blob(string campaignId) =>
        storage.Container(StorageNames.FinalContainer).GetBlobClient(StorageNames.MusicBlob(campaignId));

    public async Task<StoredMusic?> GetAsync(string campaignId, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await Blob(campaignId).GetPropertiesAsync(cancellationToken: cancellationToken);
            return From(properties.Value.Metadata, properties.Value.LastModified, properties.Value.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Downloads the bed to <paramref name="path"/>; null when the campaign has none.</summary>
    public async Task<StoredMusic?> DownloadAsync(string campaignId, string path, CancellationToken cancellationToken)
    {
        try
        {
            // One read: the bytes and the metadata of the same version, even if an organizer replaces it meanwhile.
            var download = await Blob(campaignId).DownloadStreamingAsync(cancellationToken: cancellationToken);
            using (var body = download.Value)
            {
                await using var file = File.Create(path);
                await body.Content.CopyToAsync(file, cancellationToken);
            }

            return From(download.Value.Details.Metadata, download.Value.Details.LastModified, download.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task StoreAsync(string campaignId, string path, double seconds, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "audio/mp4" },
            Metadata = new Dictionary<string, string> { [SecondsMetadata] = seconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) },
        };
        await Blob(campaignId).UploadAsync(path, options, cancellationToken);
    }

    /// <summary>True when there was a bed to delete.</summary>
    public async Task<bool> DeleteAsync(string campaignId, CancellationToken cancellationToken) =>
        (await Blob(campaignId).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken)).Value;

    private static StoredMusic? From(IDictionary<string, string> metadata, DateTimeOffset storedAt, ETag version) =>
        metadata.TryGetValue(SecondsMetadata, out var text) &&
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? new StoredMusic(seconds, storedAt, version.ToString())
            : null;
}
