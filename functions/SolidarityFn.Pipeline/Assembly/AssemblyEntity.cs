using Azure;
using System.Runtime.Serialization;
using Azure.Data.Tables;

namespace SolidarityFn.Pipeline.Assembly;

public enum AssemblyState
{
    Queued,
    Running,
    Succeeded,
    Failed,

    /// <summary>A contributor withdrew consent for a clip this assembly used: its outputs were deleted; assemble again.</summary>
    Retracted,
}

/// <summary>One assembly job in table Assemblies: PartitionKey the campaign, RowKey the assembly id.</summary>
public sealed class AssemblyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Status { get; set; } = nameof(AssemblyState.Queued);
    public double Progress { get; set; }
    public string? Message { get; set; }

    /// <summary>Format names, comma-separated ("landscape,vertical").</summary>
    public string Formats { get; set; } = "";
    public double TargetSeconds { get; set; }
    public string? Title { get; set; }
    public string? Subtitle { get; set; }
    public string? EndCard { get; set; }
    public string RequestedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>JSON array of <see cref="ShortenedClip"/>.</summary>
    public string? ShortenedJson { get; set; }

    /// <summary>JSON array of submission ids left out to fit the target.</summary>
    public string? LeftOutJson { get; set; }

    /// <summary>
    /// JSON array of the submission ids whose clips this assembly uses, written before any segment is rendered, so a
    /// withdrawal finds every assembly (running or done) that holds the contributor's face.
    /// </summary>
    public string? UsedJson { get; set; }

    /// <summary>
    /// <see cref="ApprovedClips.Fingerprint"/> of the Approved list the assembly was made from: when today's differs, an
    /// approval, rejection, order, trim or caption changed since, and the video is out of date.
    /// </summary>
    public string? ApprovedFingerprint { get; set; }

    /// <summary>JSON array of output blob names in container final.</summary>
    public string? OutputsJson { get; set; }

    public int ClipCount { get; set; }
    public int SegmentsRendered { get; set; }
    public int SegmentsReused { get; set; }

    /// <summary>Clips fetched to render segments (a re-assembly fetches only the clips whose segments changed).</summary>
    public int ClipsDownloaded { get; set; }

    /// <summary>Music bed asked for (null on rows from before music: as on).</summary>
    public bool? Music { get; set; }

    /// <summary>The bed's level in percent (null: <see cref="MusicBed.DefaultLevel"/>).</summary>
    public int? MusicLevel { get; set; }

    /// <summary>A bed was mixed into the outputs (asked for, and the campaign had one).</summary>
    public bool MusicMixed { get; set; }

    public string AssemblyId => RowKey;

    [IgnoreDataMember]
    public AssemblyState State
    {
        get => Enum.Parse<AssemblyState>(Status);
        set => Status = value.ToString();
    }

    public bool IsActive => State is AssemblyState.Queued or AssemblyState.Running;

    public IReadOnlyList<string> Used() => AssemblyService.Json<List<string>>(UsedJson) ?? [];

    public bool Uses(string submissionId) => Used().Contains(submissionId, StringComparer.Ordinal);
}
