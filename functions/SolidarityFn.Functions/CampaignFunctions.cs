using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SolidarityFn.Functions.Http;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Results;

namespace SolidarityFn.Functions;

public sealed class CampaignFunctions(CampaignStore campaigns, TimeProvider time)
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
}
