namespace SolidarityFn.Pipeline.Intake;

/// <summary>
/// Declared content types the intake accepts. This only screens what the browser says; processing
/// recognises the real type from the file's bytes (DESIGN.md §6).
/// </summary>
public static class MediaContentTypes
{
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/jpeg", "image/png", "image/webp", "image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence", "image/avif",
        "video/mp4", "video/quicktime", "video/3gpp", "video/3gpp2", "video/webm", "video/x-matroska",
    };

    public static IReadOnlyCollection<string> All => Allowed;

    /// <summary>True for an allowed type; parameters such as "; codecs=..." are ignored.</summary>
    public static bool IsAllowed(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var bare = (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim();
        return Allowed.Contains(bare);
    }
}
