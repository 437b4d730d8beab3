using Microsoft.Extensions.Options;

namespace SolidarityFn.Pipeline.Intake;

/// <summary>
/// The public links of a campaign: on <c>Intake:PublicBaseUrl</c> when set (the address people reach, behind any
/// front end), else the origin the request came to. The one place that rule lives: the upload page link the QR code,
/// the chat messages and the settings page's Copy hand out, and the receipt link intake returns.
/// </summary>
public sealed class UploadLinks(IOptions<IntakeOptions> options)
{
    public Uri Origin(Uri requestOrigin) => options.Value.PublicBaseUrl ?? requestOrigin;

    /// <summary>The upload page: {origin}/c/{campaignId}.</summary>
    public string UploadPage(string campaignId, Uri requestOrigin) =>
        new Uri(Origin(requestOrigin), "/c/" + Uri.EscapeDataString(campaignId)).ToString();

    /// <summary>A contributor's receipt page: {origin}/r/{submissionId}#{token} (the token in the fragment never reaches a server log).</summary>
    public string Receipt(string submissionId, string token, Uri requestOrigin) =>
        new Uri(Origin(requestOrigin), $"/r/{submissionId}#{token}").ToString();
}
