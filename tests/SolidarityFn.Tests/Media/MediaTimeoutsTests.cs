using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Processing;

namespace SolidarityFn.Tests.Media;

/// <summary>An upload's ffmpeg limits scale with its seconds, pixel rate and tone mapping (default options), capped.</summary>
public class MediaTimeoutsTests
{
    private static readonly MediaOptions Defaults = new();

    public static TheoryData<string, double, int, int, double, bool, int, int> Table => new()
    {
        // what, seconds encoded, width, height, fps, tone-mapped → clip + preview limit s, thumbnail limit s
        { "10 s 1080p30 SDR", 10, 1920, 1080, 30, false, 90, 30 },
        { "5 s 720p: below 1080p counts as 1080p", 5, 1280, 720, 30, false, 60, 30 },
        { "0.6 s 320x240", 0.6, 320, 240, 30, false, 34, 30 },
        { "60 s phone portrait 1080x1920", 60, 1080, 1920, 30, false, 390, 30 },
        { "10 s 1080p HLG: tone mapping doubles", 10, 1920, 1080, 30, true, 150, 60 },
        { "10 s 4K30: four times the pixels", 10, 3840, 2160, 30, false, 270, 120 },
        { "10 s 4K60: the frame rate counts for the clip, not the thumbnail", 10, 3840, 2160, 60, false, 510, 120 },
        { "60 s 4K30: capped", 60, 3840, 2160, 30, false, 600, 120 },
        { "60 s 4K HLG: capped", 60, 3840, 2160, 30, true, 600, 120 },
        { "30 s 1080p240 slow motion: capped", 30, 1920, 1080, 240, false, 600, 30 },
        { "unknown frame rate (0) is taken as 30", 10, 1920, 1080, 0, false, 90, 30 },
        { "an unbelievable frame rate is taken as 30", 10, 1920, 1080, 100_000, false, 90, 30 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Limits_scale_with_seconds_pixels_frame_rate_and_tone_mapping(
        string what, double seconds, int width, int height, double fps, bool toneMapped, int clipSeconds, int thumbnailSeconds)
    {
        var work = new MediaWork(seconds, (long)width * height, fps, toneMapped);

        Assert.True(TimeSpan.FromSeconds(clipSeconds) == MediaTimeouts.Transcode(work, Defaults), $"{what}: clip {MediaTimeouts.Transcode(work, Defaults)}");
        Assert.True(TimeSpan.FromSeconds(thumbnailSeconds) == MediaTimeouts.Thumbnail(work, Defaults), $"{what}: thumbnail {MediaTimeouts.Thumbnail(work, Defaults)}");
    }

    [Theory]
    [InlineData(3840, 2880, 158, 120)] // a 12 MP phone photo scaled to the 3840 px edge: 5.3 × 1080p
    [InlineData(1080, 1440, 54, 30)]
    public void A_photo_s_still_clip_scales_with_its_picture(int width, int height, int clipSeconds, int thumbnailSeconds)
    {
        var work = MediaWork.Still(4, (long)width * height);

        Assert.Equal(TimeSpan.FromSeconds(clipSeconds), MediaTimeouts.Transcode(work, Defaults));
        Assert.Equal(TimeSpan.FromSeconds(thumbnailSeconds), MediaTimeouts.Thumbnail(work, Defaults));
    }

    [Fact]
    public void A_small_clip_is_no_longer_allowed_the_old_five_minutes_and_a_long_4k_one_gets_more()
    {
        var small = MediaTimeouts.Transcode(new MediaWork(8, 1280 * 720, 30, false), Defaults);
        var long4K = MediaTimeouts.Transcode(new MediaWork(60, 3840 * 2160, 30, false), Defaults);

        Assert.True(small <= TimeSpan.FromMinutes(1.5), $"small: {small}");
        Assert.True(long4K > TimeSpan.FromMinutes(5), $"long 4K: {long4K}");
    }

    [Fact]
    public void Nonsense_seconds_get_the_base_and_the_configured_numbers_are_used()
    {
        Assert.Equal(Defaults.TranscodeTimeoutBase, MediaTimeouts.Transcode(new MediaWork(double.NaN, 1920 * 1080, 30, false), Defaults));
        Assert.Equal(Defaults.TranscodeTimeoutBase, MediaTimeouts.Transcode(new MediaWork(-5, 1920 * 1080, 30, false), Defaults));

        var options = new MediaOptions
        {
            TranscodeTimeoutBase = TimeSpan.FromSeconds(10),
            TranscodeTimeoutPerMediaSecond = TimeSpan.FromSeconds(2),
            TranscodeTimeoutCap = TimeSpan.FromSeconds(45),
            ThumbnailTimeout = TimeSpan.FromSeconds(5),
            ThumbnailTimeoutCap = TimeSpan.FromSeconds(15),
        };
        Assert.Equal(TimeSpan.FromSeconds(30), MediaTimeouts.Transcode(new MediaWork(10, 1920 * 1080, 30, false), options));
        Assert.Equal(TimeSpan.FromSeconds(45), MediaTimeouts.Transcode(new MediaWork(10, 1920 * 1080, 30, true), options));
        Assert.Equal(TimeSpan.FromSeconds(15), MediaTimeouts.Thumbnail(new MediaWork(10, 3840 * 2160, 30, false), options));
    }

    [Fact]
    public void Caps_below_their_base_are_refused()
    {
        Assert.NotEmpty(MediaOptionsTests.Validate(new MediaOptions { TranscodeTimeoutCap = TimeSpan.FromSeconds(10) }));
        Assert.NotEmpty(MediaOptionsTests.Validate(new MediaOptions { ThumbnailTimeoutCap = TimeSpan.FromSeconds(10) }));
        Assert.NotEmpty(MediaOptionsTests.Validate(new MediaOptions { TranscodeTimeoutPerMediaSecond = TimeSpan.Zero }));
    }

    [Fact]
    public void A_claim_must_outlast_the_longest_run_the_media_limits_allow()
    {
        var defaults = new ClaimOutlastsMediaLimits(Options.Create(new MediaOptions()));
        Assert.True(defaults.Validate(null, new ProcessingOptions()).Succeeded);
        // Clip: 30 s LUT + the 10 min cap = 630 s. Photo: lane 30 + 180 + 15 s, its own 30 + 180 s, and the still clip of
        // 10 s from 3840×3840 (load 7.11: 30 + 10 × 6 × 7.11 = 457 s) = 892 s, the longer. Plus 2 × 30 s probes, 120 s
        // storage, and 3 + 4 min of face proposals (sampling, detection) for a contributor who asked for hidden faces.
        Assert.Equal(TimeSpan.FromSeconds(630), ClaimOutlastsMediaLimits.ClipWork(new MediaOptions()));
        Assert.Equal(TimeSpan.FromSeconds(892), ClaimOutlastsMediaLimits.PhotoWork(new MediaOptions()));
        Assert.Equal(TimeSpan.FromSeconds(420), ClaimOutlastsMediaLimits.FaceWork);
        Assert.Equal(TimeSpan.FromSeconds(1492), ClaimOutlastsMediaLimits.LongestRun(new MediaOptions()));
        Assert.False(defaults.Validate(null, new ProcessingOptions { StaleClaimAfter = TimeSpan.FromSeconds(1492) }).Succeeded);

        var longer = new ClaimOutlastsMediaLimits(Options.Create(new MediaOptions { TranscodeTimeoutCap = TimeSpan.FromMinutes(20) }));
        var refused = longer.Validate(null, new ProcessingOptions());
        Assert.True(refused.Failed);
        Assert.Contains("Media:TranscodeTimeoutCap", refused.FailureMessage, StringComparison.Ordinal);
        Assert.True(longer.Validate(null, new ProcessingOptions { StaleClaimAfter = TimeSpan.FromMinutes(35) }).Succeeded);

        // A slower photo backstop counts twice: the photo's own decode and the one ahead of it in the lane.
        var slowPhotos = new ClaimOutlastsMediaLimits(Options.Create(new MediaOptions { PhotoDecodeTimeout = TimeSpan.FromMinutes(6) }));
        var photoRefused = slowPhotos.Validate(null, new ProcessingOptions());
        Assert.True(photoRefused.Failed);
        Assert.Contains("Media:PhotoDecodeTimeout", photoRefused.FailureMessage, StringComparison.Ordinal);

        // Fault tests take claims over in seconds on purpose, and say so.
        Assert.True(longer.Validate(null, new ProcessingOptions { StaleClaimAfter = TimeSpan.FromSeconds(10), RequireClaimToOutlastMediaLimits = false }).Skipped);
    }
}
