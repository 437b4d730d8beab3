using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Processing;

/// <summary>
/// Start-up check across two sections: a claim is taken over as stale after Processing:StaleClaimAfter, and nothing
/// renews it while ffmpeg runs, so the longest run the Media limits allow must end before that, or the sweep would start
/// a second worker on an upload the first is still encoding.
/// </summary>
public sealed class ClaimOutlastsMediaLimits(IOptions<MediaOptions> media) : IValidateOptions<ProcessingOptions>
{
    /// <summary>Downloading the upload and storing three outputs, beside the tools' own limits.</summary>
    public static readonly TimeSpan StorageAllowance = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The longest one processing run can take under these limits: two ffprobe runs (the probe, and the packet scan of a
    /// file that states no length), a photo decode, a tone-map LUT, then the clip and thumbnail side by side, and storage.
    /// </summary>
    public static TimeSpan LongestRun(MediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tools = (2 * options.ProbeTimeout) + options.PhotoDecodeTimeout + options.ThumbnailTimeout
            + (options.TranscodeTimeoutCap > options.ThumbnailTimeoutCap ? options.TranscodeTimeoutCap : options.ThumbnailTimeoutCap);
        return tools + StorageAllowance;
    }

    public ValidateOptionsResult Validate(string? name, ProcessingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var longest = LongestRun(media.Value);
        return options.StaleClaimAfter > longest
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Processing:StaleClaimAfter ({options.StaleClaimAfter}) must be longer than the longest processing run the Media limits allow " +
                $"({longest}: twice Media:ProbeTimeout, Media:PhotoDecodeTimeout, Media:ThumbnailTimeout, the larger of Media:TranscodeTimeoutCap " +
                $"and Media:ThumbnailTimeoutCap, and {StorageAllowance.TotalMinutes} minutes of storage), or a worker still encoding would lose its claim to the sweep.");
    }
}
