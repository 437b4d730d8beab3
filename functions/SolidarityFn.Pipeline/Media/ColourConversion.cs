using System.Globalization;
using System.Text;

namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// The filters that take a source's decoded frames to 8-bit SDR BT.709 limited range (yuv420p), put before the framing
/// filters of the clip and the video thumbnail (the preview and every assembled format are made from the clip's frames).
/// BT.709 limited range needs nothing. BT.601 and BT.2020 SDR are converted by matrix (colorspace), not relabelled.
/// HLG and PQ are tone-mapped through a 3D LUT made once from the zscale/tonemap chain (<see cref="ToneMapLut"/>):
/// the same picture as that chain (SSIM 0.99, BENCHMARKS.md) at a fraction of its cost.
/// </summary>
public static class ColourConversion
{
    /// <summary>
    /// Where SDR reference white sits in HDR, in cd/m² (ITU-R BT.2408): phones grade diffuse white there, so it becomes
    /// SDR white and only what is brighter is compressed.
    /// </summary>
    public const double ReferenceWhiteNits = 203;

    /// <summary>The brightest light kept apart from white: phones' HLG peak and the usual HDR10 mastering peak.</summary>
    public const double PeakNits = 1000;

    /// <summary>
    /// The tone curve, in linear light where 1.0 is reference white: mobius is linear up to 0.3 and rolls the rest off
    /// smoothly to the peak; no desaturation of highlights (desat=0), so colours keep their saturation.
    /// </summary>
    public static string ToneMapFilter =>
        "tonemap=tonemap=mobius:desat=0:peak=" + (PeakNits / ReferenceWhiteNits).ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>Frames leave the chain labelled as what they now are (the preview's encoder takes the frames' labels).</summary>
    private const string Bt709Labels = "setparams=range=tv:color_primaries=bt709:color_trc=bt709:colorspace=bt709";

    /// <summary>
    /// The filters (each followed by a comma, ready to prefix the framing filters), or empty when the frames are
    /// already BT.709 limited range.
    /// </summary>
    /// <param name="lutPath">The tone-map LUT of the source's transfer (<see cref="ToneMapLut"/>); required for HLG and PQ.</param>
    public static string Filters(ColourClass colour, string? lutPath = null)
    {
        ArgumentNullException.ThrowIfNull(colour);
        var inRange = colour.FullRange ? "full" : "limited";
        switch (colour.Picture)
        {
            case SourceColour.Hlg:
            case SourceColour.Pq:
                ArgumentException.ThrowIfNullOrEmpty(lutPath);

                // The LUT works on BT.2020 R'G'B' (still HLG/PQ-encoded) in float, and gives BT.709 R'G'B'.
                return $"scale=in_color_matrix=bt2020:in_range={inRange},format=gbrpf32le," +
                    $"lut3d=file={FilterGraph.EscapeValue(lutPath)}:interp=tetrahedral," +
                    $"scale=out_color_matrix=bt709:out_range=limited,format=yuv420p,{Bt709Labels},";
            case SourceColour.Sdr601:
                return RangeToLimited(colour) +
                    "colorspace=ispace=bt470bg:space=bt709:iprimaries=bt709:primaries=bt709:itrc=bt709:trc=bt709:irange=tv:range=tv:format=yuv420p,";
            case SourceColour.Sdr2020:
                return RangeToLimited(colour) +
                    "colorspace=ispace=bt2020ncl:space=bt709:iprimaries=bt2020:primaries=bt709:itrc=bt2020-10:trc=bt709:irange=tv:range=tv:format=yuv420p,";
            default:
                return colour.FullRange ? RangeToLimited(colour) + Bt709Labels + "," : string.Empty;
        }
    }

    /// <summary>
    /// The whole zscale/tonemap chain the LUT is made from, applied to the frames directly: the reference the LUT is
    /// measured against (tests, benchmark). About 1.9 × the plain decode + encode.
    /// </summary>
    public static string ReferenceToneMap(SourceColour transfer, bool fullRange = false) =>
        $"zscale=tin={TransferName(transfer)}:min=2020_ncl:pin=bt2020:rin={(fullRange ? "full" : "limited")}:t=linear:npl={Npl},format=gbrpf32le,zscale=p=bt709,{ToneMapFilter},zscale=t=bt709:m=bt709:r=tv,format=yuv420p,{Bt709Labels},";

    /// <summary>
    /// The chain over R'G'B' lattice points (gbrpf32le, full range) that the LUT samples: decode the transfer to light
    /// (1.0 = reference white), BT.2020 → BT.709 primaries, tone curve, BT.709 transfer.
    /// </summary>
    public static string LutChain(SourceColour transfer) =>
        $"zscale=tin={TransferName(transfer)}:pin=bt2020:min=gbr:rin=pc:t=linear:p=bt2020:m=gbr:r=pc:npl={Npl}," +
            "zscale=tin=linear:pin=bt2020:min=gbr:rin=pc:t=linear:p=bt709:m=gbr:r=pc," +
            $"{ToneMapFilter}," +
            "zscale=tin=linear:pin=bt709:min=gbr:rin=pc:t=bt709:p=bt709:m=gbr:r=pc,format=gbrpf32le";

    /// <summary>zscale's name of an HDR transfer.</summary>
    public static string TransferName(SourceColour transfer) => transfer switch
    {
        SourceColour.Hlg => "arib-std-b67",
        SourceColour.Pq => "smpte2084",
        _ => throw new ArgumentOutOfRangeException(nameof(transfer), transfer, "Only HLG and PQ are tone-mapped."),
    };

    private static string Npl => ReferenceWhiteNits.ToString(CultureInfo.InvariantCulture);

    private static string RangeToLimited(ColourClass colour) =>
        colour.FullRange ? "scale=in_range=full:out_range=limited,format=yuv420p," : string.Empty;
}

/// <summary>Escaping for text inside a filtergraph.</summary>
public static class FilterGraph
{
    /// <summary>
    /// A filter option value (a file path) escaped twice, as ffmpeg unescapes it twice: once for the option parser
    /// (\ ' :) and once for the graph parser (\ ' [ ] , ;).
    /// </summary>
    public static string EscapeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Escape(Escape(value, @"\':"), @"\'[],;");
    }

    private static string Escape(string value, string special)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (special.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
