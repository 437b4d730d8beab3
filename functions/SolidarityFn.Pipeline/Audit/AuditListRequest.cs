using System.Globalization;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Results;

namespace SolidarityFn.Pipeline.Audit;

/// <summary>The query of GET /api/campaigns/{campaignId}/audit, checked: 400 with field errors rather than a throw.</summary>
public sealed record AuditListRequest(string CampaignId, string? ContinuationToken, int PageSize)
{
    public const int DefaultPageSize = 50;

    public static Outcome<AuditListRequest> Parse(string campaignId, string? continuationToken, string? pageSize)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!CampaignIds.IsValid(campaignId))
        {
            errors["campaignId"] = [CampaignIds.Rule];
        }

        var token = string.IsNullOrEmpty(continuationToken) ? null : continuationToken;
        if (token is not null && !AuditLog.IsValidContinuationToken(token))
        {
            errors["continuationToken"] = ["Pass back the continuationToken of the previous page unchanged."];
        }

        var size = DefaultPageSize;
        if (!string.IsNullOrEmpty(pageSize)
            && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > AuditLog.MaxPageSize))
        {
            errors["pageSize"] = [$"A whole number from 1 to {AuditLog.MaxPageSize}."];
        }

        return errors.Count > 0
            ? Problem.Validation(errors)
            : Outcome<AuditListRequest>.Ok(new AuditListRequest(campaignId, token, size));
    }
}
