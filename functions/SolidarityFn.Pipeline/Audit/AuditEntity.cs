using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using SolidarityFn.Pipeline.Organizers;

namespace SolidarityFn.Pipeline.Audit;

/// <summary>
/// Audit row: PartitionKey = campaign id, RowKey = inverted UTC ticks (19 digits) + "-" + 8 random hex digits, so
/// a partition reads newest first and two actions in the same tick do not collide.
/// </summary>
internal sealed class AuditEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Action { get; set; } = "";
    public string ActorId { get; set; } = "";
    public string ActorName { get; set; } = "";
    public string ActorMethod { get; set; } = "";
    public string? SubmissionId { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }

    /// <summary>When Before and After were erased because the submission was erased (withdrawal, retention).</summary>
    public DateTimeOffset? DetailsErasedAt { get; set; }

    /// <summary>Whether the row still holds details about its submission that an erasure must remove.</summary>
    public bool HasSubmissionDetails => SubmissionId is not null && (Before is not null || After is not null);

    /// <summary>Keeps only what was done, when and by whom: the before/after values carried what was typed.</summary>
    public void EraseDetails(DateTimeOffset now)
    {
        Before = null;
        After = null;
        DetailsErasedAt ??= now;
    }

    public static string NewRowKey(DateTimeOffset at) =>
        (DateTime.MaxValue.Ticks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)
        + "-" + RandomNumberGenerator.GetHexString(8, lowercase: true);

    public static AuditEntity From(AuditRecord record, DateTimeOffset at) => new()
    {
        PartitionKey = record.CampaignId,
        RowKey = NewRowKey(at),
        Action = record.Action,
        ActorId = record.Actor.Id,
        ActorName = record.Actor.DisplayName,
        ActorMethod = record.Actor.Method,
        SubmissionId = record.SubmissionId,
        At = at,
        Before = AuditJson.Serialize(record.Before),
        After = AuditJson.Serialize(record.After),
    };

    public AuditEntry ToEntry() => new(
        RowKey,
        PartitionKey,
        Action,
        new Organizer(ActorId, ActorName, ActorMethod),
        SubmissionId,
        At,
        AuditJson.Parse(Before),
        AuditJson.Parse(After),
        DetailsErasedAt);
}
