using System.Security.Cryptography;
using System.Text;
using SolidarityFn.Pipeline.Campaigns;

namespace SolidarityFn.Pipeline.Security;

/// <summary>
/// The contributor's private receipt: "{campaignId}.{256 random bits}", shown once, stored only as its SHA-256.
/// The campaign id in front lets a receipt find its row with one point read (Submissions is partitioned by
/// campaign) without an index table on the upload path; it tells the holder nothing they did not know.
/// A token has 256 random bits, so a plain hash (no salt, no stretching) makes a leaked table useless.
/// </summary>
public static class ReceiptTokens
{
    private const int MaxLength = 128;

    public static (string Token, string Hash) Create(string campaignId)
    {
        var token = campaignId + "." + Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    /// <summary>The campaign a presented token claims to belong to, or null if it is not shaped like a token.</summary>
    public static string? CampaignOf(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var campaignId = dot > 0 ? token[..dot] : null;
        return CampaignIds.IsValid(campaignId) ? campaignId : null;
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Constant-time comparison of a presented token with the stored hash.</summary>
    public static bool Matches(string? presentedToken, string storedHash)
    {
        if (string.IsNullOrEmpty(presentedToken) || presentedToken.Length > MaxLength || string.IsNullOrEmpty(storedHash))
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
