using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>What a cached mix says of itself (blob metadata): whether the bed is in it, and its loudness pass.</summary>
public sealed record CachedMix(bool MusicMixed, double? MeasuredLufs, double GainDb);

/// <summary>
/// Finished assembly sound (AAC, −14 LUFS) in container final under the campaign's segments, keyed by
/// <see cref="MixKey"/>: a re-assembly whose sound did not change (a caption, a title, another format) reuses it
/// instead of measuring and mixing again. It holds contributors' voices, so a withdrawal deletes every mix of the
/// campaign (<see cref="AssemblyRetraction.DeleteClipSegmentsAsync"/>), and the segment sweep ages unused ones out.
/// </summary>
public sealed class MixCache(StorageClients storage)
{
    private const string MusicMetadata = "musicmixed";
    private const string MeasuredMetadata = "measuredlufs";
    private const string GainMetadata = "gaindb";

    private int _mixed;
    private int _reused;

    /// <summary>Mixes stored by this instance since start (tests and benchmarks read the counters).</summary>
    public int Mixed => Volatile.Read(ref _mixed);

    public int Reused => Volatile.Read(ref _reused);

    public static string BlobName(string campaignId, string mixKey) => StorageNames.MixesPrefix(campaignId) + mixKey + ".m4a";

    public async Task<CachedMix?> TryGetAsync(string campaignId, string mixKey, string localPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentException.ThrowIfNullOrWhiteSpace(mixKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(localPath);
        try
        {
            // One read: the bytes and the metadata of the same blob.
            var download = await Blob(campaignId, mixKey).DownloadStreamingAsync(cancellationToken: cancellationToken);
            using (var body = download.Value)
            {
                await using var file = File.Create(localPath);
                await body.Content.CopyToAsync(file, cancellationToken);
            }

            if (From(download.Value.Details.Metadata) is not { } mix)
            {
                File.Delete(localPath);
                return null;
            }

            Interlocked.Increment(ref _reused);
            return mix;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string campaignId, string mixKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentException.ThrowIfNullOrWhiteSpace(mixKey);
        return (await Blob(campaignId, mixKey).ExistsAsync(cancellationToken)).Value;
    }

    public async Task StoreAsync(string campaignId, string mixKey, string localPath, CachedMix mix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentException.ThrowIfNullOrWhiteSpace(mixKey);
        ArgumentNullException.ThrowIfNull(mix);
        var metadata = new Dictionary<string, string>
        {
            [MusicMetadata] = mix.MusicMixed ? "true" : "false",
            [GainMetadata] = mix.GainDb.ToString("R", CultureInfo.InvariantCulture),
        };
        if (mix.MeasuredLufs is { } measured && double.IsFinite(measured))
        {
            metadata[MeasuredMetadata] = measured.ToString("R", CultureInfo.InvariantCulture);
        }

        try
        {
            await Blob(campaignId, mixKey).UploadAsync(localPath, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "audio/mp4" },
                Metadata = metadata,
            }, cancellationToken);
            Interlocked.Increment(ref _mixed);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another worker stored the same key first: the same sound.
        }
    }

    private BlobClient Blob(string campaignId, string mixKey) =>
        storage.Container(StorageNames.FinalContainer).GetBlobClient(BlobName(campaignId, mixKey));

    private static CachedMix? From(IDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(MusicMetadata, out var music) || !metadata.TryGetValue(GainMetadata, out var gainText) ||
            !double.TryParse(gainText, NumberStyles.Float, CultureInfo.InvariantCulture, out var gain))
        {
            return null;
        }

        double? measured = metadata.TryGetValue(MeasuredMetadata, out var text) &&
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
        return new CachedMix(music == "true", measured, gain);
    }
}
