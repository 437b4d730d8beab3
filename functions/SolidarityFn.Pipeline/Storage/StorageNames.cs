namespace SolidarityFn.Pipeline.Storage;

/// <summary>Container and table names, and the server-chosen blob names (DESIGN.md §3).</summary>
public static class StorageNames
{
    public const string UploadsContainer = "uploads";
    public const string MediaContainer = "media";
    public const string FinalContainer = "final";

    public const string CampaignsTable = "Campaigns";
    public const string SubmissionsTable = "Submissions";
    public const string QueueTable = "Queue";
    public const string AssembliesTable = "Assemblies";
    public const string AuditTable = "Audit";

    public static IReadOnlyList<string> Containers { get; } = [UploadsContainer, MediaContainer, FinalContainer];

    public static IReadOnlyList<string> Tables { get; } =
        [CampaignsTable, SubmissionsTable, QueueTable, AssembliesTable, AuditTable];

    public static string UploadBlob(string campaignId, string submissionId) => $"{campaignId}/{submissionId}";

    public static string MediaPrefix(string campaignId, string submissionId) => $"{campaignId}/{submissionId}/";

    /// <summary>Every cached segment of a campaign in container final.</summary>
    public static string SegmentsPrefix(string campaignId) => $"{campaignId}/segments/";

    /// <summary>
    /// The cached segments rendered from one submission's clip: under the submission, so a withdrawal finds them by
    /// prefix (their keys are hashes that name nobody). Submission ids are 20 characters, so "cards" is never one.
    /// </summary>
    public static string ClipSegmentsPrefix(string campaignId, string submissionId) => $"{campaignId}/segments/{submissionId}/";

    /// <summary>Title and end cards: no contributor's media in them.</summary>
    public static string CardSegmentsPrefix(string campaignId) => $"{campaignId}/segments/cards/";

    /// <summary>The published outputs of one assembly in container final.</summary>
    public static string AssemblyPrefix(string campaignId, string assemblyId) => $"{campaignId}/{assemblyId}/";
}
