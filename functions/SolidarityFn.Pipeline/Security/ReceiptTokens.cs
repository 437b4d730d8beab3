using System.Security.Cryptography;
using System.Text;

namespace SolidarityFn.Pipeline.Security;

/// <summary>
/// The contributor's private receipt: a random token shown once, stored only as its SHA-256.
/// A token has 256 bits, so a plain hash (no salt, no stretching) is enough to make a leaked table useless.
/// </summary>
public static class ReceiptTokens
{
    public static (string Token, string Hash) Create()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Constant-time comparison of a presented token with the stored hash.</summary>
    public static bool Matches(string? presentedToken, string storedHash)
    {
        if (string.IsNullOrEmpty(presentedToken) || presentedToken.Length > 128 || string.IsNullOrEmpty(storedHash))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(presentedToken)),
            Encoding.ASCII.GetBytes(storedHash));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
