namespace SolidarityFn.Pipeline.Assembly;

/// <summary>The answer to a start: where to poll.</summary>
public sealed record AssemblyAccepted(string AssemblyId, string Status, string StatusUrl);

/// <summary>One output file with a short-lived read-only link.</summary>
public sealed record AssemblyOutput(string Name, Uri Url);

/// <summary>An assembly's status as organizers see it.</summary>
public sealed record AssemblyStatus(
    string AssemblyId,
    string Status,
    double Progress,
    string? Message,
    IReadOnlyList<string> Formats,
    double TargetSeconds,
    string? Title,
    string? Subtitle,
    string? EndCard,
    int ClipCount,
    IReadOnlyList<ShortenedClip> Shortened,
    IReadOnlyList<string> LeftOut,
    IReadOnlyList<AssemblyOutput> Outputs,
    int SegmentsRendered,
    int SegmentsReused,
    int ClipsDownloaded,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    bool Music = true,
    int MusicLevel = MusicBed.DefaultLevel,
    bool MusicMixed = false);

/// <summary>
/// One page of a campaign's assemblies, newest first; <paramref name="ContinuationToken"/> asks for the next page (null
/// on the last). <paramref name="OutOfDate"/>: the Approved list changed since the newest finished video was made.
/// </summary>
public sealed record AssemblyList(IReadOnlyList<AssemblyStatus> Items, string? ContinuationToken, bool OutOfDate);

/// <summary>
/// What an assembly with these settings would do with today's Approved list (nothing stored): the clips and their
/// length, what is shortened or left out to fit the target, the resulting length and the card texts it would use.
/// </summary>
public sealed record AssemblyPlanReport(
    int ClipCount,
    double ClipsSeconds,
    double TargetSeconds,
    int UsedCount,
    IReadOnlyList<ShortenedClip> Shortened,
    IReadOnlyList<string> LeftOut,
    double ResultSeconds,
    IReadOnlyList<string> Formats,
    string Title,
    string Subtitle,
    string EndCard,
    IReadOnlyList<PlannedClip> Clips);

/// <summary>An approved clip in organizer order, its length after trims, and the caption organizers know it by.</summary>
public sealed record PlannedClip(string SubmissionId, string Caption, double Seconds);

/// <summary>The queue item of an assembly (queue "assembly", idempotency key the assembly id).</summary>
public sealed record AssemblyWork(string CampaignId, string AssemblyId)
{
    public const string QueueName = "assembly";
}
