using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// The cache key of a rendered segment: SHA-256 over every input that changes its pixels or sound — what the segment is,
/// the source clip's identity (its blob ETag or content MD5) and picture size with the framing planned from it, in-point
/// and length in frames, the on-screen text, the campaign's look as the segment shows it, the format, the template version, the font files, the encoder settings and
/// the encoder build (ffmpeg's version line: segments of two builds must never be joined by stream copy). Each field is
/// length-prefixed, so no two different inputs hash the same bytes.
/// </summary>
public static class SegmentKey
{
    /// <param name="sourceIdentity">The clip blob's ETag or content MD5; ignored for cards (they have no source).</param>
    /// <param name="clipShape">The clip's picture size; ignored for cards.</param>
    public static string For(
        TimelineEntry entry,
        string? sourceIdentity,
        ClipShape? clipShape,
        AssemblyFormat format,
        AssemblyFonts fonts,
        SegmentEncoding encoding,
        string encoderBuild,
        string templateVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(fonts);
        ArgumentNullException.ThrowIfNull(encoding);
        ArgumentException.ThrowIfNullOrWhiteSpace(encoderBuild);
        ArgumentException.ThrowIfNullOrWhiteSpace(templateVersion);
        if (entry.Kind == SegmentKind.Clip)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(sourceIdentity);
            ArgumentNullException.ThrowIfNull(clipShape);
        }

        using var hash = new KeyHash();
        void Add(string value) => hash.Add(value);

        Add("segment-key-2");
        Add(templateVersion);
        Add(encoderBuild);
        Add(entry.Kind.ToString());
        Add(entry.Kind == SegmentKind.Clip ? sourceIdentity! : string.Empty);
        Add(entry.Kind == SegmentKind.Clip ? ClipSegmentCommand.PlanFor(clipShape!, format).Describe() : string.Empty);
        Add(Media.Invariant.Int(entry.InFrame));
        Add(Media.Invariant.Int(entry.Frames));
        Add(entry.Text);
        Add(entry.SubText);
        Add(format.Name);
        Add(Media.Invariant.Int(format.Width) + "x" + Media.Invariant.Int(format.Height));
        Add(fonts.Identity);
        Add(entry.Look.DescribeFor(entry.Kind));
        Add(encoding.X264Preset);
        Add(Media.Invariant.Int(encoding.Crf));
        return hash.Hex();
    }
}
