using System.Buffers.Binary;
using System.Text;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Media;

public class MediaSnifferTests
{
    [Fact]
    public void Jpeg_is_a_photo()
    {
        var sniffed = MediaSniffer.Sniff(Pad([0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x10, .. "Exif"u8]));
        Assert.Equal(new SniffedMedia(MediaKind.Photo, ContainerFormat.Jpeg, null), sniffed);
    }

    [Fact]
    public void Png_is_a_photo()
    {
        var sniffed = MediaSniffer.Sniff(Pad([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8]));
        Assert.Equal(new SniffedMedia(MediaKind.Photo, ContainerFormat.Png, null), sniffed);
    }

    [Fact]
    public void Webp_is_a_photo()
    {
        var sniffed = MediaSniffer.Sniff(Pad([.. "RIFF"u8, 0x24, 0, 0, 0, .. "WEBPVP8 "u8]));
        Assert.Equal(new SniffedMedia(MediaKind.Photo, ContainerFormat.Webp, null), sniffed);
    }

    [Fact]
    public void A_riff_that_is_not_webp_is_refused()
    {
        Assert.Null(MediaSniffer.Sniff(Pad([.. "RIFF"u8, 0x24, 0, 0, 0, .. "WAVEfmt "u8])));
        Assert.Null(MediaSniffer.Sniff(Pad([.. "RIFF"u8, 0x24, 0, 0, 0, .. "AVI LIST"u8])));
    }

    [Theory]
    [InlineData("heic", "mif1,heic")]
    [InlineData("heix", "mif1,heix")]
    [InlineData("mif1", "mif1,heic")]
    [InlineData("msf1", "msf1,hevc")]
    [InlineData("avif", "avif,mif1,miaf")]
    public void Heif_brands_are_photos(string major, string compatible)
    {
        var sniffed = MediaSniffer.Sniff(Pad(Ftyp(major, compatible)));
        Assert.Equal(new SniffedMedia(MediaKind.Photo, ContainerFormat.Heif, null, major), sniffed);
    }

    [Fact]
    public void A_heif_recognised_only_by_its_compatible_brands_is_a_photo()
    {
        var sniffed = MediaSniffer.Sniff(Pad(Ftyp("xyz1", ["mif1", "heic"])));
        Assert.Equal(MediaKind.Photo, sniffed?.Kind);
    }

    [Theory]
    [InlineData("isom", "isom,iso2,avc1,mp41")]
    [InlineData("mp42", "mp42,isom")]
    [InlineData("mp41", "")]
    [InlineData("qt  ", "qt  ")]
    [InlineData("3gp4", "3gp4,isom")]
    [InlineData("3gp5", "")]
    [InlineData("3g2a", "3g2a")]
    [InlineData("M4V ", "M4V ,M4A ,mp42,isom")]
    [InlineData("avc1", "isom")]
    [InlineData("iso5", "iso6,dash")]
    [InlineData("XAVC", "XAVC,mp42,iso2")]
    public void Iso_base_media_video_brands_are_videos_with_the_mov_demuxer(string major, string compatible)
    {
        var sniffed = MediaSniffer.Sniff(Pad(Ftyp(major, compatible)));
        Assert.Equal(new SniffedMedia(MediaKind.Video, ContainerFormat.IsoBmff, "mov", major), sniffed);
    }

    [Fact]
    public void An_unusual_major_brand_with_video_compatible_brands_is_a_video()
    {
        var sniffed = MediaSniffer.Sniff(Pad(Ftyp("abcd", ["isom", "mp42"])));
        Assert.Equal(MediaKind.Video, sniffed?.Kind);
        Assert.Equal("mov", sniffed?.Demuxer);
    }

    [Theory]
    [InlineData("M4A ", "M4A ,mp42,isom")]
    [InlineData("crx ", "crx ,isom")]
    [InlineData("jp2 ", "jp2 ")]
    [InlineData("abcd", "efgh")]
    public void Audio_raw_jpeg2000_and_unknown_iso_files_are_refused(string major, string compatible)
    {
        Assert.Null(MediaSniffer.Sniff(Pad(Ftyp(major, compatible))));
    }

    [Theory]
    [InlineData("wide")]
    [InlineData("mdat")]
    [InlineData("moov")]
    [InlineData("free")]
    [InlineData("skip")]
    public void QuickTime_without_ftyp_is_a_video(string firstAtom)
    {
        // An old QuickTime layout: a small leading atom, then the movie atom.
        var header = firstAtom is "mdat" or "moov"
            ? Box(firstAtom, new byte[64])
            : [.. Box(firstAtom, new byte[8]), .. Box("mdat", new byte[64])];
        var sniffed = MediaSniffer.Sniff(Pad(header));
        Assert.Equal(new SniffedMedia(MediaKind.Video, ContainerFormat.IsoBmff, "mov", "qt  "), sniffed);
    }

    [Fact]
    public void A_wide_atom_followed_by_ftyp_uses_the_ftyp()
    {
        var sniffed = MediaSniffer.Sniff(Pad([.. Box("wide", []), .. Ftyp("heic", ["mif1"])]));
        Assert.Equal(MediaKind.Photo, sniffed?.Kind);
    }

    [Fact]
    public void A_leading_atom_followed_by_anything_else_is_refused()
    {
        Assert.Null(MediaSniffer.Sniff(Pad([.. Box("free", new byte[8]), .. "<html><body>"u8])));
    }

    [Fact]
    public void Matroska_and_webm_are_videos_with_the_matroska_demuxer()
    {
        var webm = MediaSniffer.Sniff(Pad([0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, .. "webm"u8]));
        var mkv = MediaSniffer.Sniff(Pad([0x1A, 0x45, 0xDF, 0xA3, 0xA3, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x88, .. "matroska"u8]));
        Assert.Equal(new SniffedMedia(MediaKind.Video, ContainerFormat.Matroska, "matroska"), webm);
        Assert.Equal(webm, mkv);
    }

    [Theory]
    [InlineData("#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nhttp://127.0.0.1:9/seg.ts\n")]
    [InlineData("ffconcat version 1.0\nfile '/etc/passwd'\n")]
    [InlineData("file '/tmp/other.mp4'\n")]
    [InlineData("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>")]
    [InlineData("GIF89a\u0001\0\u0001\0\0\0\0;")]
    [InlineData("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n")]
    [InlineData("Hello, this is just a text file with an .mp4 name.")]
    [InlineData("push graphic-context\nviewbox 0 0 640 480\nimage over 0,0 0,0 'https://example.com/x.jpg'\n")]
    [InlineData("<?xml version=\"1.0\"?><image><read filename=\"/etc/passwd\"/></image>")]
    public void Playlists_scripts_and_other_documents_are_refused(string text)
    {
        Assert.Null(MediaSniffer.Sniff(Pad(Encoding.Latin1.GetBytes(text))));
    }

    [Fact]
    public void Other_binary_formats_are_refused()
    {
        Assert.Null(MediaSniffer.Sniff(Pad([0x42, 0x4D, 0x36, 0, 0, 0, 0, 0, 0, 0, 0x36, 0])));      // BMP
        Assert.Null(MediaSniffer.Sniff(Pad([0x49, 0x49, 0x2A, 0x00, 0x08, 0, 0, 0, 0, 0, 0, 0])));   // TIFF
        Assert.Null(MediaSniffer.Sniff(Pad([0x47, 0x40, 0x00, 0x10, 0, 0, 0, 0, 0, 0, 0, 0])));     // MPEG-TS
        Assert.Null(MediaSniffer.Sniff(Pad([0x00, 0x00, 0x01, 0xBA, 0x44, 0, 4, 0, 4, 1, 1, 0x89])));  // MPEG-PS
        Assert.Null(MediaSniffer.Sniff(Pad([0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0, 0])));   // ZIP
        Assert.Null(MediaSniffer.Sniff(new byte[4096]));                                                // zeros
    }

    [Fact]
    public void Too_few_bytes_are_refused()
    {
        Assert.Null(MediaSniffer.Sniff([0xFF, 0xD8, 0xFF]));
        Assert.Null(MediaSniffer.Sniff([]));
    }

    [Fact]
    public void An_ftyp_too_short_for_its_brands_is_refused()
    {
        byte[] header = [0, 0, 0, 8, .. "ftyp"u8, .. "isom"u8];
        Assert.Null(MediaSniffer.Sniff(header));
    }

    [Fact]
    public async Task Sniffing_a_file_reads_its_first_bytes_only()
    {
        var path = Path.Combine(Path.GetTempPath(), "sniff-" + Guid.NewGuid().ToString("N") + ".txt");
        await File.WriteAllBytesAsync(path, [.. Ftyp("qt  ", ["qt  "]), .. new byte[100_000]]);
        try
        {
            var sniffed = await MediaSniffer.SniffFileAsync(path, CancellationToken.None);
            Assert.Equal(MediaKind.Video, sniffed?.Kind);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Ftyp(string major, string compatible) =>
        Ftyp(major, compatible.Split(',', StringSplitOptions.RemoveEmptyEntries));

    private static byte[] Ftyp(string major, string[] compatible)
    {
        List<byte> body = [.. Encoding.ASCII.GetBytes(major), 0, 0, 2, 0];
        foreach (var brand in compatible)
        {
            body.AddRange(Encoding.ASCII.GetBytes(brand));
        }

        return Box("ftyp", [.. body]);
    }

    private static byte[] Box(string type, byte[] body)
    {
        var box = new byte[8 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        body.CopyTo(box, 8);
        return box;
    }

    /// <summary>What a real file would continue with: more bytes than the sniffer looks at.</summary>
    private static byte[] Pad(byte[] header) => [.. header, .. new byte[MediaSniffer.HeaderLength]];
}
