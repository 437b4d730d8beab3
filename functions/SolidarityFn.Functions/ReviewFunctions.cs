using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SolidarityFn.Functions.Http;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Processing;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Review;

namespace SolidarityFn.Functions;

/// <summary>The organizers' review API (DESIGN.md §5): lists, decisions, order, coverage. Organizer only.</summary>
public sealed class ReviewFunctions(
    OrganizerAuthenticator organizers,
    ReviewListing listing,
    ReviewDecisions decisions,
    CoverageReport coverage,
    ReviewAssignments assignments,
    ProcessingRetry retries)
{
    [Function(nameof(NextForReview))]
    public async Task<IActionResult> NextForReview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/campaigns/{campaignId}/review/next")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        // It takes a lease: a change like any other, so JSON ({}) only.
        var change = await organizers.ReadChangeAsync<NoFields>(request, NoFields.MaxBodyBytes, cancellationToken);
        if (!change.Accepted)
        {
            return change.Refusal;
        }

        var outcome = await assignments.NextAsync(campaignId, cancellationToken);
        return ApiResults.From(outcome, assignment => assignment is null ? ApiResults.NoContent() : ApiResults.Ok(assignment));
    }

    [Function(nameof(SkipReview))]
    public async Task<IActionResult> SkipReview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/campaigns/{campaignId}/review/{submissionId}/skip")] HttpRequest request,
        string campaignId,
        string submissionId,
        CancellationToken cancellationToken)
    {
        return await WithBodyAsync<SkipRequest>(request, ReviewRequestValidator.MaxBodyBytes, async (_, body) =>
            ApiResults.From(await assignments.SkipAsync(campaignId, submissionId, body.LeaseId, cancellationToken), _ => ApiResults.NoContent()), cancellationToken);
    }

    [Function(nameof(ListSubmissions))]
    public async Task<IActionResult> ListSubmissions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/campaigns/{campaignId}/submissions")] HttpRequest request,
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

        var outcome = await listing.ListAsync(campaignId, query["status"].ToString(), query["continuationToken"].ToString(), pageSize, cancellationToken);
        return ApiResults.From(outcome, ApiResults.Ok);
    }

    [Function(nameof(ApproveSubmission))]
    public async Task<IActionResult> ApproveSubmission(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/campaigns/{campaignId}/submissions/{submissionId}/approve")] HttpRequest request,
        string campaignId,
        string submissionId,
        CancellationToken cancellationToken)
    {
        // {} approves as is.
        return await WithBodyAsync<ApproveRequest>(request, ReviewRequestValidator.MaxBodyBytes, async (organizer, body) =>
            ApiResults.From(await decisions.ApproveAsync(campaignId, submissionId, body, IfMatch(request), organizer, cancellationToken), ItemResult), cancellationToken);
    }

    [Function(nameof(RejectSubmission))]
    public async Task<IActionResult> RejectSubmission(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/campaigns/{campaignId}/submissions/{submissionId}/reject")] HttpRequest request,
        string campaignId,
        string submissionId,
        CancellationToken cancellationToken)
    {
        return await WithBodyAsync<RejectRequest>(request, ReviewRequestValidator.MaxBodyBytes, async (organizer, body) =>
            ApiResults.From(await decisions.RejectAsync(campaignId, submissionId, body, IfMatch(request), organizer, cancellationToken), ItemResult), cancellationToken);
    }

    /// <summary>Processes again an upload that faults kept from Ready (Failed, its file still kept): 202, or 409.</summary>
    [Function(nameof(RetrySubmission))]
    public async Task<IActionResult> RetrySubmission(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/campaigns/{campaignId}/submissions/{submissionId}/retry")] HttpRequest request,
        string campaignId,
        string submissionId,
        CancellationToken cancellationToken)
    {
        var change = await organizers.ReadChangeAsync<NoFields>(request, NoFields.MaxBodyBytes, cancellationToken);
        if (!change.Accepted)
        {
            return change.Refusal;
        }

        return ApiResults.From(
            await retries.RetryAsync(campaignId, submissionId, change.Organizer, cancellationToken),
            _ => new StatusCodeResult(StatusCodes.Status202Accepted));
    }

    [Function(nameof(OrderSubmissions))]
    public async Task<IActionResult> OrderSubmissions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/campaigns/{campaignId}/order")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        return await WithBodyAsync<string[]>(request, ReviewRequestValidator.MaxOrderBodyBytes, async (organizer, body) =>
            ApiResults.From(await decisions.OrderAsync(campaignId, body, organizer, cancellationToken), items => ApiResults.Ok(new { items })), cancellationToken);
    }

    [Function(nameof(GetCoverage))]
    public async Task<IActionResult> GetCoverage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/campaigns/{campaignId}/coverage")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        if (!organizers.TryAuthenticate(request, out _, out var denied))
        {
            return denied;
        }

        return ApiResults.From(await coverage.CountAsync(campaignId, cancellationToken), ApiResults.Ok);
    }

    /// <summary>The organizer and the request's JSON body handled, or the 401/403/415/400 to answer instead.</summary>
    private async Task<IActionResult> WithBodyAsync<T>(
        HttpRequest request, int maxBytes, Func<Organizer, T, Task<IActionResult>> handle, CancellationToken cancellationToken)
        where T : class
    {
        var change = await organizers.ReadChangeAsync<T>(request, maxBytes, cancellationToken);
        return change.Accepted ? await handle(change.Organizer, change.Body) : change.Refusal;
    }

    private static string? IfMatch(HttpRequest request) =>
        request.Headers.IfMatch.Count > 0 ? request.Headers.IfMatch.ToString() : null;

    private static JsonBodyResult ItemResult(ReviewItem item)
    {
        var result = (JsonBodyResult)ApiResults.Ok(item);
        result.Headers["ETag"] = item.Etag;
        return result;
    }
}
