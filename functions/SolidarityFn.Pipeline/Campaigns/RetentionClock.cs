namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>
/// When a campaign ends and when its contributors' media and typed text are due for erasure: <see cref="Campaign.RetentionDays"/>
/// after the end, which is its deadline or its closing by hand, whichever came first.
/// </summary>
public static class RetentionClock
{
    /// <summary>The closing time to store with <paramref name="isOpen"/>: kept while it stays closed, now when it closes, none while open.</summary>
    public static DateTimeOffset? ClosedAt(Campaign? before, bool isOpen, DateTimeOffset now) =>
        isOpen ? null
        : before is { IsOpen: false } ? before.ClosedAt ?? now
        : now;

    /// <summary>When it stops (or stopped) taking uploads for good as things stand; null for an open campaign with no deadline.</summary>
    public static DateTimeOffset? EndsAt(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var closed = campaign.IsOpen ? null : campaign.ClosedAt;
        return (campaign.Deadline, closed) switch
        {
            ({ } deadline, { } closing) => deadline < closing ? deadline : closing,
            ({ } deadline, null) => deadline,
            (null, { } closing) => closing,
            _ => null,
        };
    }

    /// <summary>When the erasure is due; null while the campaign has no end.</summary>
    public static DateTimeOffset? ErasureDueAt(Campaign campaign) =>
        EndsAt(campaign) is { } end ? end.AddDays(campaign.RetentionDays) : null;
}
