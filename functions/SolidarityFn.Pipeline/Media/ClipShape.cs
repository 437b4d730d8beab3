using System.Globalization;

namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// The size of a stored clip's picture, kept as metadata on the clip blob itself: the assembly reads it with the ETag
/// (one HEAD) to plan each format's framing and key its segments without downloading the clip, and a size kept on the
/// blob can never describe other bytes than the blob's.
/// </summary>
public sealed record ClipShape(int Width, int Height)
{
    public const string WidthMetadata = "clipwidth";
    public const string HeightMetadata = "clipheight";

    /// <summary>Clips stored before clips kept their source's shape were all 1920×1080.</summary>
    public static ClipShape Legacy { get; } = new(1920, 1080);

    public Dictionary<string, string> ToMetadata() => new(StringComparer.Ordinal)
    {
        [WidthMetadata] = Width.ToString(CultureInfo.InvariantCulture),
        [HeightMetadata] = Height.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The shape a clip blob's metadata states; <see cref="Legacy"/> when it states none (or nonsense).</summary>
    public static ClipShape FromMetadata(IDictionary<string, string>? metadata)
    {
        if (metadata is not null
            && metadata.TryGetValue(WidthMetadata, out var widthText)
            && metadata.TryGetValue(HeightMetadata, out var heightText)
            && int.TryParse(widthText, NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            && int.TryParse(heightText, NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            && width is >= 2 and <= MezzanineFormat.MaxEdge
            && height is >= 2 and <= MezzanineFormat.MaxEdge)
        {
            return new ClipShape(width, height);
        }

        return Legacy;
    }
}
