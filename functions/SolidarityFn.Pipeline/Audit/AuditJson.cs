using System.Text.Encodings.Web;
using System.Text.Json;

namespace SolidarityFn.Pipeline.Audit;

/// <summary>
/// Before/after values as JSON text that always fits a table property (64 KiB, i.e. 32K UTF-16 characters):
/// anything longer is replaced by valid JSON that says so and keeps the start, rather than failing the write.
/// </summary>
internal static class AuditJson
{
    /// <summary>32 KiB as UTF-16: half the property limit, with room for the rest of the row.</summary>
    public const int MaxLength = 16 * 1024;

    // Web defaults (camelCase); relaxed escaping keeps accented and non-Latin text one character each, so a
    // French or Arabic consent text does not grow sixfold. The text is only ever stored and re-read as JSON.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string? Serialize(object? value, int maxLength = MaxLength)
    {
        if (value is null)
        {
            return null;
        }

        var json = JsonSerializer.Serialize(value, value.GetType(), Options);
        return json.Length <= maxLength ? json : Truncated(json, maxLength);
    }

    public static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string Truncated(string json, int maxLength)
    {
        // Re-escaping JSON text inside a string at most doubles it ("\" and quotes), so half the budget, less the
        // marker's own overhead, always fits.
        var keep = Math.Max(0, (maxLength / 2) - 100);
        if (keep > 0 && char.IsHighSurrogate(json[keep - 1]))
        {
            keep--;
        }

        return JsonSerializer.Serialize(new Marker(true, json.Length, json[..keep]), Options);
    }

    private sealed record Marker(bool Truncated, int Length, string Start);
}
