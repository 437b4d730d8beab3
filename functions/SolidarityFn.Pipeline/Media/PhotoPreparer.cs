using System.Diagnostics;
using ImageMagick;
using ImageMagick.Formats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SolidarityFn.Pipeline.Media;

/// <summary>The photo after <see cref="PhotoPreparer"/>: upright, sRGB, opaque, without any profile, as a PNG.</summary>
/// <param name="Width">Width of the photo as sent, once upright (the submission's source width).</param>
/// <param name="Height">Height of the photo as sent, once upright.</param>
/// <param name="PngWidth">Width of the written PNG (scaled down to <see cref="MediaOptions.MaxPhotoEdge"/>).</param>
/// <param name="PngHeight">Height of the written PNG.</param>
public sealed record PreparedPhoto(string PngPath, int Width, int Height, int PngWidth, int PngHeight);

/// <summary>
/// Decodes a photo with Magick.NET and writes the clean PNG the still clip and thumbnail are made from (DESIGN.md §6):
/// the size is read from the header first, so an oversized picture is refused before any pixel is allocated; the
/// decoder is the one the bytes were sniffed as (never guessed by Magick); EXIF orientation is applied; colours are
/// converted to sRGB; every profile (EXIF with GPS, XMP, IPTC, ICC) and comment is stripped.
/// </summary>
public sealed partial class PhotoPreparer
{
    private readonly MediaOptions _options;
    private readonly ILogger<PhotoPreparer> _logger;

    public PhotoPreparer(IOptions<MediaOptions> options, ILogger<PhotoPreparer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;

        // Process-wide in ImageMagick; the preparer is a singleton made from validated options, so one value holds.
        ResourceLimits.Memory = (ulong)_options.PhotoMemoryMib * 1024 * 1024;
    }

    /// <summary>The Magick.NET decoder for a sniffed photo.</summary>
    public static MagickFormat DecoderFor(SniffedMedia sniffed)
    {
        ArgumentNullException.ThrowIfNull(sniffed);
        return sniffed.Format switch
        {
            ContainerFormat.Jpeg => MagickFormat.Jpeg,
            ContainerFormat.Png => MagickFormat.Png,
            ContainerFormat.Webp => MagickFormat.WebP,
            ContainerFormat.Heif when sniffed.Brand is "avif" or "avis" or "avio" => MagickFormat.Avif,
            ContainerFormat.Heif => MagickFormat.Heic,
            _ => throw new ArgumentException("Not a photo format: " + sniffed.Format, nameof(sniffed)),
        };
    }

    public async Task<PreparedPhoto> PrepareAsync(string inputPath, SniffedMedia sniffed, string pngPath, CancellationToken cancellationToken)
    {
        try
        {
            // A decoder stuck on a hostile file is not interruptible: the upload fails on time and the thread is left to end.
            return await Task.Run(() => Prepare(inputPath, sniffed, pngPath, cancellationToken), cancellationToken)
                .WaitAsync(_options.PhotoDecodeTimeout, cancellationToken);
        }
        catch (TimeoutException exception)
        {
            Log.DecodeTimedOut(_logger, sniffed.Format, (long)_options.PhotoDecodeTimeout.TotalSeconds);
            throw new MediaRejectedException(RejectionReasons.Timeout, MediaMessages.Timeout, exception);
        }
    }

    private PreparedPhoto Prepare(string inputPath, SniffedMedia sniffed, string pngPath, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var decoder = DecoderFor(sniffed);

        // 1. The header only: no pixels are decoded or allocated.
        uint headerWidth;
        uint headerHeight;
        try
        {
            using var header = new MagickImage();
            header.Ping(inputPath, new MagickReadSettings { Format = decoder });
            headerWidth = header.Width;
            headerHeight = header.Height;
        }
        catch (MagickException exception)
        {
            Log.Unreadable(_logger, sniffed.Format, "header", exception.GetType().Name);
            throw new MediaRejectedException(RejectionReasons.Corrupt, MediaMessages.Corrupt, exception);
        }

        if (headerWidth == 0 || headerHeight == 0)
        {
            throw new MediaRejectedException(RejectionReasons.Corrupt, MediaMessages.Corrupt);
        }

        var longSide = Math.Max(headerWidth, headerHeight);
        var shortSide = Math.Min(headerWidth, headerHeight);
        if (longSide > _options.MaxPhotoSide || (ulong)longSide > (ulong)shortSide * (ulong)_options.MaxPhotoAspect)
        {
            // Refused from the header, before any pixel: a thin sliver of a picture can cost a decoder minutes.
            Log.BadShape(_logger, sniffed.Format, headerWidth, headerHeight);
            throw new MediaRejectedException(RejectionReasons.TooLarge, MediaMessages.PhotoShape((int)headerWidth, (int)headerHeight));
        }

        if ((long)headerWidth * headerHeight > _options.MaxPixels)
        {
            Log.TooLarge(_logger, sniffed.Format, headerWidth, headerHeight);
            throw new MediaRejectedException(
                RejectionReasons.TooLarge, MediaMessages.PhotoTooLarge((int)headerWidth, (int)headerHeight, _options.MaxPixels));
        }

        cancellationToken.ThrowIfCancellationRequested();

        // 2. Decode, letting libjpeg scale down by whole factors while decoding (far less memory for big phone photos).
        var edge = (uint)_options.MaxPhotoEdge;
        var settings = new MagickReadSettings { Format = decoder };
        // Only for photos larger than the edge: libjpeg-turbo also scales UP (to 16/8), and a small photo must stay its size.
        if (decoder == MagickFormat.Jpeg && (headerWidth > edge || headerHeight > edge))
        {
            settings.SetDefines(new JpegReadDefines { Size = new MagickGeometry(edge, edge) });
        }

        using var image = new MagickImage();
        try
        {
            image.Read(inputPath, settings);
        }
        catch (MagickResourceLimitErrorException exception)
        {
            Log.Unreadable(_logger, sniffed.Format, "pixels", exception.GetType().Name);
            throw new MediaRejectedException(RejectionReasons.TooLarge, MediaMessages.PictureTooLarge, exception);
        }
        catch (MagickException exception)
        {
            Log.Unreadable(_logger, sniffed.Format, "pixels", exception.GetType().Name);
            throw new MediaRejectedException(RejectionReasons.Corrupt, MediaMessages.Corrupt, exception);
        }

        cancellationToken.ThrowIfCancellationRequested();

        // 3. Upright. libheif has already applied HEIF's own rotation and mirroring (irot/imir); an EXIF orientation
        // inside a HEIF must then be ignored, or the photo would turn twice.
        if (sniffed.Format == ContainerFormat.Heif)
        {
            image.Orientation = Orientation.TopLeft;
        }

        var quarterTurn = image.Orientation is Orientation.LeftTop or Orientation.RightTop or Orientation.RightBottom or Orientation.LeftBottom;
        image.AutoOrient();
        var (width, height) = sniffed.Format == ContainerFormat.Heif
            ? ((int)image.Width, (int)image.Height)
            : quarterTurn ? ((int)headerHeight, (int)headerWidth) : ((int)headerWidth, (int)headerHeight);

        // 4. sRGB: through the embedded ICC profile when there is one (CMYK JPEGs, Display P3 photos), before it is stripped.
        if (image.GetColorProfile() is not null)
        {
            image.TransformColorSpace(ColorProfiles.SRGB);
        }
        else if (image.ColorSpace != ColorSpace.sRGB)
        {
            image.ColorSpace = ColorSpace.sRGB;
        }

        // 5. Opaque (transparent areas become white, not black), and small enough for a 1080p clip with zoom.
        if (image.HasAlpha)
        {
            image.BackgroundColor = MagickColors.White;
            image.Alpha(AlphaAction.Remove);
            image.Alpha(AlphaAction.Off);
        }

        if (image.Width > edge || image.Height > edge)
        {
            image.Resize(new MagickGeometry(edge, edge));
        }

        // 6. Nothing of the original's metadata survives: profiles, comments, properties; the PNG gets no text chunks.
        image.Strip();
        image.Depth = 8;
        image.Format = MagickFormat.Png;
        cancellationToken.ThrowIfCancellationRequested();
        image.Write(pngPath, new PngWriteDefines
        {
            CompressionLevel = 1,
            ExcludeChunks = PngChunkFlags.All,
        });

        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Log.Prepared(_logger, sniffed.Format, width, height, image.Width, image.Height, elapsedMs);
        return new PreparedPhoto(pngPath, width, height, (int)image.Width, (int)image.Height);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Photo ({Format}) prepared: {Width}x{Height} upright, PNG {PngWidth}x{PngHeight}, in {ElapsedMs} ms")]
        public static partial void Prepared(ILogger logger, ContainerFormat format, int width, int height, uint pngWidth, uint pngHeight, long elapsedMs);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Photo ({Format}) refused before decoding: {Width}x{Height} has a side or a shape over the limits")]
        public static partial void BadShape(ILogger logger, ContainerFormat format, uint width, uint height);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Photo ({Format}) refused before decoding: {Width}x{Height} is over the pixel limit")]
        public static partial void TooLarge(ILogger logger, ContainerFormat format, uint width, uint height);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Photo ({Format}) not prepared within {TimeoutSeconds} s")]
        public static partial void DecodeTimedOut(ILogger logger, ContainerFormat format, long timeoutSeconds);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Photo ({Format}) unreadable at the {Stage} stage: {Error}")]
        public static partial void Unreadable(ILogger logger, ContainerFormat format, string stage, string error);
    }
}
