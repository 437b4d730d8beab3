using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using SolidarityFn.Functions.Http;
using SolidarityFn.Pipeline.Intake;

namespace SolidarityFn.Functions;

public sealed class IntakeFunctions(IntakeService intake, IOptions<IntakeOptions> options)
{
    [Function(nameof(StartUpload))]
    public async Task<IActionResult> StartUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/campaigns/{campaignId}/uploads")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        var client = RequestInfo.Client(request, options.Value);
        var outcome = await intake.StartUploadAsync(campaignId, request.Body, client, RequestInfo.Origin(request), cancellationToken);
        return ApiResults.From(outcome, ticket => ApiResults.Created(ticket, $"/api/submissions/{ticket.SubmissionId}"));
    }
}
