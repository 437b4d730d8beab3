using Azure;
using Azure.Data.Tables;

namespace SolidarityFn.Pipeline.Submissions;

/// <summary>Table row of a submission: PartitionKey = campaign id, RowKey = submission id.</summary>
public sealed class SubmissionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string CampaignId => PartitionKey;
    public string SubmissionId => RowKey;

    public string Status { get; set; } = nameof(SubmissionStatus.Issued);
    public string? Reason { get; set; }
    public string? Message { get; set; }

    // What the contributor typed. The file name is deliberately not kept: phones put dates and places in it.
    public string? DisplayName { get; set; }
    public string Union { get; set; } = "";
    public string Sector { get; set; } = "";
    public string City { get; set; } = "";
    public string Caption { get; set; } = "";
    public string Language { get; set; } = "en";

    public string DeclaredContentType { get; set; } = "";
    public long DeclaredSizeBytes { get; set; }

    public int ConsentVersion { get; set; }
    public DateTimeOffset ConsentedAt { get; set; }

    /// <summary>The language of the consent text agreed to (not typed: kept by erasure, like the version); null on older rows.</summary>
    public string? ConsentLanguage { get; set; }

    /// <summary>SHA-256 of the receipt token; the token itself is never stored.</summary>
    public string ReceiptTokenHash { get; set; } = "";

    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset UploadExpiresAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }

    // Processing bookkeeping: who holds the claim since when, how many tries so far.
    public string? ClaimId { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public int ProcessingAttempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>
    /// The raw upload is kept (private) until then, and deleted by the sweep after: set by processing, never read from
    /// blob metadata, which anyone holding the upload link could write. Null when nothing is kept.
    /// </summary>
    public DateTimeOffset? OriginalKeptUntil { get; set; }

    // Filled by processing (DESIGN.md §4 `source`).
    public string? SourceKind { get; set; }
    public int? SourceWidth { get; set; }
    public int? SourceHeight { get; set; }
    public double? SourceDurationSeconds { get; set; }
    public bool? SourceHadAudio { get; set; }

    /// <summary>Length of the normalised clip (a photo's still clip has the campaign's photo length).</summary>
    public double? ClipSeconds { get; set; }

    // Review (organizers). Version counts every write through SubmissionStore: it is the validator organizers send as
    // If-Match (the table ETag is not known to the index row written in the same transaction).
    public int Version { get; set; }

    /// <summary>RowKey of this submission's row in the review index (same partition), null when it is not listed.</summary>
    public string? ReviewKey { get; set; }

    /// <summary>What the contributor wrote, kept when an organizer edits the caption (erased on withdrawal).</summary>
    public string? OriginalCaption { get; set; }

    public int? Position { get; set; }
    public double? TrimStartSeconds { get; set; }
    public double? TrimEndSeconds { get; set; }

    /// <summary>The organizer's reason for a rejection; for organizers only, never shown on the receipt.</summary>
    public string? RejectionReason { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    // Identity protection (issue 15). The contributor's choices (null = not asked); the regions proposed by the detector
    // then edited by an organizer (JSON, ProtectionRegions); who confirmed them and when. ProtectionConfirmedAt is reset
    // whenever what must be hidden changes, and approval is refused while a protected submission has none.
    public bool? ProtectFaces { get; set; }
    public bool? ProtectVoice { get; set; }
    public string? ProtectionRegionsJson { get; set; }
    public DateTimeOffset? ProtectionProposedAt { get; set; }
    public string? ProtectionConfirmedBy { get; set; }
    public DateTimeOffset? ProtectionConfirmedAt { get; set; }

    /// <summary>True when the contributor asked to hide their face or voice.</summary>
    public bool WantsProtection => ProtectFaces == true || ProtectVoice == true;

    /// <summary>Change it through <see cref="SubmissionLifecycle"/> only (tests seed rows directly).</summary>
    /// <summary>When what was typed about this submission was erased (withdrawal or the campaign's retention); null before.</summary>
    public DateTimeOffset? ErasedAt { get; set; }

    /// <summary>
    /// True from the write that erased the typed fields until every blob and audit detail is known gone (and no late
    /// worker can still write): the erasure sweep finishes such rows. Null on rows never erased.
    /// </summary>
    public bool? ErasurePending { get; set; }

    public SubmissionStatus StatusValue
    {
        get => Enum.Parse<SubmissionStatus>(Status);
        set => Status = value.ToString();
    }

    /// <summary>A field-by-field copy (every field is a value or an immutable string), for a change that may not be written.</summary>
    public SubmissionEntity Copy() => (SubmissionEntity)MemberwiseClone();
    /// <summary>
    /// Blanks everything typed about the contributor: what they typed (name, union, sector, city, caption, the caption
    /// before an organizer's edit) and the organizer's rejection reason. Status, consent and processing facts stay.
    /// </summary>
    public void EraseTypedText()
    {
        DisplayName = null;
        Union = "";
        Sector = "";
        City = "";
        Caption = "";
        OriginalCaption = null;
        RejectionReason = null;
    }
}
