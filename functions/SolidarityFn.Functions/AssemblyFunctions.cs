using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SolidarityFn.Functions.Http;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Organizers;

namespace SolidarityFn.Functions;

/// <summary>Final assembly (issue 5): start a job, poll its status. Organizer only.</summary>
public sealed class AssemblyFunctions(OrganizerAuthenticator organizers, AssemblyService assemblies)
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
}
