using System.Text.RegularExpressions;

namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>Campaign ids are URL slugs; they also become table keys and blob name prefixes.</summary>
public static partial class CampaignIds
{
    /// <summary>The rule, as a field error tells it.</summary>
    public const string Rule = "A campaign id is 1 to 64 lowercase letters, digits and inner hyphens, starting and ending with a letter or digit.";

    public static bool IsValid(string? id) => id is not null && Slug().IsMatch(id);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();
}
