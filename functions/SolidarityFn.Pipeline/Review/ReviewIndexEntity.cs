using Azure;
using Azure.Data.Tables;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline.Review;

/// <summary>
/// One row of an organizer list (<see cref="ReviewIndex"/>): a copy of what the review page shows, written in the same
/// transaction as the submission row, so a page needs no second read. Never holds the receipt hash or consent data.
/// </summary>
public sealed class ReviewIndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string SubmissionId { get; set; } = "";
    public string ListedStatus { get; set; } = "";
    public int Version { get; set; }

    public string? DisplayName { get; set; }
    public string Union { get; set; } = "";
    public string Sector { get; set; } = "";
    public string City { get; set; } = "";
    public string Caption { get; set; } = "";
    public string? OriginalCaption { get; set; }
    public string Language { get; set; } = "en";

    public string? SourceKind { get; set; }
    public int? SourceWidth { get; set; }
    public int? SourceHeight { get; set; }
    public double? SourceDurationSeconds { get; set; }
    public bool? SourceHadAudio { get; set; }
    public double? ClipSeconds { get; set; }

    public int? Position { get; set; }
    public double? TrimStartSeconds { get; set; }
    public double? TrimEndSeconds { get; set; }
    public string? RejectionReason { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset? ReadyAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    // Identity protection (issue 15): the card's "Protect: faces / voice" label and whether it is confirmed.
    public bool? ProtectFaces { get; set; }
    public bool? ProtectVoice { get; set; }
    public DateTimeOffset? ProtectionConfirmedAt { get; set; }

    // What the contributor agreed to: the consent text's version and the language it was shown in, and when.
    public int? ConsentVersion { get; set; }
    public string? ConsentLanguage { get; set; }
    public DateTimeOffset? ConsentedAt { get; set; }

    public static ReviewIndexEntity From(SubmissionEntity submission, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return new ReviewIndexEntity
        {
            PartitionKey = submission.PartitionKey,
            RowKey = rowKey,
            SubmissionId = submission.SubmissionId,
            ListedStatus = submission.Status,
            Version = submission.Version,
            DisplayName = submission.DisplayName,
            Union = submission.Union,
            Sector = submission.Sector,
            City = submission.City,
            Caption = submission.Caption,
            OriginalCaption = submission.OriginalCaption,
            Language = submission.Language,
            SourceKind = submission.SourceKind,
            SourceWidth = submission.SourceWidth,
            SourceHeight = submission.SourceHeight,
            SourceDurationSeconds = submission.SourceDurationSeconds,
            SourceHadAudio = submission.SourceHadAudio,
            ClipSeconds = submission.ClipSeconds,
            Position = submission.Position,
            TrimStartSeconds = submission.TrimStartSeconds,
            TrimEndSeconds = submission.TrimEndSeconds,
            RejectionReason = submission.RejectionReason,
            Reason = submission.Reason,
            Message = submission.Message,
            ReadyAt = submission.ProcessedAt,
            DecidedAt = submission.DecidedAt,
            ProtectFaces = submission.ProtectFaces,
            ProtectVoice = submission.ProtectVoice,
            ProtectionConfirmedAt = submission.ProtectionConfirmedAt,
            ConsentVersion = submission.ConsentVersion,
            ConsentLanguage = submission.ConsentLanguage,
            ConsentedAt = submission.ConsentedAt,
        };
    }
}
