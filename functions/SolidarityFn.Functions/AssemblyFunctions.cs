using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SolidarityFn.Functions.Http;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Results;

namespace SolidarityFn.Functions;

/// <summary>Final assembly (issue 5): plan one, start a job, poll its status, list a campaign's, delete one. Organizer only.</summary>
public sealed class AssemblyFunctions(OrganizerAuthenticator organizers, AssemblyService assemblies, AssemblyPlanPreview preview, AssemblyDeletion deletion)
{
    [Function(nameof(StartAssembly))]
    public async Task<IActionResult> StartAssembly(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/campaigns/{campaignId}/assemblies")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        // {} takes every default.
        var change = await organizers.ReadChangeAsync<AssemblyRequest>(request, AssemblyRequestValidator.MaxBodyBytes, cancellationToken);
        if (!change.Accepted)
        {
            return change.Refusal;
        }

        var outcome = await assemblies.StartAsync(campaignId, change.Body, change.Organizer, cancellationToken);
        return ApiResults.From(outcome, accepted =>
            new JsonBodyResult(accepted, StatusCodes.Status202Accepted).WithHeader("Location", accepted.StatusUrl));
    }

    [Function(nameof(PlanAssembly))]
    public async Task<IActionResult> PlanAssembly(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/campaigns/{campaignId}/assemblies/plan")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        // A POST with the start's body, so the page sends the same JSON to both; it stores nothing.
        var change = await organizers.ReadChangeAsync<AssemblyRequest>(request, AssemblyRequestValidator.MaxBodyBytes, cancellationToken);
        if (!change.Accepted)
        {
            return change.Refusal;
        }

        return ApiResults.From(await preview.PlanAsync(campaignId, change.Body, cancellationToken), ApiResults.Ok);
    }

    [Function(nameof(GetAssembly))]
    public async Task<IActionResult> GetAssembly(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/campaigns/{campaignId}/assemblies/{assemblyId}")] HttpRequest request,
        string campaignId,
        string assemblyId,
        CancellationToken cancellationToken)
    {
        if (!organizers.TryAuthenticate(request, out _, out var denied))
        {
            return denied;
        }

        return ApiResults.From(await assemblies.GetAsync(campaignId, assemblyId, cancellationToken), ApiResults.Ok);
    }

    [Function(nameof(ListAssemblies))]
    public async Task<IActionResult> ListAssemblies(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/campaigns/{campaignId}/assemblies")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        if (!organizers.TryAuthenticate(request, out _, out var denied))
        {
            return denied;
        }

        var query = request.Query;
        int? pageSize = null;
        if (query.TryGetValue("pageSize", out var size) && size.Count > 0)
        {
            if (!int.TryParse(size.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                return ApiResults.Problem(Problem.Validation(new Dictionary<string, string[]> { ["pageSize"] = ["A whole number."] }));
            }

            pageSize = parsed;
        }

        var token = query.TryGetValue("continuationToken", out var given) && given.Count > 0 ? given.ToString() : null;
        return ApiResults.From(await assemblies.ListAsync(campaignId, pageSize, token, cancellationToken), ApiResults.Ok);
    }

    [Function(nameof(DeleteAssembly))]
    public async Task<IActionResult> DeleteAssembly(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/campaigns/{campaignId}/assemblies/{assemblyId}")] HttpRequest request,
        string campaignId,
        string assemblyId,
        CancellationToken cancellationToken)
    {
        // No body, so no JSON to demand (TryAuthorizeChange guards bodies). The JSON rule exists because a page of
        // another origin can send a form or a no-cors fetch riding the organizer's cookie; neither can be a DELETE
        // (forms send GET and POST only, no-cors allows GET, HEAD and POST only), and a cross-origin DELETE is always
        // preflighted, which this app never grants.
        if (!organizers.TryAuthenticate(request, out var organizer, out var denied))
        {
            return denied;
        }

        var outcome = await deletion.DeleteAsync(campaignId, assemblyId, organizer, cancellationToken);
        return ApiResults.From(outcome, _ => ApiResults.NoContent());
    }
}
