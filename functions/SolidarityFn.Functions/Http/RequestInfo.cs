using Microsoft.AspNetCore.Http;

namespace SolidarityFn.Functions.Http;

internal static class RequestInfo
{
    public static Uri Origin(HttpRequest request) => new($"{request.Scheme}://{request.Host}/");
}
