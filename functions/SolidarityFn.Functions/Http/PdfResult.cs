using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SolidarityFn.Pipeline.Signs;

namespace SolidarityFn.Functions.Http;

/// <summary>A PDF as a download. Never cached: a sign may carry what a contributor typed.</summary>
public sealed class PdfResult(PdfFile file) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/pdf";
        response.ContentLength = file.Content.Length;
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        // The name is ours (campaign id, position, paper): ASCII with no quote to escape.
        response.Headers.ContentDisposition = $"attachment; filename=\"{file.FileName}\"";
        await response.Body.WriteAsync(file.Content, context.HttpContext.RequestAborted);
    }
}
