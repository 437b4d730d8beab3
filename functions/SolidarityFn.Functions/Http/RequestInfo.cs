using System.Net;
using Microsoft.AspNetCore.Http;
using SolidarityFn.Pipeline.Intake;
using SolidarityFn.Pipeline.Security;

namespace SolidarityFn.Functions.Http;

internal static class RequestInfo
{
    public static Uri Origin(HttpRequest request) => new($"{request.Scheme}://{request.Host}/");

    /// <summary>The anonymous caller's address for the rate limits (X-Forwarded-For only where the options trust it).</summary>
    public static IPAddress? Client(HttpRequest request, IntakeOptions options) =>
        ClientAddress.Resolve(request.HttpContext.Connection.RemoteIpAddress, request.Headers["X-Forwarded-For"].ToString(), options.TrustForwardedFor);
}
