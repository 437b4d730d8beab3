namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>
/// A campaign's texts in one language other than its default. Every field is optional: one left out is shown in the
/// default language (<see cref="CampaignTexts"/>). An empty slogan list counts as left out.
/// </summary>
public sealed record CampaignTextSet
{
    public string? Title { get; init; }
    public string? Subtitle { get; init; }
    public string? Prompt { get; init; }
    public IReadOnlyList<string> Slogans { get; init; } = [];
    public string? ConsentText { get; init; }
    public string? EndCardText { get; init; }

    public bool IsEmpty =>
        Title is null && Subtitle is null && Prompt is null && Slogans.Count == 0 && ConsentText is null && EndCardText is null;

    /// <summary>Same texts, slogan by slogan (records compare lists by reference).</summary>
    public bool SameAs(CampaignTextSet? other) =>
        other is not null
        && string.Equals(Title, other.Title, StringComparison.Ordinal)
        && string.Equals(Subtitle, other.Subtitle, StringComparison.Ordinal)
        && string.Equals(Prompt, other.Prompt, StringComparison.Ordinal)
        && Slogans.SequenceEqual(other.Slogans, StringComparer.Ordinal)
        && string.Equals(ConsentText, other.ConsentText, StringComparison.Ordinal)
        && string.Equals(EndCardText, other.EndCardText, StringComparison.Ordinal);
}
