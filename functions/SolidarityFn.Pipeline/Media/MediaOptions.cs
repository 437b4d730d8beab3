using System.ComponentModel.DataAnnotations;

namespace SolidarityFn.Pipeline.Media;

public sealed class MediaOptions : IValidatableObject
{
    public const string SectionName = "Media";

    /// <summary>Folder holding ffmpeg and ffprobe; null finds them on PATH.</summary>
    public string? FfmpegPath { get; set; }

    public string FfmpegExecutable => Resolve("ffmpeg");

    public string FfprobeExecutable => Resolve("ffprobe");

    /// <summary>libx264 preset of the mezzanine clip (every clip shares it so segments concatenate by stream copy).</summary>
    [RegularExpression("^(ultrafast|superfast|veryfast|faster|fast|medium|slow|slower|veryslow|placebo)$")]
    public string X264Preset { get; set; } = "veryfast";

    /// <summary>Constant rate factor of the mezzanine clip.</summary>
    [Range(0, 51)]
    public int Crf { get; set; } = 20;

    /// <summary>
    /// Largest picture we decode, in pixels (width × height). Passed to ffmpeg as -max_pixels and checked on photos
    /// before they are decoded. 50 MP admits 8K video and 48 MP phone photos.
    /// </summary>
    [Range(typeof(long), "1000000", "2147483647")]
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>
    /// Longest side of a photo we decode, read from its header. A 77 KB PNG of 1×40,000,000 pixels passes the area
    /// check and took a decoder 16 minutes; phone panoramas stay well under 20,000 px.
    /// </summary>
    [Range(2000, 65535)]
    public int MaxPhotoSide { get; set; } = 20_000;

    /// <summary>Most elongated photo we decode (long side over short side), read from its header; a panorama is about 8:1.</summary>
    [Range(2, 1000)]
    public int MaxPhotoAspect { get; set; } = 20;

    /// <summary>Photos are scaled down to fit this square before the still clip is made (the clip is at most 1920×1920).</summary>
    [Range(1920, 8192)]
    public int MaxPhotoEdge { get; set; } = 3840;

    /// <summary>
    /// Memory ImageMagick may hold for pixels in the photo decoder process before it pages its pixel cache to the work
    /// folder, in MiB. libheif's and libde265's own buffers are outside it (BENCHMARKS.md, "A 48-megapixel HEIC"): the
    /// decoder's whole resident set is bounded by <see cref="PhotoDecoderMemoryMib"/>.
    /// </summary>
    [Range(16, 4096)]
    public int PhotoMemoryMib { get; set; } = 64;

    /// <summary>Disk ImageMagick may page its pixel cache to, in MiB; a photo that needs more is refused as too_large.</summary>
    [Range(64, 16384)]
    public int PhotoDiskMib { get; set; } = 1024;

    /// <summary>
    /// Resident memory of the photo decoder process above which the host kills it and refuses the photo as too_large,
    /// in MiB (its /proc status is watched every 100 ms). A 48-megapixel HEIC peaks near 400 MB.
    /// </summary>
    [Range(128, 16384)]
    public int PhotoDecoderMemoryMib { get; set; } = 1024;

    /// <summary>
    /// From starting the photo decoder until it has read the header (runtime start-up included). Passing it is ours to
    /// retry (a busy instance), not the photo's fault.
    /// </summary>
    public TimeSpan PhotoStartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// CPU time the decoder may spend on a photo of <see cref="MaxPixels"/>, counted from its header; smaller photos get
    /// it in proportion to their pixels, at least <see cref="PhotoMinDecodeCpuTime"/>. Over it, the decoder is killed
    /// and the photo refused (too_large). CPU time, not wall-clock time, so a busy instance never fails a good photo:
    /// a 48 MP HEIC takes ~5 s of CPU here, a 12 MP one ~1.5 s.
    /// </summary>
    public TimeSpan PhotoDecodeCpuTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The smallest decode CPU budget, whatever the photo's size.</summary>
    public TimeSpan PhotoMinDecodeCpuTime { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Wall-clock limit of one decode from its header: the backstop for a decoder that neither works nor ends (starved or
    /// blocked). Passing it with CPU to spare is ours (retried, the upload kept), not the photo's.
    /// </summary>
    public TimeSpan PhotoDecodeTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Photo decoder processes run at once per instance; further photos wait for a lane.</summary>
    [Range(1, 16)]
    public int PhotoDecodeLanes { get; set; } = 1;

    /// <summary>The photo decoder's dll; null: SolidarityFn.PhotoDecoder.dll beside the app's own.</summary>
    public string? PhotoDecoderPath { get; set; }

    public string PhotoDecoderDll => string.IsNullOrWhiteSpace(PhotoDecoderPath)
        ? Path.Combine(AppContext.BaseDirectory, "SolidarityFn.PhotoDecoder.dll")
        : PhotoDecoderPath;

    /// <summary>The decode CPU budget of a photo of this many pixels (its header's width × height).</summary>
    public TimeSpan PhotoDecodeCpuTimeFor(long pixels)
    {
        var share = Math.Clamp((double)pixels / MaxPixels, 0, 1);
        var scaled = PhotoDecodeCpuTime * share;
        return scaled < PhotoMinDecodeCpuTime ? PhotoMinDecodeCpuTime : scaled;
    }

    /// <summary>Wall-clock limit of one ffprobe run (the process is killed when it is reached).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Wall-clock limit of a thumbnail of a source up to 1080p (and of making a tone-map LUT); an upload's thumbnail gets
    /// this times its load, at most <see cref="ThumbnailTimeoutCap"/> (<see cref="MediaTimeouts"/>).
    /// </summary>
    public TimeSpan ThumbnailTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most an upload's thumbnail run may take, whatever its source.</summary>
    public TimeSpan ThumbnailTimeoutCap { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Wall-clock limit of one assembly render (a segment or the final join). Uploads scale theirs (below).</summary>
    public TimeSpan TranscodeTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An upload's clip + preview run gets this, plus <see cref="TranscodeTimeoutPerMediaSecond"/> per second encoded.</summary>
    public TimeSpan TranscodeTimeoutBase { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Wall-clock time allowed per second of media at 1080p30 SDR, scaled by the source's pixel rate and tone mapping.
    /// 6 s: the worst measured on the 2-core shared machine was 3.6 s per second of 1080p SDR (load average 40).
    /// </summary>
    public TimeSpan TranscodeTimeoutPerMediaSecond { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// The most an upload's clip + preview run may take. Below Processing:StaleClaimAfter with room for the rest of the
    /// run (checked at start-up), or the sweep would take over a claim whose worker is still encoding.
    /// </summary>
    public TimeSpan TranscodeTimeoutCap { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Width of thumb.jpg (16:9, so 480 gives 480×270).</summary>
    [Range(160, 1920)]
    public int ThumbnailWidth { get; set; } = 480;

    /// <summary>Width of preview.mp4 (16:9).</summary>
    [Range(160, 1920)]
    public int PreviewWidth { get; set; } = 640;

    /// <summary>Longest preview.mp4, in seconds.</summary>
    [Range(1, 60)]
    public double PreviewSeconds { get; set; } = 6;

    /// <summary>Video bitrate of preview.mp4.</summary>
    [Range(100, 5000)]
    public int PreviewVideoKbps { get; set; } = 500;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[]
        {
            (nameof(ProbeTimeout), ProbeTimeout),
            (nameof(PhotoDecodeTimeout), PhotoDecodeTimeout),
            (nameof(PhotoDecodeCpuTime), PhotoDecodeCpuTime),
            (nameof(PhotoMinDecodeCpuTime), PhotoMinDecodeCpuTime),
            (nameof(PhotoStartTimeout), PhotoStartTimeout),
            (nameof(ThumbnailTimeout), ThumbnailTimeout),
            (nameof(ThumbnailTimeoutCap), ThumbnailTimeoutCap),
            (nameof(TranscodeTimeout), TranscodeTimeout),
            (nameof(TranscodeTimeoutBase), TranscodeTimeoutBase),
            (nameof(TranscodeTimeoutPerMediaSecond), TranscodeTimeoutPerMediaSecond),
            (nameof(TranscodeTimeoutCap), TranscodeTimeoutCap),
        })
        {
            if (value <= TimeSpan.Zero || value > TimeSpan.FromHours(1))
            {
                yield return new ValidationResult($"Media:{name} must be more than 0 and at most 1 hour.", [name]);
            }
        }

        if (ThumbnailTimeoutCap < ThumbnailTimeout || TranscodeTimeoutCap < TranscodeTimeoutBase)
        {
            yield return new ValidationResult(
                "Media:ThumbnailTimeoutCap must be at least Media:ThumbnailTimeout, and Media:TranscodeTimeoutCap at least Media:TranscodeTimeoutBase.",
                [nameof(ThumbnailTimeoutCap), nameof(TranscodeTimeoutCap)]);
        }

        if (PhotoMinDecodeCpuTime > PhotoDecodeCpuTime)
        {
            yield return new ValidationResult(
                "Media:PhotoMinDecodeCpuTime must not be longer than Media:PhotoDecodeCpuTime.", [nameof(PhotoMinDecodeCpuTime), nameof(PhotoDecodeCpuTime)]);
        }

        if (ThumbnailWidth % 16 != 0 || PreviewWidth % 16 != 0)
        {
            yield return new ValidationResult(
                "Media:ThumbnailWidth and Media:PreviewWidth must be multiples of 16 (they are 16:9 frames with even heights).",
                [nameof(ThumbnailWidth), nameof(PreviewWidth)]);
        }
    }

    private string Resolve(string tool) =>
        string.IsNullOrWhiteSpace(FfmpegPath) ? tool : Path.Combine(FfmpegPath, tool);
}
