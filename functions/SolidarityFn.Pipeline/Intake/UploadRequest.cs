namespace SolidarityFn.Pipeline.Intake;

/// <summary>Body of POST /api/campaigns/{campaignId}/uploads, as the contributor's page sends it.</summary>
public sealed record UploadRequest
{
    public string? FileName { get; init; }
    public string? ContentType { get; init; }
    public long? SizeBytes { get; init; }
    public string? DisplayName { get; init; }
    public string? Union { get; init; }
    public string? Sector { get; init; }
    public string? City { get; init; }
    public string? Caption { get; init; }
    public string? Language { get; init; }
    public bool? Consent { get; init; }
    public int? ConsentVersion { get; init; }

    /// <summary>The language of the consent text the page showed; left out (older pages), the campaign's default.</summary>
    public string? ConsentLanguage { get; init; }

    /// <summary>Hide faces / remove the voice (issue 15); absent means neither.</summary>
    public SolidarityFn.Pipeline.Protection.ProtectChoice? Protect { get; init; }
}

/// <summary>201 response: where to upload, until when, and the private receipt.</summary>
public sealed record UploadTicket(
    string SubmissionId,
    Uri UploadUrl,
    int BlockSizeBytes,
    DateTimeOffset ExpiresAt,
    string ReceiptToken,
    string ReceiptUrl);
