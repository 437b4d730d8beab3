using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SolidarityFn.Functions.Http;
using SolidarityFn.Pipeline.Music;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Results;

namespace SolidarityFn.Functions;

/// <summary>A campaign's music bed (issue 16): read, replace with an audio file, delete. Organizer only.</summary>
public sealed class MusicFunctions(OrganizerAuthenticator organizers, CampaignMusicEditor editor)
{
    [Function(nameof(GetMusic))]
    public async Task<IActionResult> GetMusic(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/campaigns/{campaignId}/music")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        if (!organizers.TryAuthenticate(request, out _, out var denied))
        {
            return denied;
        }

        return ApiResults.From(await editor.GetAsync(campaignId, cancellationToken), ApiResults.Ok);
    }

    /// <summary>
    /// The body is the audio file's bytes, sent as <c>audio/*</c> or <c>application/octet-stream</c>: never a type a form
    /// or a "simple" cross-site request can send, and a PUT is always preflighted anyway (which the app never grants).
    /// </summary>
    [Function(nameof(PutMusic))]
    public async Task<IActionResult> PutMusic(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/campaigns/{campaignId}/music")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        if (!organizers.TryAuthenticate(request, out var organizer, out var denied))
        {
            return denied;
        }

        if (!IsAudioBody(request.ContentType))
        {
            return ApiResults.Problem(new Problem(
                415,
                "https://solidarityfn.org/problems/audio-required",
                "Send the music file's bytes.",
                "Send the file as the request body with 'Content-Type: audio/…' (or application/octet-stream)."));
        }

        var outcome = await editor.PutAsync(campaignId, request.Body, request.ContentLength, organizer, cancellationToken);
        return ApiResults.From(outcome, ApiResults.Ok);
    }

    [Function(nameof(DeleteMusic))]
    public async Task<IActionResult> DeleteMusic(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/campaigns/{campaignId}/music")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        if (!organizers.TryAuthenticate(request, out var organizer, out var denied))
        {
            return denied;
        }

        return ApiResults.From(await editor.DeleteAsync(campaignId, organizer, cancellationToken), _ => ApiResults.NoContent());
    }

    private static bool IsAudioBody(string? contentType)
    {
        var mediaType = (contentType ?? string.Empty).Split(';')[0].Trim();
        return mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase) ||
            (mediaType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) && mediaType.Length > "audio/".Length);
    }
}
