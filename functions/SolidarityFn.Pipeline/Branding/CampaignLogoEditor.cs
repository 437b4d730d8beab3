using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Audit;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Results;

namespace SolidarityFn.Pipeline.Branding;

/// <summary>Whether a campaign has a logo, its stored size and hash, and when it was stored.</summary>
public sealed record LogoStatus(bool HasLogo, int? Width, int? Height, string? Hash, DateTimeOffset? StoredAt);

/// <summary>
/// <c>GET|PUT|DELETE /api/campaigns/{campaignId}/logo</c> (issue 16): an organizer's PNG, JPEG or SVG, at most
/// <see cref="LogoLimits.MaxBytes"/>, recognised and re-encoded by <see cref="LogoImage"/> and stored as the campaign's
/// one logo (<see cref="CampaignLogoStore"/>). Too big (bytes or pixels): 413; not an image we take: 415. Both changes
/// are audited (facts only).
/// </summary>
public sealed partial class CampaignLogoEditor(CampaignStore campaigns, CampaignLogoStore logos, AuditLog audit, ILogger<CampaignLogoEditor> logger)
{
    public const string PutAction = "campaign.logo.put";
    public const string DeleteAction = "campaign.logo.delete";

    private const string ProblemBase = "https://solidarityfn.org/problems/";

    public async Task<Outcome<LogoStatus>> GetAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(campaignId, cancellationToken))
        {
            return Problem.NotFound("The campaign");
        }

        return Outcome<LogoStatus>.Ok(Status(await logos.GetAsync(campaignId, cancellationToken)));
    }

    /// <summary>The stored PNG, for the organizer's preview.</summary>
    public async Task<Outcome<byte[]>> ReadAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(campaignId, cancellationToken) || await logos.ReadAsync(campaignId, cancellationToken) is not { } read)
        {
            return Problem.NotFound("The logo");
        }

        return Outcome<byte[]>.Ok(read.Png);
    }

    /// <param name="declaredBytes">Content-Length when the request states it: a larger one is refused before reading.</param>
    public async Task<Outcome<LogoStatus>> PutAsync(string campaignId, Stream body, long? declaredBytes, Organizer organizer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(organizer);
        if (!await ExistsAsync(campaignId, cancellationToken))
        {
            return Problem.NotFound("The campaign");
        }

        if (declaredBytes > LogoLimits.MaxBytes)
        {
            return TooBig($"Send a logo of at most {LogoLimits.MaxBytes / (1024 * 1024)} MB.");
        }

        var bytes = await ReadBoundedAsync(body, cancellationToken);
        if (bytes is null)
        {
            return TooBig($"Send a logo of at most {LogoLimits.MaxBytes / (1024 * 1024)} MB.");
        }

        var (logo, refusal) = LogoImage.Normalize(bytes);
        if (logo is null)
        {
            return refusal!.TooLarge ? TooBig(refusal.Message) : NotAnImage(refusal!.Message);
        }

        await logos.StoreAsync(campaignId, logo, cancellationToken);
        Log.Stored(logger, campaignId, bytes.Length, logo.Width, logo.Height);
        await audit.WriteAsync(new AuditRecord(campaignId, PutAction, organizer, null, null, new { bytes = bytes.Length, width = logo.Width, height = logo.Height }), cancellationToken);
        return Outcome<LogoStatus>.Ok(Status(await logos.GetAsync(campaignId, cancellationToken)));
    }

    /// <summary>Deletes the campaign's logo (true when there was one; audited only then).</summary>
    public async Task<Outcome<bool>> DeleteAsync(string campaignId, Organizer organizer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organizer);
        if (!await ExistsAsync(campaignId, cancellationToken))
        {
            return Problem.NotFound("The campaign");
        }

        var deleted = await logos.DeleteAsync(campaignId, cancellationToken);
        if (deleted)
        {
            await audit.WriteAsync(new AuditRecord(campaignId, DeleteAction, organizer, null, null, null), cancellationToken);
        }

        return Outcome<bool>.Ok(deleted);
    }

    private async Task<bool> ExistsAsync(string campaignId, CancellationToken cancellationToken) =>
        CampaignIds.IsValid(campaignId) && await campaigns.GetAsync(campaignId, cancellationToken) is not null;

    private static LogoStatus Status(StoredLogo? stored) =>
        new(stored is not null, stored?.Width, stored?.Height, stored?.Hash, stored?.StoredAt);

    /// <summary>The body; null as soon as it passes <see cref="LogoLimits.MaxBytes"/>.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        using var copy = new MemoryStream();
        while (true)
        {
            var read = await body.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return copy.ToArray();
            }

            if (copy.Length + read > LogoLimits.MaxBytes)
            {
                return null;
            }

            copy.Write(buffer, 0, read);
        }
    }

    private static Problem TooBig(string detail) => new(413, ProblemBase + "too-large", "The logo is too large.", detail);

    private static Problem NotAnImage(string detail) => new(415, ProblemBase + "unsupported-media-type", "This file is not a logo we can use.", detail);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Logo of campaign {CampaignId} stored: {Bytes} bytes in, {Width}x{Height} PNG")]
        public static partial void Stored(ILogger logger, string campaignId, int bytes, int width, int height);
    }
}
