namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// The one way an RGB picture (a card's generated background, a text or logo PNG) becomes the segments' YUV: the BT.709
/// matrix and limited range the streams are tagged with (<see cref="Media.MezzanineFormat.VideoArguments"/>). Left to
/// itself, ffmpeg's scaler converts RGB with the BT.601 matrix, so a card of #0b6e4f decoded as the BT.709 it is tagged
/// came out near rgb(2,96,78) (issue 16).
/// </summary>
public static class SegmentColour
{
    /// <summary>RGB to YUV with the BT.709 matrix, limited range, rounded accurately (a flat colour lands within ±2).</summary>
    public const string Bt709 = "scale=out_color_matrix=bt709:out_range=tv:flags=accurate_rnd";

    /// <summary>An opaque picture (the card's background) as the segments' pixel format.</summary>
    public const string ToVideo = Bt709 + ",format=yuv420p";

    /// <summary>A picture with alpha (text, logo) as YUV with alpha, so the overlay blends it without converting it again.</summary>
    public const string ToOverlay = Bt709 + ",format=yuva420p";
}
