using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SolidarityFn.Functions.Http;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Functions;

/// <summary>The pages: plain HTML and scripts, no framework, that talk to the JSON API.</summary>
public sealed class PageFunctions(PageAssets assets, StorageClients storage)
{
    [Function(nameof(UploadPage))]
    public IActionResult UploadPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "c/{campaignId}")] HttpRequest request,
        string campaignId) => Page("upload.html");

    /// <summary>Printable signs of a campaign (what the contributor typed prefills the blank in the browser only).</summary>
    [Function(nameof(SignsPage))]
    public IActionResult SignsPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "c/{campaignId}/signs")] HttpRequest request,
        string campaignId) => Page("signs.html");

    [Function(nameof(ReceiptPage))]
    public IActionResult ReceiptPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "r/{submissionId}")] HttpRequest request,
        string submissionId) => Page("receipt.html");

    /// <summary>
    /// The organizers' review page. Anonymous like the other pages: it holds no data; every API call it makes is
    /// authenticated (the organizer key locally, the Easy Auth session in Azure).
    /// </summary>
    [Function(nameof(ReviewPage))]
    public IActionResult ReviewPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "review/{campaignId}")] HttpRequest request,
        string campaignId) => Page("review.html");

    /// <summary>The organizer's campaigns, each linking to its review page and settings. Holds no data, like the review page.</summary>
    [Function(nameof(CampaignsPage))]
    public IActionResult CampaignsPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "review")] HttpRequest request) => Page("campaigns.html");

    /// <summary>A campaign's settings, and a new campaign (a path no campaign id can shadow: ids have no slash).</summary>
    [Function(nameof(CampaignSettingsPage))]
    public IActionResult CampaignSettingsPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "review/{campaignId}/settings")] HttpRequest request,
        string campaignId) => Page("campaign-settings.html");

    [Function(nameof(NewCampaignPage))]
    public IActionResult NewCampaignPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "review/campaigns/new")] HttpRequest request) => Page("campaign-settings.html");

    [Function(nameof(PageAsset))]
    public IActionResult PageAsset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{name}")] HttpRequest request,
        string name)
    {
        var asset = name.Contains('/', StringComparison.Ordinal) ? null : assets.Find("assets/" + name);
        return asset is null
            ? new NotFoundResult()
            : new PageResult(asset, ContentSecurityPolicy(), "public, max-age=300");
    }

    private PageResult Page(string name) =>
        new PageResult(assets.Find(name) ?? throw new InvalidOperationException($"Page {name} is not embedded."), ContentSecurityPolicy(), "no-store");

    /// <summary>Scripts only from this origin; the browser may talk to this origin and to blob storage, nowhere else.</summary>
    private string ContentSecurityPolicy()
    {
        var blobs = storage.Blobs.Uri.GetLeftPart(UriPartial.Authority);
        return $"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: {blobs}; media-src 'self' blob: {blobs}; " +
               $"connect-src 'self' {blobs}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }
}
