using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Validation;

namespace SolidarityFn.Functions.Http;

/// <summary>The first line of every organizer function: who is calling, or the 401/403 to answer.</summary>
public static class OrganizerRequests
{
    public const string ClientPrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>
    /// True and the organizer, or false and a ready problem+json result: 401 (with WWW-Authenticate) for missing
    /// or wrong credentials, 403 for an identity without the organizer role.
    /// </summary>
    public static bool TryAuthenticate(
        this OrganizerAuthenticator authenticator,
        HttpRequest request,
        [NotNullWhen(true)] out Organizer? organizer,
        [NotNullWhen(false)] out IActionResult? denied)
    {
        ArgumentNullException.ThrowIfNull(authenticator);
        ArgumentNullException.ThrowIfNull(request);

        // Both headers are passed; the authenticator uses only the one its configured mode trusts.
        var result = authenticator.Authenticate(Single(request.Headers.Authorization), Single(request.Headers[ClientPrincipalHeader]));
        if (result.Succeeded)
        {
            organizer = result.Organizer!;
            denied = null;
            return true;
        }

        organizer = null;
        denied = result.Failure == OrganizerAuthFailure.MissingRole
            ? ApiResults.Problem(Problem.Forbidden())
            : ApiResults.Problem(Problem.Unauthorized()).WithHeader("WWW-Authenticate", "Bearer realm=\"SolidarityFn\"");
        return false;
    }

    /// <summary>
    /// The first line of every state-changing organizer function (POST, PUT, PATCH, DELETE) whose body someone else
    /// reads: authenticated as <see cref="TryAuthenticate"/>, then 415 problem+json unless the request says
    /// <c>Content-Type: application/json</c>. Credentials are checked first so a stranger learns nothing of the API.
    /// </summary>
    public static bool TryAuthorizeChange(
        this OrganizerAuthenticator authenticator,
        HttpRequest request,
        [NotNullWhen(true)] out Organizer? organizer,
        [NotNullWhen(false)] out IActionResult? denied)
    {
        if (!authenticator.TryAuthenticate(request, out organizer, out denied))
        {
            return false;
        }

        if (!JsonContentType.IsJson(request.Headers.ContentType.ToArray()))
        {
            organizer = null;
            denied = ApiResults.Problem(Problem.JsonRequired());
            return false;
        }

        return true;
    }

    /// <summary>
    /// Every state-changing organizer request in one place: the organizer and its JSON body, or the 401/403 (who),
    /// 415 (not JSON) or 400 (empty, too large, malformed) to answer instead. There is no empty body: a request with
    /// nothing to say sends <c>{}</c> as JSON (read as <see cref="NoFields"/>).
    /// </summary>
    public static async Task<OrganizerChange<T>> ReadChangeAsync<T>(
        this OrganizerAuthenticator authenticator, HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (!authenticator.TryAuthorizeChange(request, out var organizer, out var denied))
        {
            return new OrganizerChange<T>(null, null, denied);
        }

        var body = await JsonBody.ReadAsync<T>(request.Body, maxBytes, cancellationToken);
        return body.Succeeded
            ? new OrganizerChange<T>(organizer, body.Value, null)
            : new OrganizerChange<T>(null, null, ApiResults.Problem(body.Problem!));
    }

    // A repeated header is refused as a whole (its values joined never form a valid credential) rather than picked from.
    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 0 ? null : values.ToString();
}

/// <summary>A state-changing organizer request read: either <see cref="Organizer"/> and <see cref="Body"/>, or <see cref="Refusal"/>.</summary>
public sealed record OrganizerChange<T>(Organizer? Organizer, T? Body, IActionResult? Refusal)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Organizer), nameof(Body))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Accepted => Refusal is null;
}

/// <summary>The body of an organizer request that carries no fields: <c>{}</c> (other members are ignored).</summary>
public sealed record NoFields
{
    /// <summary>Room for <c>{}</c> and a little whitespace; no request of this kind says more.</summary>
    public const int MaxBodyBytes = 1024;
}
