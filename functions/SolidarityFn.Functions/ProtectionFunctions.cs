using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SolidarityFn.Functions.Http;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Protection;
using SolidarityFn.Pipeline.Validation;

namespace SolidarityFn.Functions;

/// <summary>
/// Identity protection (issue 15): the contributor turns it on from the receipt (token in X-Receipt-Token, as for
/// withdrawal); organizers read and confirm the regions to hide.
/// </summary>
public sealed class ProtectionFunctions(OrganizerAuthenticator organizers, ProtectionService protection)
{
    /// <summary>{faces, voice}: far below this.</summary>
    private const int MaxChoiceBytes = 1024;

    [Function(nameof(ProtectSubmission))]
    public async Task<IActionResult> ProtectSubmission(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/submissions/{submissionId}/protect")] HttpRequest request,
        string submissionId,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ProtectChoice>(request.Body, MaxChoiceBytes, cancellationToken);
        if (!body.Succeeded)
        {
            return ApiResults.Problem(body.Problem!);
        }

        var outcome = await protection.TurnOnAsync(submissionId, request.Headers[ReceiptFunctions.TokenHeader].ToString(), body.Value!, cancellationToken);
        return ApiResults.From(outcome, ApiResults.Ok);
    }

    [Function(nameof(GetProtection))]
    public async Task<IActionResult> GetProtection(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/campaigns/{campaignId}/submissions/{submissionId}/protection")] HttpRequest request,
        string campaignId,
        string submissionId,
        CancellationToken cancellationToken)
    {
        if (!organizers.TryAuthenticate(request, out _, out var denied))
        {
            return denied;
        }

        return ApiResults.From(await protection.GetAsync(campaignId, submissionId, cancellationToken), StateResult);
    }

    [Function(nameof(PutProtection))]
    public async Task<IActionResult> PutProtection(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/campaigns/{campaignId}/submissions/{submissionId}/protection")] HttpRequest request,
        string campaignId,
        string submissionId,
        CancellationToken cancellationToken)
    {
        var change = await organizers.ReadChangeAsync<ProtectionUpdate>(request, ProtectionUpdate.MaxBodyBytes, cancellationToken);
        if (!change.Accepted)
        {
            return change.Refusal;
        }

        var ifMatch = request.Headers.IfMatch.Count > 0 ? request.Headers.IfMatch.ToString() : null;
        return ApiResults.From(await protection.PutAsync(campaignId, submissionId, change.Body, ifMatch, change.Organizer, cancellationToken), StateResult);
    }

    private static JsonBodyResult StateResult(ProtectionState state)
    {
        var result = (JsonBodyResult)ApiResults.Ok(state);
        result.Headers["ETag"] = state.Etag;
        return result;
    }
}
