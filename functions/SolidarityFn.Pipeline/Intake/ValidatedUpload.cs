namespace SolidarityFn.Pipeline.Intake;

/// <summary>An upload request that passed validation, its text normalised (NFC, trimmed, single-spaced).</summary>
public sealed record ValidatedUpload(
    string ContentType,
    long SizeBytes,
    string? DisplayName,
    string Union,
    string Sector,
    string City,
    string Caption,
    string Language,
    int ConsentVersion,
    string ConsentLanguage,
    bool ProtectFaces = false,
    bool ProtectVoice = false);
