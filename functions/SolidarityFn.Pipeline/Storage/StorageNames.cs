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

    /// <summary>
    /// Cached assembly sound (every clip's voice mixed together): deleted whole when any contributor withdraws.
    /// "mixes" is never a submission id (20 characters) nor "cards".
    /// </summary>
    public static string MixesPrefix(string campaignId) => $"{campaignId}/segments/mixes/";

    /// <summary>
    /// A campaign's music bed in container final (normalised, private; organizers own it, like the assemblies): "music"
    /// is never an assembly id (32 hex digits) nor "segments".
    /// </summary>
    public static string MusicBlob(string campaignId) => $"{campaignId}/music/bed.m4a";

    /// <summary>A campaign's logo in container final, re-encoded as PNG (CampaignLogoStore); "logo" is never an assembly id.</summary>
    public static string LogoBlob(string campaignId) => $"{campaignId}/logo/logo.png";

    /// <summary>The published outputs of one assembly in container final.</summary>
    public static string AssemblyPrefix(string campaignId, string assemblyId) => $"{campaignId}/{assemblyId}/";
}
