using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// A 3D LUT (.cube) sampled from <see cref="ColourConversion.LutChain"/>: a lattice of R'G'B' points is written as one
/// raw float picture, run once through ffmpeg's zscale/tonemap chain, and the results become the LUT that lut3d
/// interpolates (tetrahedral) for every frame. The pure parts: the lattice, the ffmpeg command, the .cube text.
/// </summary>
public static class ToneMapLut
{
    /// <summary>Points per axis: 65 keeps the LUT within 44 dB PSNR of the chain it samples (33 gives 39 dB).</summary>
    public const int Size = 65;

    /// <summary>The lattice picture is Size² wide and Size high (red varies fastest, then green, then blue: .cube order).</summary>
    public static int PictureWidth => Size * Size;

    /// <summary>
    /// The file name of the LUT for a transfer: it changes when the chain or the size changes, so a LUT left in the
    /// cache folder by an older build is never used for a newer chain.
    /// </summary>
    public static string FileName(SourceColour transfer)
    {
        var chain = ColourConversion.LutChain(transfer);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(chain + "|" + Size.ToString(CultureInfo.InvariantCulture))))[..16];
        return $"tonemap-{transfer.ToString().ToLowerInvariant()}-{Size}-{hash}.cube";
    }

    /// <summary>The lattice as a gbrpf32le picture: the G plane, then B, then R, each Size² × Size floats in [0, 1].</summary>
    public static byte[] Lattice()
    {
        var count = Size * Size * Size;
        var bytes = new byte[count * 3 * sizeof(float)];
        var span = bytes.AsSpan();
        for (var i = 0; i < count; i++)
        {
            var r = i % Size;
            var g = i / Size % Size;
            var b = i / (Size * Size);
            WriteFloat(span, 0, count, i, (float)g / (Size - 1));
            WriteFloat(span, 1, count, i, (float)b / (Size - 1));
            WriteFloat(span, 2, count, i, (float)r / (Size - 1));
        }

        return bytes;
    }

    /// <summary>The one ffmpeg run that samples the chain: raw lattice in, raw gbrpf32le out.</summary>
    public static FfmpegCommand Command(SourceColour transfer, string latticePath, string outputPath, FfmpegLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new FfmpegCommand(
            SafeArguments.Global(limits.CpuSecondsLimit),
            [
                new FfmpegInput(
                    [
                        "-protocol_whitelist", "file",
                        "-f", "rawvideo",
                        "-pix_fmt", "gbrpf32le",
                        "-video_size", $"{Invariant.Int(PictureWidth)}x{Invariant.Int(Size)}",
                    ],
                    latticePath),
            ],
            ["-vf", ColourConversion.LutChain(transfer), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gbrpf32le"],
            outputPath);
    }

    /// <summary>The .cube text from the chain's output (same layout as <see cref="Lattice"/>), clamped to [0, 1].</summary>
    public static string ToCube(ReadOnlySpan<byte> output, SourceColour transfer)
    {
        var count = Size * Size * Size;
        if (output.Length != count * 3 * sizeof(float))
        {
            throw new ArgumentException($"Expected {count * 3 * sizeof(float)} bytes of gbrpf32le, got {output.Length}.", nameof(output));
        }

        var builder = new StringBuilder(count * 24);
        builder.Append("# SolidarityFn tone map, ").Append(transfer).Append(" to SDR BT.709: ").Append(ColourConversion.LutChain(transfer)).Append('\n');
        builder.Append("LUT_3D_SIZE ").Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n');
        for (var i = 0; i < count; i++)
        {
            Append(builder, ReadFloat(output, 2, count, i)).Append(' ');
            Append(builder, ReadFloat(output, 0, count, i)).Append(' ');
            Append(builder, ReadFloat(output, 1, count, i)).Append('\n');
        }

        return builder.ToString();
    }

    private static StringBuilder Append(StringBuilder builder, float value)
    {
        var clamped = float.IsNaN(value) ? 0 : Math.Clamp(value, 0f, 1f);
        return builder.Append(clamped.ToString("0.######", CultureInfo.InvariantCulture));
    }

    private static void WriteFloat(Span<byte> bytes, int plane, int count, int index, float value) =>
        BinaryPrimitives.WriteSingleLittleEndian(bytes[(((plane * count) + index) * sizeof(float))..], value);

    private static float ReadFloat(ReadOnlySpan<byte> bytes, int plane, int count, int index) =>
        BinaryPrimitives.ReadSingleLittleEndian(bytes[(((plane * count) + index) * sizeof(float))..]);
}
