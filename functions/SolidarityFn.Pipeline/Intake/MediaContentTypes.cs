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

    /// <summary>The longest declared type read at all ("video/quicktime; codecs=..." is far shorter).</summary>
    public const int MaxLength = 127;

    /// <summary>True for an allowed type; parameters such as "; codecs=..." are ignored.</summary>
    public static bool IsAllowed(string? contentType) => Bare(contentType) is not null;

    /// <summary>
    /// The allowed media type the declaration names, lower case and without parameters, or null. The whole value is
    /// checked, parameters included: no control character (CR/LF, NUL, terminal escapes) and at most
    /// <see cref="MaxLength"/> characters, so nothing the browser sends can reach a log line or a header.
    /// </summary>
    public static string? Bare(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType) || contentType.Length > MaxLength || contentType.Any(char.IsControl))
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var bare = (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim().ToLowerInvariant();
        return Allowed.Contains(bare) ? bare : null;
    }
}
