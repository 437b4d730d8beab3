using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Results;

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

    // A repeated header is refused as a whole (its values joined never form a valid credential) rather than picked from.
    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 0 ? null : values.ToString();
}
