using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FFMpegCore;

namespace SolidarityFn.Pipeline.Media;

/// <summary>What ffprobe says about a video, reduced to what normalisation needs.</summary>
/// <param name="CodedWidth">Width of the stored picture, before rotation.</param>
/// <param name="CodedHeight">Height of the stored picture, before rotation.</param>
/// <param name="Rotation">Display rotation in degrees from the display matrix (or the legacy rotate tag), 0, 90, 180 or 270.</param>
/// <param name="DurationSeconds">The video's length, or null when the container does not say.</param>
public sealed record ProbedVideo(
    int CodedWidth,
    int CodedHeight,
    int Rotation,
    int SarNumerator,
    int SarDenominator,
    double? DurationSeconds,
    bool HasAudio,
    string? VideoCodec)
{
    /// <summary>The picture as shown: width and height swapped for a quarter turn.</summary>
    public VideoGeometry Geometry => Rotation is 90 or 270
        ? new VideoGeometry(CodedHeight, CodedWidth, SarDenominator, SarNumerator)
        : new VideoGeometry(CodedWidth, CodedHeight, SarNumerator, SarDenominator);

    public long Pixels => (long)CodedWidth * CodedHeight;

    /// <summary>The video stream's colour tags and HDR side data (see <see cref="ColourDescription.Classify"/>).</summary>
    public ColourDescription Colour { get; init; } = ColourDescription.Untagged;

    /// <summary>The video stream's average frame rate (its real one when that is missing), or null when neither is stated.</summary>
    public double? FramesPerSecond { get; init; }

    /// <summary>Which audio stream the clip takes, counted among the audio streams ("0:a:N"); meaningful when <see cref="HasAudio"/>.</summary>
    public int AudioStream { get; init; }

    /// <summary>Maps FFMpegCore's analysis; null when there is no usable video stream.</summary>
    public static ProbedVideo? From(IMediaAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var raw = analysis.Raw;
        var video = raw.Streams.FirstOrDefault(s => s.CodecType == "video" && !IsAttachedPicture(s));
        if (video is null || video.Width is not > 0 || video.Height is not > 0)
        {
            return null;
        }

        var (sarNumerator, sarDenominator) = ParseRatio(video.SampleAspectRatio);
        var duration = PositiveSeconds(video.Duration) ?? PositiveSeconds(raw.Format?.Duration);
        var audioStream = PickAudio(raw.Streams.Where(s => s.CodecType == "audio").ToList());
        return new ProbedVideo(
            video.Width.Value,
            video.Height.Value,
            RotationOf(video),
            sarNumerator,
            sarDenominator,
            duration,
            audioStream is not null,
            video.CodecName)
        {
            Colour = ColourDescription.From(video),
            AudioStream = audioStream ?? 0,
            FramesPerSecond = RateOf(video.AvgFrameRate) ?? RateOf(video.FrameRate),
        };
    }

    /// <summary>True when the file has sound but no usable picture (an m4a or voice memo in an MP4/MOV container).</summary>
    public static bool IsAudioOnly(IMediaAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return From(analysis) is null && PickAudio(analysis.Raw.Streams.Where(s => s.CodecType == "audio").ToList()) is not null;
    }

    /// <summary>
    /// The sound a player would play: the default-disposition stream when it decodes, else the first that does.
    /// "Decodes" as ffprobe sees it: a known codec with a sample rate and channels (a phone's second track can be
    /// an undecodable spatial-audio or timecode stream listed as audio).
    /// </summary>
    private static int? PickAudio(List<FFProbeStream> audio)
    {
        int? first = null;
        for (var i = 0; i < audio.Count; i++)
        {
            if (!Decodes(audio[i]))
            {
                continue;
            }

            if (audio[i].Disposition is { } disposition && disposition.TryGetValue("default", out var isDefault) && isDefault == 1)
            {
                return i;
            }

            first ??= i;
        }

        return first;
    }

    private static bool Decodes(FFProbeStream stream) =>
        !string.IsNullOrEmpty(stream.CodecName) && stream.CodecName is not ("unknown" or "none")
        && (string.IsNullOrEmpty(stream.SampleRate) || (int.TryParse(stream.SampleRate, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rate) && rate > 0))
        && stream.Channels is null or > 0;

    /// <summary>Length from an ffprobe packet listing: the end of the last packet after the first one's start.</summary>
    public static double? DurationFromPackets(FFProbePackets packets)
    {
        ArgumentNullException.ThrowIfNull(packets);
        double? first = null;
        double? end = null;
        foreach (var packet in packets.Packets)
        {
            var pts = ParseSeconds(packet.PtsTime) ?? ParseSeconds(packet.DtsTime);
            if (pts is null)
            {
                continue;
            }

            first = first is null ? pts : Math.Min(first.Value, pts.Value);
            var packetEnd = pts.Value + (ParseSeconds(packet.DurationTime) ?? 0);
            end = end is null ? packetEnd : Math.Max(end.Value, packetEnd);
        }

        return first is null || end is null || end <= first ? null : end - first;
    }

    /// <summary>Seconds from ffprobe's plain ("12.5") or sexagesimal ("0:00:12.500000") form; null for "N/A" or nothing.</summary>
    public static double? ParseSeconds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text == "N/A")
        {
            return null;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            var parts = text.Split(':');
            double total = 0;
            foreach (var part in parts)
            {
                if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    return null;
                }

                total = (total * 60) + value;
            }

            return total;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
    }

    private static double? PositiveSeconds(string? text) => ParseSeconds(text) is > 0 and var s && double.IsFinite(s) ? s : null;

    private static bool IsAttachedPicture(FFProbeStream stream) =>
        stream.Disposition is { } disposition && disposition.TryGetValue("attached_pic", out var value) && value == 1;

    /// <summary>"30000/1001" → 29.97; "0/0", junk or nothing → null.</summary>
    internal static double? RateOf(string? rate)
    {
        var parts = rate?.Split('/') ?? [];
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && n > 0 && d > 0 && double.IsFinite(n / d)
            ? n / d
            : null;
    }

    private static (int Numerator, int Denominator) ParseRatio(string? ratio)
    {
        if (string.IsNullOrEmpty(ratio))
        {
            return (1, 1);
        }

        var parts = ratio.Split(':');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var d)
            && n > 0 && d > 0
            ? (n, d)
            : (1, 1);
    }

    private static int RotationOf(FFProbeStream stream)
    {
        double? degrees = null;
        if (stream.SideData is { } sideData)
        {
            foreach (var entry in sideData)
            {
                if (entry.TryGetValue("rotation", out var value) && Number(value) is { } rotation)
                {
                    degrees = rotation;
                    break;
                }
            }
        }

        if (degrees is null && stream.Tags is { } tags && tags.TryGetValue("rotate", out var tag)
            && double.TryParse(tag, NumberStyles.Float, CultureInfo.InvariantCulture, out var tagged))
        {
            degrees = tagged;
        }

        if (degrees is null)
        {
            return 0;
        }

        var quarterTurns = (int)Math.Round(degrees.Value / 90);
        return ((quarterTurns % 4) + 4) % 4 * 90;
    }

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

        if (value.TryGetValue<JsonElement>(out var element))
        {
            if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var fromNumber))
            {
                return fromNumber;
            }

            if (element.ValueKind == JsonValueKind.String
                && double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var fromText))
            {
                return fromText;
            }
        }

        return value.TryGetValue<string>(out var text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
    }
}
