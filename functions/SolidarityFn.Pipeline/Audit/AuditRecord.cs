using System.Text.Json;
using SolidarityFn.Pipeline.Organizers;

namespace SolidarityFn.Pipeline.Audit;

/// <summary>
/// One organizer action to record: what was done, by whom, to which campaign (and submission), with the state
/// before and after (serialized as JSON; null where there was none). Never put keys, tokens or addresses in it.
/// </summary>
public sealed record AuditRecord(string CampaignId, string Action, Organizer Actor, string? SubmissionId, object? Before, object? After);

/// <summary>
/// A recorded action as the audit listing returns it; <see cref="Id"/> orders newest first. <see cref="DetailsErasedAt"/>
/// says when Before and After were erased with the submission they were about.
/// </summary>
public sealed record AuditEntry(
    string Id,
    string CampaignId,
    string Action,
    Organizer Actor,
    string? SubmissionId,
    DateTimeOffset At,
    JsonElement? Before,
    JsonElement? After,
    DateTimeOffset? DetailsErasedAt = null);

/// <summary>One page of a campaign's audit, newest first; pass <see cref="ContinuationToken"/> back for the next.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? ContinuationToken);
