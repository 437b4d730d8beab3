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
    string? EndCard,
    int ClipCount,
    IReadOnlyList<ShortenedClip> Shortened,
    IReadOnlyList<string> LeftOut,
    IReadOnlyList<AssemblyOutput> Outputs,
    int SegmentsRendered,
    int SegmentsReused,
    int ClipsDownloaded,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);

/// <summary>A campaign's assemblies, newest first.</summary>
public sealed record AssemblyList(IReadOnlyList<AssemblyStatus> Items);

/// <summary>The queue item of an assembly (queue "assembly", idempotency key the assembly id).</summary>
public sealed record AssemblyWork(string CampaignId, string AssemblyId)
{
    public const string QueueName = "assembly";
}
