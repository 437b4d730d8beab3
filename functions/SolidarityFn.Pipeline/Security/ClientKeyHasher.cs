using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Intake;

namespace SolidarityFn.Pipeline.Security;

/// <summary>
/// Turns a client address into an opaque key for rate limiting. The raw address is never stored or logged;
/// the salt is secret (or random per process), so the key cannot be reversed by hashing all IPv4 addresses.
/// </summary>
public sealed class ClientKeyHasher
{
    private readonly byte[] _salt;

    public ClientKeyHasher(IOptions<IntakeOptions> options)
    {
        var configured = options.Value.ClientKeySalt;
        _salt = string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(configured);
    }

    public string Hash(IPAddress? address)
    {
        // IPv6 clients get a new address per connection inside their /64, so the /64 is the client.
        var bytes = address switch
        {
            null => [],
            { IsIPv4MappedToIPv6: true } => address.MapToIPv4().GetAddressBytes(),
            { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } => address.GetAddressBytes()[..8],
            _ => address.GetAddressBytes(),
        };
        return Convert.ToHexStringLower(HMACSHA256.HashData(_salt, bytes).AsSpan(0, 16));
    }
}
