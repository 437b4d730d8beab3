using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using SolidarityFn.Functions.Http;
using SolidarityFn.Pipeline.Intake;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Signs;

namespace SolidarityFn.Functions;

/// <summary>Printable signs for contributors and the invitation kit for organizers (issue 14).</summary>
public sealed class SignFunctions(SignPrinting printing, OrganizerAuthenticator organizers, IOptions<IntakeOptions> options)
{
    /// <summary>A sign: one landscape page, anonymous, rate-limited per client like intake.</summary>
    [Function(nameof(SignPdf))]
    public async Task<IActionResult> SignPdf(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/campaigns/{campaignId}/signs.pdf")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        var client = RequestInfo.Client(request, options.Value);
        var query = request.Query;
        var outcome = await printing.SignAsync(
            campaignId, query["slogan"].ToString(), query["from"].ToString(), query["paper"].ToString(), query["lang"].ToString(), client, cancellationToken);
        return ApiResults.From(outcome, file => new PdfResult(file));
    }

    /// <summary>The invitation poster with the upload link's QR code (organizers).</summary>
    [Function(nameof(InvitePdf))]
    public async Task<IActionResult> InvitePdf(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/campaigns/{campaignId}/invite.pdf")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        if (!organizers.TryAuthenticate(request, out _, out var denied))
        {
            return denied;
        }

        var outcome = await printing.InviteAsync(campaignId, request.Query["paper"].ToString(), request.Query["lang"].ToString(), RequestInfo.Origin(request), cancellationToken);
        return ApiResults.From(outcome, file => new PdfResult(file));
    }

    /// <summary>The public upload link and a chat message per language (organizers' Invitation panel).</summary>
    [Function(nameof(GetInvitation))]
    public async Task<IActionResult> GetInvitation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/campaigns/{campaignId}/invitation")] HttpRequest request,
        string campaignId,
        CancellationToken cancellationToken)
    {
        if (!organizers.TryAuthenticate(request, out _, out var denied))
        {
            return denied;
        }

        var outcome = await printing.InvitationAsync(campaignId, RequestInfo.Origin(request), cancellationToken);
        return ApiResults.From(outcome, ApiResults.Ok);
    }
}
