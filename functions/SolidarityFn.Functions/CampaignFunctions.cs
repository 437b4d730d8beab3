using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SolidarityFn.Functions.Http;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Results;

namespace SolidarityFn.Functions;

public sealed class CampaignFunctions(
    CampaignStore campaigns, CampaignEditor editor, CampaignListing listing, OrganizerAuthenticator organizers, TimeProvider time, Pipeline.Music.CampaignMusicStore music,
    Pipeline.Branding.CampaignLogoStore logos)
{
    /// <summary>The organizer's campaigns with their counts, latest deadline first, paged.</summary>
    [Function(nameof(ListCampaigns))]
    public async Task<IActionResult> ListCampaigns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/campaigns")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!organizers.TryAuthenticate(request, out _, out var denied))
        {
            return denied;
        }

        var outcome = await listing.ListAsync(request.Query["continuationToken"].ToString(), request.Query["pageSize"].ToString(), cancellationToken);
        return ApiResults.From(outcome, ApiResults.Ok);
    }

    /// <summary>Every setting of a campaign as organizers edit it, with the ETag a save sends back in If-Match.</summary>
    [Function(nameof(GetCampaignSettings))]
    public async Task<IActionResult> GetCampaignSettings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/campaigns/{campaignId}/settings")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        if (!organizers.TryAuthenticate(request, out _, out var denied))
        {
            return denied;
        }

        var stored = await campaigns.ReadAsync(campaignId, cancellationToken);
        if (stored is null)
        {
            return ApiResults.Problem(Problem.NotFound("The campaign"));
        }

        var etag = stored.ETag.ToString();
        var hasMusic = await music.GetAsync(campaignId, cancellationToken) is not null;
        var hasLogo = await logos.GetAsync(campaignId, cancellationToken) is not null;
        return ApiResults.Ok(OrganizerCampaign.From(stored.Campaign, etag) with { HasMusic = hasMusic, HasLogo = hasLogo }).WithHeader("ETag", etag);
    }

    [Function(nameof(GetCampaign))]
    public async Task<IActionResult> GetCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/campaigns/{campaignId}")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        var campaign = await campaigns.GetAsync(campaignId, cancellationToken);
        return campaign is null
            ? ApiResults.Problem(Problem.NotFound("The campaign"))
            : ApiResults.Ok(PublicCampaign.From(campaign, time.GetUtcNow(), RequestedLanguage(request)));
    }

    /// <summary>?lang= first (the page's own choice), then Accept-Language; null: the campaign's default language.</summary>
    private static string? RequestedLanguage(HttpRequest request) =>
        CampaignLanguages.Normalise(request.Query["lang"].ToString()) ?? CampaignLanguages.FromAcceptLanguage(request.Headers.AcceptLanguage.ToString());

    /// <summary>Organizers create or replace a campaign; optional If-Match guards against overwriting someone else's edit, If-None-Match: * against replacing a campaign when creating one.</summary>
    [Function(nameof(PutCampaign))]
    public async Task<IActionResult> PutCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/campaigns/{campaignId}")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        // The editor reads the JSON body itself, bounded.
        if (!organizers.TryAuthorizeChange(request, out var organizer, out var denied))
        {
            return denied;
        }

        var ifMatch = request.Headers.IfMatch.ToString();
        var createOnly = request.Headers.IfNoneMatch.ToString().Trim() == "*";
        var outcome = await editor.PutAsync(campaignId, request.Body, ifMatch.Length == 0 ? null : ifMatch, organizer, cancellationToken, createOnly);
        return ApiResults.From(outcome, edit => edit.Created
            ? ApiResults.Created(edit.Campaign, $"/api/campaigns/{edit.Campaign.CampaignId}").WithHeader("ETag", edit.Campaign.ETag)
            : ApiResults.Ok(edit.Campaign).WithHeader("ETag", edit.Campaign.ETag));
    }
}
