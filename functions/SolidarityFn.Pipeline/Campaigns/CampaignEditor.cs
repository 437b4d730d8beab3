using Azure;
using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Audit;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Text;
using SolidarityFn.Pipeline.Validation;

namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>
/// PUT /api/campaigns/{campaignId}: creates or replaces a campaign. The write is always ETag-checked against what
/// was read (the consent version depends on it); a lost race is read again and retried, unless the client sent
/// If-Match, which then answers 412. Every change is audited with the campaign before and after.
/// </summary>
public sealed partial class CampaignEditor
{
    /// <summary>Every field at its limit, escaped as \uXXXX, stays under this: 64 KiB for each of the three languages' texts.</summary>
    public const int MaxBodyBytes = 3 * 64 * 1024;

    private const int MaxAttempts = 3;

    private readonly CampaignStore _store;
    private readonly CampaignCache _cache;
    private readonly AuditLog _audit;
    private readonly ILogger<CampaignEditor> _logger;
    private readonly ITextCoverage _coverage;
    private readonly TimeProvider _time;

    public CampaignEditor(CampaignStore store, CampaignCache cache, AuditLog audit, ITextCoverage coverage, TimeProvider time, ILogger<CampaignEditor> logger)
    {
        _time = time;
        _coverage = coverage;
        _store = store;
        _cache = cache;
        _audit = audit;
        _logger = logger;
    }

    /// <param name="ifMatch">The client's If-Match: an ETag it got from this API, "*" (must exist), or null.</param>
    /// <param name="createOnly">The client sent If-None-Match: * (the settings page's New campaign): 412 rather than replace a campaign that has this id.</param>
    public async Task<Outcome<CampaignEdit>> PutAsync(
        string campaignId, Stream body, string? ifMatch, Organizer actor, CancellationToken cancellationToken, bool createOnly = false)
    {
        if (!CampaignIds.IsValid(campaignId))
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["campaignId"] = [CampaignIds.Rule] });
        }

        var read = await JsonBody.ReadAsync<CampaignRequest>(body, MaxBodyBytes, cancellationToken);
        if (!read.Succeeded)
        {
            return read.Problem!;
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var current = await _store.ReadAsync(campaignId, cancellationToken);
            if (ifMatch is not null && !Matches(ifMatch, current))
            {
                return Problem.PreconditionFailed(current?.ETag.ToString());
            }

            if (createOnly && current is not null)
            {
                return Problem.PreconditionFailed(current.ETag.ToString());
            }

            var validated = CampaignRequestValidator.Validate(campaignId, read.Value!, current?.Campaign, _coverage);
            if (!validated.Succeeded)
            {
                return validated.Problem!;
            }

            // Retention counts from the closing: the time it was closed is kept while it stays closed.
            var next = validated.Value! with { ClosedAt = RetentionClock.ClosedAt(current?.Campaign, validated.Value!.IsOpen, _time.GetUtcNow()) };
            var etag = current is null
                ? await _store.TryAddAsync(next, cancellationToken)
                : await _store.TryReplaceAsync(next, current.ETag, cancellationToken);
            if (etag is null)
            {
                // Someone else wrote in between: read again (an If-Match then no longer matches and answers 412).
                continue;
            }

            _cache.Forget(campaignId);
            var action = current is null ? "campaign.create" : "campaign.update";
            await _audit.WriteAsync(new AuditRecord(campaignId, action, actor, null, current?.Campaign, next), cancellationToken);
            Log.Saved(_logger, campaignId, action, actor.Method, next.ConsentVersion);
            return Outcome<CampaignEdit>.Ok(new CampaignEdit(OrganizerCampaign.From(next, etag.Value.ToString()), Created: current is null));
        }

        return Problem.Conflict("The campaign kept changing while it was saved.", "Read it again and retry.");
    }

    private static bool Matches(string ifMatch, StoredCampaign? current) =>
        current is not null && IfMatchHeader.Matches(ifMatch, current.ETag.ToString());

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: {Action} by an organizer ({Method}), consent version {ConsentVersion}")]
        public static partial void Saved(ILogger logger, string campaignId, string action, string method, int consentVersion);
    }
}

/// <summary>What a PUT did: the campaign as stored, and whether it was created.</summary>
public sealed record CampaignEdit(OrganizerCampaign Campaign, bool Created);
