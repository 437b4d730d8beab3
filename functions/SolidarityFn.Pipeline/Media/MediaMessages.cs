using System.Globalization;

namespace SolidarityFn.Pipeline.Media;

/// <summary>What a contributor reads when their upload is refused: short, plain, and saying what to do instead.</summary>
public static class MediaMessages
{
    public const string Unsupported =
        "This file is not a photo or video we can use. Please send a JPEG, PNG, WebP, HEIC or AVIF photo, or an MP4, MOV, 3GP or WebM video.";

    public const string Corrupt =
        "We could not read this file: it may be damaged or only partly uploaded. Please try sending it again.";

    public const string NoVideo =
        "We found no picture in this video file. Please send a video or a photo.";

    public const string AudioOnly =
        "This file has sound but no picture. Please send a video or a photo.";

    public const string Timeout =
        "Processing this file took too long. Please send a shorter or smaller video.";

    public const string PictureTooLarge =
        "This file's picture is larger than we can process. Please send a smaller photo, or a video recorded at 4K or less.";

    public const string PhotoTooSlow =
        "This photo took longer to read than we allow one picture: it may be damaged or unusually built. Please send it as an ordinary JPEG (a screenshot of it works too).";

    public const string PhotoTooMuchMemory =
        "This photo needs more memory to read than we allow one picture. Please send a smaller photo (a screenshot of it works too).";

    public const string Failed =
        "We could not process this file. Please try another photo or video.";

    public static string TooShort(double seconds, double minimum) => string.Create(
        CultureInfo.InvariantCulture,
        $"This video is only {seconds:0.#} seconds long. Please send one of at least {minimum:0.#} seconds.");

    public static string PhotoTooLarge(int width, int height, long maxPixels) => string.Create(
        CultureInfo.InvariantCulture,
        $"This photo is {width}×{height} pixels, larger than the {maxPixels / 1_000_000.0:0.#} megapixels we accept. Please send a smaller photo.");

    public static string PhotoShape(int width, int height) => string.Create(
        CultureInfo.InvariantCulture,
        $"This photo is {width}×{height} pixels, too long or too thin for a video. Please send a photo of an ordinary shape.");

    public static string VideoTooLarge(int width, int height) => string.Create(
        CultureInfo.InvariantCulture,
        $"This video's picture is {width}×{height} pixels, larger than we can process. Please record at 4K or less.");
}
