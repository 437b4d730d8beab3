using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SolidarityFn.Functions.Http;
using SolidarityFn.Pipeline.Branding;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Results;

namespace SolidarityFn.Functions;

/// <summary>A campaign's logo (issue 16): read (the stored PNG), replace with an image file, delete. Organizer only.</summary>
public sealed class LogoFunctions(OrganizerAuthenticator organizers, CampaignLogoEditor editor)
{
    /// <summary>The stored PNG, for the settings page's preview; <c>?info</c> answers its status as JSON instead.</summary>
    [Function(nameof(GetLogo))]
    public async Task<IActionResult> GetLogo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/campaigns/{campaignId}/logo")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        if (!organizers.TryAuthenticate(request, out _, out var denied))
        {
            return denied;
        }

        if (request.Query.ContainsKey("info"))
        {
            return ApiResults.From(await editor.GetAsync(campaignId, cancellationToken), ApiResults.Ok);
        }

        return ApiResults.From(
            await editor.ReadAsync(campaignId, cancellationToken),
            png => new PngResult(png));
    }

    /// <summary>
    /// The body is the image file's bytes, sent as <c>image/*</c> or <c>application/octet-stream</c> (never a type a form can
    /// send); what it is, is decided from its bytes.
    /// </summary>
    [Function(nameof(PutLogo))]
    public async Task<IActionResult> PutLogo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/campaigns/{campaignId}/logo")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        if (!organizers.TryAuthenticate(request, out var organizer, out var denied))
        {
            return denied;
        }

        if (!IsImageBody(request.ContentType))
        {
            return ApiResults.Problem(new Problem(
                415,
                "https://solidarityfn.org/problems/image-required",
                "Send the logo file's bytes.",
                "Send the file as the request body with 'Content-Type: image/…' (or application/octet-stream)."));
        }

        return ApiResults.From(await editor.PutAsync(campaignId, request.Body, request.ContentLength, organizer, cancellationToken), ApiResults.Ok);
    }

    [Function(nameof(DeleteLogo))]
    public async Task<IActionResult> DeleteLogo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/campaigns/{campaignId}/logo")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        if (!organizers.TryAuthenticate(request, out var organizer, out var denied))
        {
            return denied;
        }

        return ApiResults.From(await editor.DeleteAsync(campaignId, organizer, cancellationToken), _ => ApiResults.NoContent());
    }

    private static bool IsImageBody(string? contentType)
    {
        var mediaType = (contentType ?? string.Empty).Split(';')[0].Trim();
        return mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase) ||
            (mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) && mediaType.Length > "image/".Length);
    }
}
