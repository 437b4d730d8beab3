using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Intake;

namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>
/// Campaign rows for the upload path, kept a few seconds per process: every upload needs its campaign, and a
/// read per request was a third of the intake's storage time. Closing a campaign or bumping its consent version
/// reaches every instance within the TTL. Requests that miss together share one read; unknown ids and failed
/// reads are not kept, so the cache only ever holds real campaigns.
/// </summary>
public sealed class CampaignCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly CampaignStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;

    public CampaignCache(CampaignStore store, TimeProvider time, IOptions<IntakeOptions> options)
    {
        _store = store;
        _time = time;
        _ttl = options.Value.CampaignCacheTtl;
    }

    public async Task<Campaign?> GetAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (_ttl <= TimeSpan.Zero)
        {
            return await _store.GetAsync(campaignId, cancellationToken);
        }

        var now = _time.GetUtcNow();
        var entry = _entries.AddOrUpdate(
            campaignId,
            id => new Entry(Read(id), now + _ttl),
            (id, current) => current.ExpiresAt > now ? current : new Entry(Read(id), now + _ttl));

        try
        {
            var campaign = await entry.Read.WaitAsync(cancellationToken);
            if (campaign is null)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(campaignId, entry));
            }

            return campaign;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(campaignId, entry));
            throw;
        }
    }

    /// <summary>Drops this instance's entry after an edit, so its next read sees the change; other instances wait out the TTL.</summary>
    public void Forget(string campaignId) => _entries.TryRemove(campaignId, out _);

    // The shared read must not be cancelled by whichever request happened to start it.
    private Task<Campaign?> Read(string campaignId) => _store.GetAsync(campaignId, CancellationToken.None);

    private sealed record Entry(Task<Campaign?> Read, DateTimeOffset ExpiresAt);
}
