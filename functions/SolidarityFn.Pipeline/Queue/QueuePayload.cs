using System.Text;
using System.Text.Json;

namespace SolidarityFn.Pipeline.Queue;

/// <summary>
/// Payloads are JSON, small by design (ids and a few settings, never media): at most <see cref="MaxBytes"/> UTF-8
/// bytes, which keeps the column well under Table storage's 64 KiB string limit whatever the characters.
/// </summary>
public static class QueuePayload
{
    public const int MaxBytes = 16 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Null when the payload is acceptable, else why not.</summary>
    public static string? Problem(string? payload)
    {
        if (string.IsNullOrEmpty(payload))
        {
            return "The payload is empty; send JSON such as {}.";
        }

        // Cheap bound first: a UTF-16 char is at most 3 UTF-8 bytes, and at least 1.
        if (payload.Length > MaxBytes)
        {
            return $"The payload is larger than {MaxBytes} bytes.";
        }

        int bytes;
        try
        {
            bytes = StrictUtf8.GetByteCount(payload);
        }
        catch (EncoderFallbackException)
        {
            return "The payload is not well-formed text.";
        }

        if (bytes > MaxBytes)
        {
            return $"The payload is larger than {MaxBytes} bytes.";
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return "The payload is not valid JSON.";
        }

        return null;
    }

    public static void ThrowIfInvalid(string payload)
    {
        if (Problem(payload) is { } problem)
        {
            throw new ArgumentException(problem, nameof(payload));
        }
    }

    /// <summary>Serializes <paramref name="value"/> with the web defaults (camelCase), as the handlers read it back.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
}
