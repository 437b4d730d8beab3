using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Intake;

namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>
/// Campaign rows for the upload path, kept a few seconds per process: every upload needs its campaign, and a
/// read per request was a third of the intake's storage time. Closing a campaign or bumping its consent version
/// reaches every instance within the TTL. Unknown ids are not cached, so the cache only ever holds real campaigns.
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
        var now = _time.GetUtcNow();
        if (_entries.TryGetValue(campaignId, out var entry) && entry.ExpiresAt > now)
        {
            return entry.Campaign;
        }

        var campaign = await _store.GetAsync(campaignId, cancellationToken);
        if (campaign is not null && _ttl > TimeSpan.Zero)
        {
            _entries[campaignId] = new Entry(campaign, now + _ttl);
        }
        else
        {
            _entries.TryRemove(campaignId, out _);
        }

        return campaign;
    }

    private sealed record Entry(Campaign Campaign, DateTimeOffset ExpiresAt);
}
