using System.Buffers.Binary;
using System.Text;

namespace SolidarityFn.Pipeline.Media;

/// <summary>What the first bytes of a file say it is.</summary>
/// <param name="Demuxer">The ffmpeg demuxer to force for videos (never probed); null for photos, which Magick.NET decodes.</param>
/// <param name="Brand">The ISO-BMFF major brand when there is one (for example "heic", "avif", "qt  ").</param>
public sealed record SniffedMedia(MediaKind Kind, ContainerFormat Format, string? Demuxer, string? Brand = null);

/// <summary>
/// Recognises an upload from its magic numbers, never from its name or declared type (DESIGN.md §6). Anything not
/// positively recognised as an accepted photo or video is refused: text, playlists, concat scripts, SVG, GIF, PDF...
/// </summary>
public static class MediaSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at (enough to walk past leading QuickTime atoms).</summary>
    public const int HeaderLength = 4096;

    public const string MovDemuxer = "mov";
    public const string MatroskaDemuxer = "matroska";

    // HEIF still images and image sequences (ISO/IEC 23008-12), AVIF (its AV1 sibling).
    private static readonly HashSet<string> PhotoBrands = new(StringComparer.Ordinal)
    {
        "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "mif2", "msf1", "avif", "avis", "avio",
    };

    // Brands of ISO base media files that carry video: MP4, QuickTime, 3GPP, plus common camera/phone variants.
    private static readonly HashSet<string> VideoBrands = new(StringComparer.Ordinal)
    {
        "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7", "iso8", "iso9", "mp41", "mp42", "mp71", "avc1", "hvc1", "qt  ",
        "M4V ", "M4VH", "M4VP", "MSNV", "XAVC", "f4v ", "mmp4", "dash", "kddi", "NDAS", "NDSC", "NDSH", "NDSM", "NDSP", "NDSS",
        "NDXC", "NDXH", "NDXM", "NDXP", "NDXS", "3gp4", "3gp5", "3gp6", "3gp7", "3gp8", "3gp9", "3gs6", "3gs7", "3ge6",
        "3ge7", "3gg6", "3g2a", "3g2b", "3g2c", "caqv",
    };

    // Brands that are ISO-BMFF but not something we take: audio only, camera raw, JPEG 2000, encrypted books.
    private static readonly HashSet<string> RefusedBrands = new(StringComparer.Ordinal)
    {
        "M4A ", "M4B ", "M4P ", "crx ", "jp2 ", "jpx ", "jpm ", "mjp2", "F4A ", "F4B ",
    };

    // QuickTime files written without an ftyp begin with one of these atoms.
    private static readonly HashSet<string> LeadingQuickTimeAtoms = new(StringComparer.Ordinal) { "moov", "mdat", "wide", "free", "skip", "pnot" };

    /// <summary>Reads the first <see cref="HeaderLength"/> bytes of a file and sniffs them.</summary>
    public static async Task<SniffedMedia?> SniffFileAsync(string path, CancellationToken cancellationToken)
    {
        var buffer = new byte[HeaderLength];
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous);
        await using (stream)
        {
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            return Sniff(buffer.AsSpan(0, read));
        }
    }

    /// <summary>Recognises the media from its leading bytes, or returns null when it is not something we accept.</summary>
    public static SniffedMedia? Sniff(ReadOnlySpan<byte> header)
    {
        if (header.Length < 12)
        {
            return null;
        }

        if (header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
        {
            return new SniffedMedia(MediaKind.Photo, ContainerFormat.Jpeg, null);
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return new SniffedMedia(MediaKind.Photo, ContainerFormat.Png, null);
        }

        if (header.StartsWith("RIFF"u8) && header.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return new SniffedMedia(MediaKind.Photo, ContainerFormat.Webp, null);
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return new SniffedMedia(MediaKind.Video, ContainerFormat.Matroska, MatroskaDemuxer);
        }

        return SniffIsoBaseMedia(header);
    }

    private static SniffedMedia? SniffIsoBaseMedia(ReadOnlySpan<byte> header)
    {
        var offset = 0;
        var sawLeadingAtom = false;
        while (offset + 8 <= header.Length)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(header[offset..]);
            var type = FourCc(header.Slice(offset + 4, 4));
            if (type is null)
            {
                return null;
            }

            if (type == "ftyp")
            {
                // A real ftyp holds at least the major brand and minor version; it may only come first or after leading atoms.
                if (size < 16 || offset + 16 > header.Length)
                {
                    return null;
                }

                var end = (int)Math.Min(offset + (long)size, header.Length);
                return FromBrands(header[(offset + 8)..end]);
            }

            if (!LeadingQuickTimeAtoms.Contains(type))
            {
                return null;
            }

            sawLeadingAtom = true;
            if (type is "moov" or "mdat")
            {
                // Old QuickTime: no ftyp at all. The mov demuxer is forced, so a lie ends as "corrupt".
                return size is 0 or 1 or >= 8 ? new SniffedMedia(MediaKind.Video, ContainerFormat.IsoBmff, MovDemuxer, "qt  ") : null;
            }

            if (size < 8)
            {
                return null;
            }

            offset += (int)Math.Min(size, (uint)header.Length);
        }

        // Only padding atoms within the header: a QuickTime movie whose ftyp or moov comes later.
        return sawLeadingAtom && offset >= header.Length && header.Length >= HeaderLength
            ? new SniffedMedia(MediaKind.Video, ContainerFormat.IsoBmff, MovDemuxer, "qt  ")
            : null;
    }

    private static SniffedMedia? FromBrands(ReadOnlySpan<byte> ftypBody)
    {
        var major = FourCc(ftypBody[..4]);
        if (major is null)
        {
            return null;
        }

        var compatible = new List<string>();
        for (var i = 8; i + 4 <= ftypBody.Length; i += 4)
        {
            if (FourCc(ftypBody.Slice(i, 4)) is { } brand)
            {
                compatible.Add(brand);
            }
        }

        if (PhotoBrands.Contains(major))
        {
            return new SniffedMedia(MediaKind.Photo, ContainerFormat.Heif, null, major);
        }

        if (RefusedBrands.Contains(major))
        {
            return null;
        }

        if (VideoBrands.Contains(major) || major.StartsWith("3g", StringComparison.Ordinal) || major.StartsWith("iso", StringComparison.Ordinal))
        {
            return new SniffedMedia(MediaKind.Video, ContainerFormat.IsoBmff, MovDemuxer, major);
        }

        // An unusual major brand: decide from the compatible brands, photo first (HEIF files often list mif1 only there).
        if (compatible.Exists(PhotoBrands.Contains) && !compatible.Exists(VideoBrands.Contains))
        {
            return new SniffedMedia(MediaKind.Photo, ContainerFormat.Heif, null, major);
        }

        return compatible.Exists(VideoBrands.Contains)
            ? new SniffedMedia(MediaKind.Video, ContainerFormat.IsoBmff, MovDemuxer, major)
            : null;
    }

    /// <summary>A four-character code of printable ASCII, or null.</summary>
    private static string? FourCc(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is < 0x20 or > 0x7E)
            {
                return null;
            }
        }

        return Encoding.ASCII.GetString(bytes);
    }
}
