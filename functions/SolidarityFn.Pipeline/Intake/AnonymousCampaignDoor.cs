using System.Net;
using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Security;

namespace SolidarityFn.Pipeline.Intake;

/// <summary>
/// What every anonymous request about a campaign goes through first (an upload, a printed sign): a permit from the
/// caller's rate limiter for the client (its address hashed, never kept), then the campaign, 404 when there is none.
/// Each caller brings its own limiter, so printing signs never uses up a workplace's uploads.
/// </summary>
public sealed partial class AnonymousCampaignDoor(CampaignCache campaigns, ClientKeyHasher clientKeys, ILogger<AnonymousCampaignDoor> logger)
{
    /// <param name="request">What is asked, for the log: "Upload", "Sign".</param>
    public async Task<Outcome<Campaign>> EnterAsync(
        ClientRateLimiter limiter, string request, string campaignId, IPAddress? client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        var limit = limiter.TryAcquire(clientKeys.Hash(client));
        if (!limit.Allowed)
        {
            Log.RateLimited(logger, request, campaignId);
            return Problem.TooManyRequests(limit.RetryAfterSeconds);
        }

        var campaign = await campaigns.GetAsync(campaignId, cancellationToken);
        return campaign is null ? Problem.NotFound("The campaign") : Outcome<Campaign>.Ok(campaign);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "{Request} request refused by the rate limit for campaign {CampaignId}")]
        public static partial void RateLimited(ILogger logger, string request, string campaignId);
    }
}
