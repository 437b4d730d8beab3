namespace SolidarityFn.Pipeline.Results;

/// <summary>An RFC 7807 problem, independent of any web framework; hosts turn it into application/problem+json.</summary>
public sealed record Problem(
    int Status,
    string Type,
    string Title,
    string? Detail = null,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    private const string TypeBase = "https://solidarityfn.org/problems/";

    /// <summary>Seconds the client should wait before trying again (429).</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The current ETag of what a stale If-Match was about (412), sent back in the ETag header.</summary>
    public string? ETag { get; init; }

    public static Problem Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(400, TypeBase + "invalid-fields", "Some fields need attention.", "Correct the fields listed in errors and try again.", errors);

    public static Problem MalformedJson(string detail) =>
        new(400, TypeBase + "malformed-json", "The request body is not valid JSON.", detail);

    public static Problem NotFound(string what) =>
        new(404, TypeBase + "not-found", $"{what} was not found.");

    public static Problem CampaignClosed() =>
        new(410, TypeBase + "campaign-closed", "This campaign is no longer accepting uploads.", "Thank you for your support. The organizers have closed this call.");

    public static Problem TooLarge(long declared, long limit) =>
        new(413, TypeBase + "too-large", "The file is too large.", $"The file is {declared} bytes; this campaign accepts at most {limit} bytes. Send a shorter clip.");

    /// <summary>The declared type is named back only when it is short and printable.</summary>
    public static Problem UnsupportedType(string contentType) =>
        new(
            415,
            TypeBase + "unsupported-media-type",
            "This kind of file is not accepted.",
            (contentType.Length <= 64 && !contentType.Any(char.IsControl) ? $"'{contentType}' is not accepted." : "This file's type is not accepted.") +
            " Send a photo (JPEG, PNG, WebP, HEIC, AVIF) or a video (MP4, MOV, 3GP, WebM).");

    /// <summary>A state-changing organizer request that is not JSON (see <c>Validation.JsonContentType</c>).</summary>
    public static Problem JsonRequired() =>
        new(
            415,
            TypeBase + "json-required",
            "Send this request as JSON.",
            "Send the header 'Content-Type: application/json' (charset=utf-8 or none) with a JSON body; when there is nothing to change, send {}.");

    public static Problem TooManyRequests(int retryAfterSeconds) =>
        new(429, TypeBase + "too-many-requests", "Too many requests.", $"Please wait {retryAfterSeconds} seconds and try again.")
        {
            RetryAfterSeconds = retryAfterSeconds,
        };

    public static Problem Unauthorized() =>
        new(401, TypeBase + "unauthorized", "Organizer credentials are required.", "Send the organizer key as 'Authorization: Bearer <key>', or sign in.");

    public static Problem Forbidden() =>
        new(403, TypeBase + "forbidden", "You are signed in but not an organizer of this app.", "Ask an administrator for the organizer role.");

    /// <param name="currentETag">The ETag as stored now, or null when there is nothing to match.</param>
    public static Problem PreconditionFailed(string? currentETag) =>
        new(412, TypeBase + "precondition-failed", "It changed since you read it.", "Read it again, re-apply your change and send the new ETag in If-Match.")
        {
            ETag = currentETag,
        };

    public static Problem Conflict(string title, string? detail = null) =>
        new(409, TypeBase + "conflict", title, detail);
}
