using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SolidarityFn.Functions.Http;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Review;
using SolidarityFn.Pipeline.Validation;

namespace SolidarityFn.Functions;

/// <summary>The organizers' review API (DESIGN.md §5): lists, decisions, order, coverage. Organizer only.</summary>
public sealed class ReviewFunctions(
    OrganizerAuthenticator organizers,
    ReviewListing listing,
    ReviewDecisions decisions,
    CoverageReport coverage,
    ReviewAssignments assignments)
{
    [Function(nameof(NextForReview))]
    public async Task<IActionResult> NextForReview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/campaigns/{campaignId}/review/next")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        if (!organizers.TryAuthenticate(request, out _, out var denied))
        {
            return denied;
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
        if (!organizers.TryAuthenticate(request, out _, out var denied))
        {
            return denied;
        }

        var body = await JsonBody.ReadAsync<SkipRequest>(request.Body, ReviewRequestValidator.MaxBodyBytes, cancellationToken);
        if (!body.Succeeded)
        {
            return ApiResults.Problem(body.Problem!);
        }

        var outcome = await assignments.SkipAsync(campaignId, submissionId, body.Value!.LeaseId, cancellationToken);
        return ApiResults.From(outcome, _ => ApiResults.NoContent());
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
        if (!organizers.TryAuthenticate(request, out var organizer, out var denied))
        {
            return denied;
        }

        // An empty body approves as is.
        var body = request.ContentLength is 0 ? Outcome<ApproveRequest>.Ok(new ApproveRequest(null, null, null)) : await JsonBody.ReadAsync<ApproveRequest>(request.Body, ReviewRequestValidator.MaxBodyBytes, cancellationToken);
        if (!body.Succeeded)
        {
            return ApiResults.Problem(body.Problem!);
        }

        var outcome = await decisions.ApproveAsync(campaignId, submissionId, body.Value!, IfMatch(request), organizer, cancellationToken);
        return ApiResults.From(outcome, ItemResult);
    }

    [Function(nameof(RejectSubmission))]
    public async Task<IActionResult> RejectSubmission(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/campaigns/{campaignId}/submissions/{submissionId}/reject")] HttpRequest request,
        string campaignId,
        string submissionId,
        CancellationToken cancellationToken)
    {
        if (!organizers.TryAuthenticate(request, out var organizer, out var denied))
        {
            return denied;
        }

        var body = await JsonBody.ReadAsync<RejectRequest>(request.Body, ReviewRequestValidator.MaxBodyBytes, cancellationToken);
        if (!body.Succeeded)
        {
            return ApiResults.Problem(body.Problem!);
        }

        var outcome = await decisions.RejectAsync(campaignId, submissionId, body.Value!, IfMatch(request), organizer, cancellationToken);
        return ApiResults.From(outcome, ItemResult);
    }

    [Function(nameof(OrderSubmissions))]
    public async Task<IActionResult> OrderSubmissions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/campaigns/{campaignId}/order")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        if (!organizers.TryAuthenticate(request, out var organizer, out var denied))
        {
            return denied;
        }

        var body = await JsonBody.ReadAsync<string[]>(request.Body, ReviewRequestValidator.MaxOrderBodyBytes, cancellationToken);
        if (!body.Succeeded)
        {
            return ApiResults.Problem(body.Problem!);
        }

        var outcome = await decisions.OrderAsync(campaignId, body.Value!, organizer, cancellationToken);
        return ApiResults.From(outcome, items => ApiResults.Ok(new { items }));
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

    private static string? IfMatch(HttpRequest request) =>
        request.Headers.IfMatch.Count > 0 ? request.Headers.IfMatch.ToString() : null;

    private static JsonBodyResult ItemResult(ReviewItem item)
    {
        var result = (JsonBodyResult)ApiResults.Ok(item);
        result.Headers["ETag"] = item.Etag;
        return result;
    }
}
