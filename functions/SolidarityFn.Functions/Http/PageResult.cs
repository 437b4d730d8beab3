using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace SolidarityFn.Functions.Http;

/// <summary>Serves an embedded page or script with strict security headers.</summary>
public sealed class PageResult(PageAssets.Asset asset, string contentSecurityPolicy, string cacheControl) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        response.Headers.CacheControl = cacheControl;
        response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        // The receipt token lives in the fragment; never let the page leak its URL elsewhere.
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Permissions-Policy"] = "geolocation=(), microphone=(self), camera=(self)";
        await response.Body.WriteAsync(asset.Content, context.HttpContext.RequestAborted);
    }
}
