using System.Diagnostics;
using ImageMagick;
using ImageMagick.Formats;

namespace SolidarityFn.Pipeline.Media;

/// <summary>The decoder refused the photo itself: a media reason, the contributor's message, and a detail for the log.</summary>
public sealed class PhotoRefusedException : Exception
{
    public PhotoRefusedException(string reason, string message, string detail, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
        Detail = detail;
    }

    public PhotoRefusedException()
        : this(RejectionReasons.Corrupt, MediaMessages.Corrupt, "")
    {
    }

    public PhotoRefusedException(string message)
        : this(RejectionReasons.Corrupt, message, "")
    {
    }

    public PhotoRefusedException(string message, Exception inner)
        : this(RejectionReasons.Corrupt, message, "", inner)
    {
    }

    public string Reason { get; }

    public string Detail { get; }
}

/// <summary>
/// Decodes a photo with Magick.NET and writes the clean PNG the still clip and thumbnail are made from (DESIGN.md §6):
/// the size is read from the header first, so an oversized or absurdly shaped picture is refused before any pixel is
/// allocated; the decoder is the one the bytes were sniffed as (never guessed by Magick); EXIF orientation is applied;
/// colours are converted to sRGB through the ICC profile; alpha is flattened on white; every profile (EXIF with GPS,
/// XMP, IPTC, ICC) and comment is stripped.
/// <para>
/// Runs only in the photo decoder process (SolidarityFn.PhotoDecoder), which the host can kill: ImageMagick's resource
/// limits are process-wide, and libheif's buffers are outside them, so none of this may run in the host.
/// </para>
/// </summary>
public static class PhotoDecoding
{
    /// <summary>
    /// ImageMagick's limits for this process, set before anything is read: a pixel cache over its memory or area is paged
    /// to the work folder, a disk cache over its share fails the read. The width and height limits follow the header
    /// check (<see cref="Decode"/>), so a picture refused for its shape gets the message that says so.
    /// </summary>
    public static void ApplyLimits(PhotoDecodeRequest request, TimeSpan timeLimit)
    {
        ArgumentNullException.ThrowIfNull(request);
        MagickNET.SetTempDirectory(request.TempFolder);
        ResourceLimits.Area = (ulong)request.MaxPixels;
        ResourceLimits.Memory = (ulong)request.MemoryMib * 1024 * 1024;
        ResourceLimits.Disk = (ulong)request.DiskMib * 1024 * 1024;
        ResourceLimits.ListLength = 16;
        ResourceLimits.Time = (ulong)Math.Ceiling(timeLimit.TotalSeconds);

        // One core: the other stays for the clips being encoded beside this photo.
        ResourceLimits.Thread = 1;
    }

    /// <summary>Reads the header, then decodes and writes the PNG.</summary>
    /// <param name="headerRead">Called with the stored width and height once the header passed the checks.</param>
    /// <exception cref="PhotoRefusedException">The photo itself is refused.</exception>
    public static PhotoDecoderReport Decode(PhotoDecodeRequest request, Action<int, int> headerRead)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(headerRead);
        var started = Stopwatch.GetTimestamp();
        var decoder = Enum.Parse<MagickFormat>(request.Decoder);

        // 1. The header only: no pixels are decoded or allocated.
        uint headerWidth;
        uint headerHeight;
        try
        {
            using var header = new MagickImage();
            header.Ping(request.InputPath, new MagickReadSettings { Format = decoder });
            headerWidth = header.Width;
            headerHeight = header.Height;
        }
        catch (MagickResourceLimitErrorException exception)
        {
            throw new PhotoRefusedException(RejectionReasons.TooLarge, MediaMessages.PictureTooLarge, "header: " + exception.GetType().Name, exception);
        }
        catch (MagickException exception)
        {
            throw new PhotoRefusedException(RejectionReasons.Corrupt, MediaMessages.Corrupt, "header: " + exception.GetType().Name, exception);
        }

        if (headerWidth == 0 || headerHeight == 0)
        {
            throw new PhotoRefusedException(RejectionReasons.Corrupt, MediaMessages.Corrupt, "header: no size");
        }

        var longSide = Math.Max(headerWidth, headerHeight);
        var shortSide = Math.Min(headerWidth, headerHeight);
        if (longSide > request.MaxPhotoSide || (ulong)longSide > (ulong)shortSide * (ulong)request.MaxPhotoAspect)
        {
            // Refused from the header, before any pixel: a thin sliver of a picture can cost a decoder minutes.
            throw new PhotoRefusedException(
                RejectionReasons.TooLarge, MediaMessages.PhotoShape((int)headerWidth, (int)headerHeight), $"shape {headerWidth}x{headerHeight}");
        }

        if ((long)headerWidth * headerHeight > request.MaxPixels)
        {
            throw new PhotoRefusedException(
                RejectionReasons.TooLarge,
                MediaMessages.PhotoTooLarge((int)headerWidth, (int)headerHeight, request.MaxPixels),
                $"pixels {headerWidth}x{headerHeight}");
        }

        headerRead((int)headerWidth, (int)headerHeight);

        // Before any pixel: a decoder that finds a picture larger than its header said stops at these.
        ResourceLimits.Width = (ulong)request.MaxPhotoSide;
        ResourceLimits.Height = (ulong)request.MaxPhotoSide;

        // 2. Decode, letting libjpeg scale down by whole factors while decoding (far less memory for big phone photos).
        var edge = (uint)request.MaxPhotoEdge;
        var settings = new MagickReadSettings { Format = decoder };
        // Only for photos larger than the edge: libjpeg-turbo also scales UP (to 16/8), and a small photo must stay its size.
        if (decoder == MagickFormat.Jpeg && (headerWidth > edge || headerHeight > edge))
        {
            settings.SetDefines(new JpegReadDefines { Size = new MagickGeometry(edge, edge) });
        }

        using var image = new MagickImage();
        try
        {
            image.Read(request.InputPath, settings);
        }
        catch (MagickResourceLimitErrorException exception)
        {
            throw new PhotoRefusedException(RejectionReasons.TooLarge, MediaMessages.PictureTooLarge, "pixels: " + exception.GetType().Name, exception);
        }
        catch (MagickException exception)
        {
            throw new PhotoRefusedException(RejectionReasons.Corrupt, MediaMessages.Corrupt, "pixels: " + exception.GetType().Name, exception);
        }

        // 3. Upright. libheif has already applied HEIF's own rotation and mirroring (irot/imir); an EXIF orientation
        // inside a HEIF must then be ignored, or the photo would turn twice.
        if (request.IsHeif)
        {
            image.Orientation = Orientation.TopLeft;
        }

        var quarterTurn = image.Orientation is Orientation.LeftTop or Orientation.RightTop or Orientation.RightBottom or Orientation.LeftBottom;
        image.AutoOrient();
        var (width, height) = request.IsHeif
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
        try
        {
            image.Write(request.PngPath, new PngWriteDefines
            {
                CompressionLevel = 1,
                ExcludeChunks = PngChunkFlags.All,
            });
        }
        catch (MagickResourceLimitErrorException exception)
        {
            throw new PhotoRefusedException(RejectionReasons.TooLarge, MediaMessages.PictureTooLarge, "write: " + exception.GetType().Name, exception);
        }

        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return PhotoDecoderReport.Prepared(width, height, (int)image.Width, (int)image.Height, elapsedMs, ProcessMemory.PeakResidentBytes(Environment.ProcessId));
    }
}
