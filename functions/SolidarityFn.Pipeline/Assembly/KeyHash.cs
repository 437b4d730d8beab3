using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// SHA-256 over a list of strings, each prefixed with its length, so two different lists never hash alike by running
/// together ("ab","c" vs "a","bc"). The cache keys (<see cref="SegmentKey"/>, <see cref="MixKey"/>) are made with it.
/// </summary>
internal sealed class KeyHash : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public void Add(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        _hash.AppendData(length);
        _hash.AppendData(bytes);
    }

    /// <summary>The digest as 64 lower-case hex digits.</summary>
    public string Hex() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();
}
