using System.Text.RegularExpressions;

namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>Campaign ids are URL slugs; they also become table keys and blob name prefixes.</summary>
public static partial class CampaignIds
{
    public static bool IsValid(string? id) => id is not null && Slug().IsMatch(id);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();
}
