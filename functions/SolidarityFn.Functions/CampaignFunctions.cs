using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SolidarityFn.Functions.Http;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Results;

namespace SolidarityFn.Functions;

public sealed class CampaignFunctions(CampaignStore campaigns, CampaignEditor editor, OrganizerAuthenticator organizers, TimeProvider time)
{
    [Function(nameof(GetCampaign))]
    public async Task<IActionResult> GetCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/campaigns/{campaignId}")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        var campaign = await campaigns.GetAsync(campaignId, cancellationToken);
        return campaign is null
            ? ApiResults.Problem(Problem.NotFound("The campaign"))
            : ApiResults.Ok(PublicCampaign.From(campaign, time.GetUtcNow()));
    }

    /// <summary>Organizers create or replace a campaign; optional If-Match guards against overwriting someone else's edit.</summary>
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
        var outcome = await editor.PutAsync(campaignId, request.Body, ifMatch.Length == 0 ? null : ifMatch, organizer, cancellationToken);
        return ApiResults.From(outcome, edit => edit.Created
            ? ApiResults.Created(edit.Campaign, $"/api/campaigns/{edit.Campaign.CampaignId}").WithHeader("ETag", edit.Campaign.ETag)
            : ApiResults.Ok(edit.Campaign).WithHeader("ETag", edit.Campaign.ETag));
    }
}
