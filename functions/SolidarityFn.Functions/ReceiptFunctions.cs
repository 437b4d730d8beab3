using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SolidarityFn.Functions.Http;
using SolidarityFn.Pipeline.Receipts;

namespace SolidarityFn.Functions;

/// <summary>The contributor's receipt. The token travels in X-Receipt-Token, never in the URL, so it stays out of logs.</summary>
public sealed class ReceiptFunctions(ReceiptService receipts)
{
    public const string TokenHeader = "X-Receipt-Token";

    [Function(nameof(GetSubmission))]
    public async Task<IActionResult> GetSubmission(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/submissions/{submissionId}")] HttpRequest request,
        string submissionId,
        CancellationToken cancellationToken)
    {
        var outcome = await receipts.GetAsync(submissionId, request.Headers[TokenHeader].ToString(), cancellationToken);
        return ApiResults.From(outcome, ApiResults.Ok);
    }

    [Function(nameof(WithdrawSubmission))]
    public async Task<IActionResult> WithdrawSubmission(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/submissions/{submissionId}")] HttpRequest request,
        string submissionId,
        CancellationToken cancellationToken)
    {
        var outcome = await receipts.WithdrawAsync(submissionId, request.Headers[TokenHeader].ToString(), cancellationToken);
        return ApiResults.From(outcome, _ => ApiResults.NoContent());
    }
}
