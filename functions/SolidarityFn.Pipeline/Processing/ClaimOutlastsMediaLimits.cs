using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Processing;

/// <summary>
/// Start-up check across two sections: a claim is taken over as stale after Processing:StaleClaimAfter, and nothing
/// renews it while ffmpeg or the photo decoder runs, so the longest run the Media limits allow must end before that, or
/// the sweep would start a second worker on an upload the first is still working on.
/// </summary>
public sealed class ClaimOutlastsMediaLimits(IOptions<MediaOptions> media) : IValidateOptions<ProcessingOptions>
{
    /// <summary>Downloading the upload and storing three outputs, beside the tools' own limits.</summary>
    public static readonly TimeSpan StorageAllowance = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The longest one processing run can take under these limits: two ffprobe runs (the probe, and the packet scan of a
    /// file that states no length), then the longer of a clip's and a photo's work, the face proposals of a contributor
    /// who asked for hidden faces (<see cref="FaceWork"/>, after either), and storage.
    /// </summary>
    public static TimeSpan LongestRun(MediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var longer = ClipWork(options) > PhotoWork(options) ? ClipWork(options) : PhotoWork(options);
        return (2 * options.ProbeTimeout) + longer + FaceWork + StorageAllowance;
    }

    /// <summary>Sampling the normalised clip's frames, then the detector's budget (issue 15: hide faces).</summary>
    public static TimeSpan FaceWork => Protection.RegionProposer.SampleTimeout + Protection.RegionProposer.DetectionBudget;

    /// <summary>A clip: the tone-map LUT (a thumbnail-sized run), then the clip and the thumbnail side by side.</summary>
    public static TimeSpan ClipWork(MediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ThumbnailTimeout + Longer(options.TranscodeTimeoutCap, options.ThumbnailTimeoutCap);
    }

    /// <summary>
    /// A photo: waiting for a decoder lane (<see cref="PhotoPreparer.LaneWait"/>, one decode's limits), its own decode,
    /// then the longest still clip (the largest picture the decoder hands on, for the longest photo time a campaign may
    /// set) beside its thumbnail.
    /// </summary>
    public static TimeSpan PhotoWork(MediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var largest = MediaWork.Still(CampaignLimits.MaxPhotoSeconds, (long)options.MaxPhotoEdge * options.MaxPhotoEdge);
        return PhotoPreparer.LaneWait(options) + options.PhotoStartTimeout + options.PhotoDecodeTimeout
            + Longer(MediaTimeouts.Transcode(largest, options), MediaTimeouts.Thumbnail(largest, options));
    }

    public ValidateOptionsResult Validate(string? name, ProcessingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.RequireClaimToOutlastMediaLimits)
        {
            return ValidateOptionsResult.Skip;
        }

        var longest = LongestRun(media.Value);
        return options.StaleClaimAfter > longest
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Processing:StaleClaimAfter ({options.StaleClaimAfter}) must be longer than the longest processing run the Media limits allow " +
                $"({longest}: twice Media:ProbeTimeout, {StorageAllowance.TotalMinutes} minutes of storage, and the longer of a clip's work " +
                $"({ClipWork(media.Value)}: Media:ThumbnailTimeout and the larger of Media:TranscodeTimeoutCap and Media:ThumbnailTimeoutCap) " +
                $"and a photo's ({PhotoWork(media.Value)}: twice Media:PhotoStartTimeout and Media:PhotoDecodeTimeout, then a still clip of " +
                $"Media:MaxPhotoEdge squared), then {FaceWork.TotalMinutes} minutes of face proposals, or a worker still encoding would lose its claim to the sweep.");
    }

    private static TimeSpan Longer(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
