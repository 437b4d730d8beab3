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
}
