using Microsoft.Net.Http.Headers;

namespace SolidarityFn.Pipeline.Validation;

/// <summary>
/// Whether a request's Content-Type says JSON: exactly <c>application/json</c>, optionally with <c>charset=utf-8</c>
/// (RFC 8259: JSON exchanged between systems is UTF-8). Organizer changes demand it because a page of another origin
/// cannot send it without a CORS preflight, which this app never grants: a form post or a "simple" fetch
/// (text/plain, form-encoded, multipart, or no type at all) riding an organizer's sign-in cookie is refused.
/// </summary>
public static class JsonContentType
{
    public const string Expected = "application/json";

    /// <param name="values">Every Content-Type header value of the request (a repeated header is refused).</param>
    public static bool IsJson(IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count == 1 && IsJson(values[0]);
    }

    public static bool IsJson(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !MediaTypeHeaderValue.TryParse(value, out var parsed))
        {
            return false;
        }

        if (!parsed.MediaType.Equals(Expected, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Only a charset parameter, and only UTF-8: another charset would be read as UTF-8 anyway and mean other text.
        return parsed.Parameters.All(p =>
            p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase) &&
            HeaderUtilities.RemoveQuotes(p.Value).Equals("utf-8", StringComparison.OrdinalIgnoreCase));
    }
}
