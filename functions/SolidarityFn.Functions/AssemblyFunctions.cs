using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SolidarityFn.Functions.Http;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Validation;

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
        if (!organizers.TryAuthenticate(request, out var organizer, out var denied))
        {
            return denied;
        }

        // An empty body takes every default.
        var body = request.ContentLength is 0
            ? Outcome<AssemblyRequest>.Ok(new AssemblyRequest(null, null, null, null))
            : await JsonBody.ReadAsync<AssemblyRequest>(request.Body, AssemblyRequestValidator.MaxBodyBytes, cancellationToken);
        if (!body.Succeeded)
        {
            return ApiResults.Problem(body.Problem!);
        }

        var outcome = await assemblies.StartAsync(campaignId, body.Value!, organizer, cancellationToken);
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
