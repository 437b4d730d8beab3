using System.Buffers.Binary;
using System.Text;

namespace SolidarityFn.IntegrationTests.Media;

/// <summary>
/// Wraps one HEVC-coded picture (an Annex B stream from libx265) in a minimal HEIF file, as a phone's .heic
/// (ISO/IEC 23008-12): ftyp heic/mif1, a meta box with one 'hvc1' item whose properties are its decoder configuration
/// (hvcC, built from the stream's VPS/SPS/PPS), its size (ispe) and optionally a rotation (irot), and the coded slices
/// in mdat. Written for the tests because Magick.NET's libheif here can decode HEIC but not encode it.
/// </summary>
internal static class HeifWriter
{
    public static byte[] FromHevcStill(byte[] annexB, int width, int height, int rotationQuarterTurns = 0)
    {
        byte[]? vps = null, sps = null, pps = null;
        var slices = new List<byte[]>();
        foreach (var nal in SplitAnnexB(annexB))
        {
            var type = (nal[0] >> 1) & 0x3F;
            switch (type)
            {
                case 32: vps = nal; break;
                case 33: sps = nal; break;
                case 34: pps = nal; break;
                case < 32: slices.Add(nal); break;   // coded slices; SEI and the rest are left out
            }
        }

        if (vps is null || sps is null || pps is null || slices.Count == 0)
        {
            throw new InvalidOperationException("The HEVC stream lacks parameter sets or slices.");
        }

        var data = new List<byte>();
        foreach (var slice in slices)
        {
            data.AddRange(U32(slice.Length));
            data.AddRange(slice);
        }

        var ftyp = Box("ftyp", Ascii("heic"), U32(0), Ascii("mif1"), Ascii("heic"));
        var properties = new List<byte[]> { Box("hvcC", HvcC(vps, sps, pps)), FullBox("ispe", 0, 0, U32(width), U32(height)) };
        var associations = new List<byte> { 0x81, 0x02 };   // hvcC (essential), ispe
        if (rotationQuarterTurns % 4 != 0)
        {
            properties.Add(Box("irot", [(byte)(rotationQuarterTurns & 3)]));
            associations.Add(0x83);                          // irot (essential: it changes the picture)
        }

        byte[] Meta(int dataOffset) => FullBox(
            "meta", 0, 0,
            FullBox("hdlr", 0, 0, U32(0), Ascii("pict"), U32(0), U32(0), U32(0), [0]),
            FullBox("pitm", 0, 0, U16(1)),
            FullBox("iloc", 0, 0, [0x44, 0x00], U16(1), U16(1), U16(0), U16(1), U32(dataOffset), U32(data.Count)),
            FullBox("iinf", 0, 0, U16(1), FullBox("infe", 2, 0, U16(1), U16(0), Ascii("hvc1"), [0])),
            Box("iprp", Box("ipco", [.. properties.SelectMany(p => p)]), FullBox("ipma", 0, 0, U32(1), U16(1), [(byte)associations.Count], [.. associations])));

        var offset = ftyp.Length + Meta(0).Length + 8;
        return [.. ftyp, .. Meta(offset), .. Box("mdat", [.. data])];
    }

    private static byte[] HvcC(byte[] vps, byte[] sps, byte[] pps)
    {
        // general_profile_space/tier/idc, compatibility flags, constraint flags and level: the SPS's profile_tier_level.
        var rbsp = Unescape(sps, 2, 13);
        var config = new List<byte> { 1 };
        config.AddRange(rbsp.AsSpan(1, 12).ToArray());
        config.AddRange([0xF0, 0x00, 0xFC, 0xFD, 0xF8, 0xF8, 0x00, 0x00, 0x0F, 3]);   // 4:2:0, 8-bit, 4-byte lengths, 3 arrays
        foreach (var nal in new[] { vps, sps, pps })
        {
            config.Add((byte)(0x80 | ((nal[0] >> 1) & 0x3F)));
            config.AddRange(U16(1));
            config.AddRange(U16(nal.Length));
            config.AddRange(nal);
        }

        return [.. config];
    }

    private static List<byte[]> SplitAnnexB(byte[] stream)
    {
        var nals = new List<byte[]>();
        var start = -1;
        var i = 0;
        while (i + 3 <= stream.Length)
        {
            var three = stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1;
            var four = i + 4 <= stream.Length && stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 0 && stream[i + 3] == 1;
            if (three || four)
            {
                if (start >= 0)
                {
                    nals.Add(stream[start..TrimZeros(stream, start, i)]);
                }

                i += three ? 3 : 4;
                start = i;
            }
            else
            {
                i++;
            }
        }

        if (start >= 0)
        {
            nals.Add(stream[start..]);
        }

        return nals;
    }

    private static int TrimZeros(byte[] stream, int start, int end)
    {
        while (end > start && stream[end - 1] == 0)
        {
            end--;
        }

        return end;
    }

    /// <summary>The first <paramref name="count"/> RBSP bytes after <paramref name="from"/>, emulation prevention removed.</summary>
    private static byte[] Unescape(byte[] nal, int from, int count)
    {
        var output = new List<byte>();
        var zeros = 0;
        for (var i = from; i < nal.Length && output.Count < count; i++)
        {
            if (zeros >= 2 && nal[i] == 3)
            {
                zeros = 0;
                continue;
            }

            output.Add(nal[i]);
            zeros = nal[i] == 0 ? zeros + 1 : 0;
        }

        return [.. output];
    }

    private static byte[] Box(string type, params byte[][] parts)
    {
        var length = 8 + parts.Sum(p => p.Length);
        var box = new byte[length];
        BinaryPrimitives.WriteInt32BigEndian(box, length);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        var offset = 8;
        foreach (var part in parts)
        {
            part.CopyTo(box, offset);
            offset += part.Length;
        }

        return box;
    }

    private static byte[] FullBox(string type, byte version, int flags, params byte[][] parts) =>
        Box(type, [[version, (byte)(flags >> 16), (byte)(flags >> 8), (byte)flags], .. parts]);

    private static byte[] U16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
        return bytes;
    }

    private static byte[] U32(long value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)value);
        return bytes;
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
