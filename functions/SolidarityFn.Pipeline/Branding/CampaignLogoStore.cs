using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Branding;

/// <summary>A campaign's stored logo: the SHA-256 of its PNG (its identity in segment keys), its size, when it was stored.</summary>
public sealed record StoredLogo(string Hash, int Width, int Height, DateTimeOffset? StoredAt);

/// <summary>
/// Owns the campaign's logo blob (<see cref="StorageNames.LogoBlob"/>, container final, private). One blob per campaign and
/// no table row: its existence is "the campaign has a logo", its metadata (written only here) its hash and size, so an
/// assembly keys its segments by the logo without reading the picture.
/// </summary>
public sealed class CampaignLogoStore(StorageClients storage)
{
    public const string HashMetadata = "logosha256";
    public const string WidthMetadata = "logowidth";
    public const string HeightMetadata = "logoheight";

    private BlobClient Blob(string campaignId) =>
        storage.Container(StorageNames.FinalContainer).GetBlobClient(StorageNames.LogoBlob(campaignId));

    public async Task<StoredLogo?> GetAsync(string campaignId, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await Blob(campaignId).GetPropertiesAsync(cancellationToken: cancellationToken);
            return From(properties.Value.Metadata, properties.Value.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The PNG's bytes and what it is (one read: both of the same version); null when there is none.</summary>
    public async Task<(byte[] Png, StoredLogo Logo)?> ReadAsync(string campaignId, CancellationToken cancellationToken)
    {
        try
        {
            var download = await Blob(campaignId).DownloadContentAsync(cancellationToken);
            var logo = From(download.Value.Details.Metadata, download.Value.Details.LastModified);
            return logo is null ? null : (download.Value.Content.ToArray(), logo);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Downloads the logo to <paramref name="path"/>; null when the campaign has none.</summary>
    public async Task<StoredLogo?> DownloadAsync(string campaignId, string path, CancellationToken cancellationToken)
    {
        if (await ReadAsync(campaignId, cancellationToken) is not { } read)
        {
            return null;
        }

        await File.WriteAllBytesAsync(path, read.Png, cancellationToken);
        return read.Logo;
    }

    public async Task StoreAsync(string campaignId, NormalizedLogo logo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logo);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" },
            Metadata = new Dictionary<string, string>
            {
                [HashMetadata] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(logo.Png)),
                [WidthMetadata] = logo.Width.ToString(CultureInfo.InvariantCulture),
                [HeightMetadata] = logo.Height.ToString(CultureInfo.InvariantCulture),
            },
        };
        await Blob(campaignId).UploadAsync(new BinaryData(logo.Png), options, cancellationToken);
    }

    /// <summary>True when there was a logo to delete.</summary>
    public async Task<bool> DeleteAsync(string campaignId, CancellationToken cancellationToken) =>
        (await Blob(campaignId).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken)).Value;

    private static StoredLogo? From(IDictionary<string, string> metadata, DateTimeOffset storedAt) =>
        metadata.TryGetValue(HashMetadata, out var hash) && hash.Length == 64 &&
        metadata.TryGetValue(WidthMetadata, out var w) && int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var width) && width > 0 &&
        metadata.TryGetValue(HeightMetadata, out var h) && int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var height) && height > 0
            ? new StoredLogo(hash, width, height, storedAt)
            : null;
}
