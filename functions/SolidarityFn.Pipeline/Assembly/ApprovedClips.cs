using Azure.Data.Tables;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Review;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>Used clips that are no longer Approved, and which of those were withdrawn (their media must go).</summary>
public sealed record ClipConsent(IReadOnlyList<string> Dropped, IReadOnlyList<string> Withdrawn)
{
    public bool Changed => Dropped.Count > 0;
}

/// <summary>
/// The Approved list an assembly is planned from, in organizer order, and the check made again after rendering: a clip
/// withdrawn or rejected while its segments were being rendered must not be published.
/// </summary>
public sealed class ApprovedClips(SubmissionStore submissions)
{
    /// <summary>One range read of the list rows.</summary>
    public async Task<List<ReviewIndexEntity>> ListAsync(string campaignId, CancellationToken cancellationToken)
    {
        var rows = new List<ReviewIndexEntity>();
        await foreach (var row in submissions.ListedAsync(campaignId, SubmissionStatus.Approved, null, cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Whether the campaign has at least one Approved clip (a one-row read).</summary>
    public Task<bool> AnyAsync(string campaignId, CancellationToken cancellationToken) =>
        submissions.AnyListedAsync(campaignId, SubmissionStatus.Approved, cancellationToken);

    /// <summary>Which of <paramref name="used"/> are not Approved any more (a list read, then a point read per dropped clip).</summary>
    public async Task<ClipConsent> CheckAsync(string campaignId, IReadOnlyCollection<string> used, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(used);
        if (used.Count == 0)
        {
            return new ClipConsent([], []);
        }

        var approved = (await ListAsync(campaignId, cancellationToken)).Select(r => r.SubmissionId).ToHashSet(StringComparer.Ordinal);
        var dropped = used.Where(id => !approved.Contains(id)).ToList();
        var withdrawn = new List<string>();
        foreach (var id in dropped)
        {
            var submission = await submissions.GetAsync(campaignId, id, cancellationToken);
            if (submission is null || submission.StatusValue == SubmissionStatus.Withdrawn)
            {
                withdrawn.Add(id);
            }
        }

        return new ClipConsent(dropped, withdrawn);
    }

    /// <summary>The timeline the default assembly plans from these rows (shared by assemblies and pre-rendering).</summary>
    public static AssemblyTimeline Plan(
        IReadOnlyList<ReviewIndexEntity> rows, Campaign campaign, string? title, string? endCard, double targetSeconds, string? subtitle = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(campaign);
        var clips = Clips(rows);
        var cards = new AssemblyCards(
            title ?? campaign.Title,
            subtitle ?? campaign.Subtitle ?? string.Empty,
            Text.IsolatedFields.Join(campaign.Hashtags.Select(h => h.StartsWith('#') ? h : "#" + h), " "),
            endCard ?? Campaigns.CampaignTexts.For(campaign, campaign.DefaultLanguage).EndCardText.Value);
        return AssemblyPlanner.Plan(clips, cards, new AssemblySettings(TargetSeconds: targetSeconds) { Look = SegmentLook.From(campaign.Look) });
    }

    /// <summary>The end card's text when neither the organizer nor an English-default campaign gives one.</summary>
    public const string DefaultEndCard = "Thank you. In solidarity.";

    public static List<AssemblyClip> Clips(IReadOnlyList<ReviewIndexEntity> rows) =>
        rows.Select(r => new AssemblyClip(
            r.SubmissionId, r.ClipSeconds ?? r.SourceDurationSeconds ?? 0, r.TrimStartSeconds ?? 0, r.TrimEndSeconds, r.Caption, r.Union, r.Sector, r.City)).ToList();

    /// <summary>Clips whose source had sound (photos and silent videos have a silent track): the music bed ducks under these.</summary>
    public static HashSet<string> Sounding(IEnumerable<ReviewIndexEntity> rows) =>
        rows.Where(r => !string.Equals(r.SourceKind, "photo", StringComparison.OrdinalIgnoreCase) && r.SourceHadAudio != false)
            .Select(r => r.SubmissionId)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// A digest of everything on the Approved list that a video is made from: which clips, their order, lengths, trims,
    /// captions and meta lines. Two lists with the same fingerprint give the same video for the same settings, so a
    /// video whose fingerprint differs from today's is out of date (a decision that changes nothing else does not count).
    /// </summary>
    public static string Fingerprint(IReadOnlyList<ReviewIndexEntity> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var parts = Clips(rows).Select(c => new object?[] { c.SubmissionId, c.ClipSeconds, c.TrimStart, c.TrimEnd, c.Caption, c.Union, c.Sector, c.City });
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(parts);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(json))[..32];
    }
}
