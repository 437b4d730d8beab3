using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace SolidarityFn.Functions.Http;

/// <summary>A stored PNG (the campaign's logo) for an organizer's page. Never cached: it changes when replaced.</summary>
public sealed class PngResult(byte[] png) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "image/png";
        response.ContentLength = png.Length;
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        await response.Body.WriteAsync(png, context.HttpContext.RequestAborted);
    }
}
