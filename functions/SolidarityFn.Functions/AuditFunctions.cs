using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SolidarityFn.Functions.Http;
using SolidarityFn.Pipeline.Audit;
using SolidarityFn.Pipeline.Organizers;

namespace SolidarityFn.Functions;

/// <summary>What organizers did to a campaign, newest first (organizers only).</summary>
public sealed class AuditFunctions(AuditLog audit, OrganizerAuthenticator organizers)
{
    [Function(nameof(ListAudit))]
    public async Task<IActionResult> ListAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/campaigns/{campaignId}/audit")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        if (!organizers.TryAuthenticate(request, out _, out var denied))
        {
            return denied;
        }

        var query = AuditListRequest.Parse(campaignId, request.Query["continuationToken"], request.Query["pageSize"]);
        if (!query.Succeeded)
        {
            return ApiResults.Problem(query.Problem!);
        }

        var page = await audit.ListAsync(query.Value!.CampaignId, query.Value.ContinuationToken, query.Value.PageSize, cancellationToken);
        return ApiResults.Ok(page);
    }
}
