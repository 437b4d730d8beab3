using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SolidarityFn.Pipeline.Results;

namespace SolidarityFn.Functions.Http;

/// <summary>Maps pipeline outcomes to HTTP: values to JSON, problems to application/problem+json (RFC 7807).</summary>
public static class ApiResults
{
    public static IActionResult From<T>(Outcome<T> outcome, Func<T, IActionResult> onSuccess) =>
        outcome.Succeeded ? onSuccess(outcome.Value!) : Problem(outcome.Problem!);

    public static IActionResult Problem(Problem problem)
    {
        var body = new ProblemBody(problem.Type, problem.Title, problem.Status, problem.Detail, problem.Errors, problem.RetryAfterSeconds);
        var result = new JsonBodyResult(body, problem.Status, "application/problem+json");
        if (problem.RetryAfterSeconds is { } seconds)
        {
            result.Headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (problem.ETag is { } etag)
        {
            result.Headers["ETag"] = etag;
        }

        return result;
    }

    public static IActionResult Ok(object value) => new JsonBodyResult(value);

    public static IActionResult Created(object value, string location)
    {
        var result = new JsonBodyResult(value, StatusCodes.Status201Created);
        result.Headers["Location"] = location;
        return result;
    }

    /// <summary>Adds a response header to a JSON result made here (Location, ETag, WWW-Authenticate…).</summary>
    public static IActionResult WithHeader(this IActionResult result, string name, string value)
    {
        if (result is not JsonBodyResult json)
        {
            throw new ArgumentException("Only JSON results made by ApiResults carry extra headers.", nameof(result));
        }

        json.Headers[name] = value;
        return json;
    }

    public static IActionResult NoContent() => new StatusCodeResult(StatusCodes.Status204NoContent);

    private sealed record ProblemBody(
        string Type,
        string Title,
        int Status,
        string? Detail,
        IReadOnlyDictionary<string, string[]>? Errors,
        int? RetryAfter);
}
