using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SolidarityFn.Pipeline.Queue;

/// <summary>
/// Queue names become PartitionKeys as they are, so they are restricted to a safe alphabet. Idempotency keys are
/// free text chosen by callers (they may hold / \ # ? % or any Unicode, none of which a table key may safely carry):
/// the RowKey is the lowercase SHA-256 hex of the key's UTF-8 bytes, fixed length and always key-safe.
/// </summary>
public static partial class QueueKeys
{
    /// <summary>Room for a short prefix before a 64-character campaign id ("review-{campaignId}" is at most 71).</summary>
    public const int MaxQueueNameLength = 80;
    public const int MaxIdempotencyKeyLength = 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsValidQueueName(string? queue) => queue is not null && QueueName().IsMatch(queue);

    public static void ThrowIfInvalidQueueName(string queue)
    {
        if (!IsValidQueueName(queue))
        {
            throw new ArgumentException(
                $"A queue name is 1 to {MaxQueueNameLength} characters of a-z, 0-9 and '-', starting and ending with a letter or digit.",
                nameof(queue));
        }
    }

    /// <summary>
    /// Whether a key is acceptable: not blank, at most <see cref="MaxIdempotencyKeyLength"/> characters, no control
    /// characters, and well-formed UTF-16 (a lone surrogate would otherwise hash like U+FFFD and collide).
    /// </summary>
    public static bool IsValidIdempotencyKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxIdempotencyKeyLength)
        {
            return false;
        }

        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (char.IsControl(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < key.Length && char.IsLowSurrogate(key[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The RowKey of an idempotency key: 64 lowercase hex digits. Keys are compared byte for byte (no Unicode normalisation).</summary>
    public static string RowKeyFor(string idempotencyKey)
    {
        if (!IsValidIdempotencyKey(idempotencyKey))
        {
            throw new ArgumentException(
                $"An idempotency key is 1 to {MaxIdempotencyKeyLength} characters of well-formed text without control characters.",
                nameof(idempotencyKey));
        }

        return Convert.ToHexStringLower(SHA256.HashData(StrictUtf8.GetBytes(idempotencyKey)));
    }

    // {0,78}: MaxQueueNameLength − 2 (attribute arguments cannot be computed from the constant).
    [GeneratedRegex(@"\A[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex QueueName();
}
