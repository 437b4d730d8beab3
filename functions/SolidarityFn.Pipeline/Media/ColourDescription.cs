using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FFMpegCore;

namespace SolidarityFn.Pipeline.Media;

/// <summary>How the decoded picture's values are to be read, as far as the clip is concerned.</summary>
public enum SourceColour
{
    /// <summary>SDR, BT.709 matrix (HD video, and what the clip is).</summary>
    Sdr709,

    /// <summary>SDR, BT.601 matrix (SD video): converted to BT.709, not relabelled.</summary>
    Sdr601,

    /// <summary>SDR with the BT.2020 matrix and primaries (rare; 10-bit SDR from some cameras).</summary>
    Sdr2020,

    /// <summary>HDR, hybrid log-gamma (ARIB STD-B67): iPhone HDR video, Dolby Vision 8.4's base layer.</summary>
    Hlg,

    /// <summary>HDR, perceptual quantiser (SMPTE ST 2084): HDR10, HDR10+, Dolby Vision 8.1's base layer.</summary>
    Pq,
}

/// <summary>The Dolby Vision configuration record (dvcC/dvvC) of a stream.</summary>
/// <param name="Profile">dv_profile: 5 (no compatible base layer), 8 (a compatible base layer), ...</param>
/// <param name="BaseLayerCompatibility">dv_bl_signal_compatibility_id: 1 HDR10, 2 SDR, 4 HLG, 0 none.</param>
public sealed record DolbyVisionConfiguration(int Profile, int? BaseLayerCompatibility);

/// <summary>What the clip makes of a source's colour: the picture's kind, its range, and how sure that is.</summary>
/// <param name="Picture">The values to convert from.</param>
/// <param name="FullRange">Full-range (pc/jpeg) values, brought to limited range.</param>
/// <param name="BestEffort">
/// True when the source cannot be reproduced faithfully (Dolby Vision profile 5 has no compatible base layer; it is
/// read as PQ and its colours will be off).
/// </param>
public sealed record ColourClass(SourceColour Picture, bool FullRange, bool BestEffort = false)
{
    public bool IsHdr => Picture is SourceColour.Hlg or SourceColour.Pq;
}

/// <summary>
/// ffprobe's colour description of a video stream (transfer, primaries, matrix, range, pixel format, Dolby Vision
/// configuration, HDR10 mastering and light levels), reduced by <see cref="Classify"/> to what the clip needs.
/// Values are ffprobe's names ("arib-std-b67", "bt2020nc", "tv"), null when the stream does not say.
/// </summary>
/// <param name="MasteringMaxLuminance">Peak of the mastering display in cd/m², when the container carries it (HEVC SEI only is not seen by -show_streams).</param>
/// <param name="MaxContentLightLevel">MaxCLL in cd/m², when the container carries it.</param>
public sealed record ColourDescription(
    string? Transfer,
    string? Primaries,
    string? Matrix,
    string? Range,
    string? PixelFormat,
    int? BitDepth,
    DolbyVisionConfiguration? DolbyVision,
    double? MasteringMaxLuminance,
    int? MaxContentLightLevel)
{
    /// <summary>A stream that says nothing about its colour.</summary>
    public static readonly ColourDescription Untagged = new(null, null, null, null, null, null, null, null, null);

    /// <summary>Full-range values: tagged pc/jpeg, or a yuvj* pixel format (full range by definition).</summary>
    public bool FullRange =>
        Range is "pc" or "jpeg" || (PixelFormat?.StartsWith("yuvj", StringComparison.Ordinal) ?? false);

    /// <summary>
    /// The picture the clip converts from. Dolby Vision is read through its base layer (8.1 → PQ, 8.4 → HLG, 8.2 → SDR;
    /// profile 5 has none and is read as PQ, best effort); then the transfer (HLG, PQ); then the matrix. An untagged
    /// matrix is BT.709 at HD sizes (height ≥ 720 or width ≥ 1280, upright) and BT.601 below, as players take it.
    /// </summary>
    public ColourClass Classify(int displayWidth, int displayHeight)
    {
        var fullRange = FullRange;
        if (DolbyVision is { } dolby)
        {
            if (dolby.Profile == 5)
            {
                return new ColourClass(SourceColour.Pq, fullRange, BestEffort: true);
            }

            switch (dolby.BaseLayerCompatibility)
            {
                case 1:
                    return new ColourClass(SourceColour.Pq, fullRange);
                case 4:
                    return new ColourClass(SourceColour.Hlg, fullRange);
                case 2:
                    return new ColourClass(SourceColour.Sdr709, fullRange);
                default:
                    // 6 (BT.2100 PQ, profile 8.6), 0 (none) or anything newer: the tags below decide.
                    break;
            }
        }

        switch (Transfer)
        {
            case "arib-std-b67":
                return new ColourClass(SourceColour.Hlg, fullRange);
            case "smpte2084":
                return new ColourClass(SourceColour.Pq, fullRange);
        }

        var picture = Matrix switch
        {
            "bt709" => SourceColour.Sdr709,
            "smpte170m" or "bt470bg" => SourceColour.Sdr601,
            "bt2020nc" or "bt2020c" => SourceColour.Sdr2020,
            _ => displayHeight >= 720 || displayWidth >= 1280 ? SourceColour.Sdr709 : SourceColour.Sdr601,
        };
        return new ColourClass(picture, fullRange);
    }

    /// <summary>Reads one ffprobe video stream (fields and stream side data).</summary>
    public static ColourDescription From(FFProbeStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        DolbyVisionConfiguration? dolby = null;
        double? masteringPeak = null;
        int? maxCll = null;
        foreach (var entry in stream.SideData ?? [])
        {
            if (entry.TryGetValue("dv_profile", out var profile) && Number(profile) is { } dvProfile)
            {
                var compatibility = entry.TryGetValue("dv_bl_signal_compatibility_id", out var id) ? Number(id) : null;
                dolby = new DolbyVisionConfiguration((int)dvProfile, compatibility is { } c ? (int)c : null);
            }

            if (entry.TryGetValue("max_luminance", out var peak))
            {
                masteringPeak = Number(peak);
            }

            if (entry.TryGetValue("max_content", out var content) && Number(content) is { } cll)
            {
                maxCll = (int)cll;
            }
        }

        int? bitDepth = int.TryParse(stream.BitsPerRawSample, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bits) && bits > 0
            ? bits
            : BitDepthOf(stream.PixelFormat);
        return new ColourDescription(
            Known(stream.ColorTransfer),
            Known(stream.ColorPrimaries),
            Known(stream.ColorSpace),
            Known(stream.ColorRange),
            Known(stream.PixelFormat),
            bitDepth,
            dolby,
            masteringPeak,
            maxCll);
    }

    /// <summary>ffprobe writes "unknown" (or "unspecified", "reserved") for what the stream does not say.</summary>
    private static string? Known(string? value) =>
        string.IsNullOrWhiteSpace(value) || value is "unknown" or "unspecified" or "reserved" ? null : value;

    private static int? BitDepthOf(string? pixelFormat) => pixelFormat switch
    {
        null => null,
        _ when pixelFormat.Contains("p10", StringComparison.Ordinal) => 10,
        _ when pixelFormat.Contains("p12", StringComparison.Ordinal) => 12,
        _ when pixelFormat.Contains("p16", StringComparison.Ordinal) => 16,
        _ => 8,
    };

    /// <summary>A number as ffprobe writes it in side data: 4, "4", or a ratio such as "10000000/10000".</summary>
    private static double? Number(JsonValue? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.TryGetValue<double>(out var number))
        {
            return number;
        }

        string? text = null;
        if (value.TryGetValue<JsonElement>(out var element))
        {
            if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var fromNumber))
            {
                return fromNumber;
            }

            text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        }
        else if (value.TryGetValue<string>(out var plain))
        {
            text = plain;
        }

        if (text is null)
        {
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && double.TryParse(text[..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out var numerator)
            && double.TryParse(text[(slash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var denominator)
            && denominator != 0)
        {
            return numerator / denominator;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }
}
