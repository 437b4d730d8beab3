using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace SolidarityFn.Functions.Http;

/// <summary>
/// Writes JSON itself rather than through MVC formatters, so the same result runs unchanged in the
/// Functions host and in the DevHost.
/// </summary>
public sealed class JsonBodyResult : IActionResult
{
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly object? _value;
    private readonly int _status;
    private readonly string _contentType;

    public JsonBodyResult(object? value, int status = StatusCodes.Status200OK, string contentType = "application/json")
    {
        _value = value;
        _status = status;
        _contentType = contentType;
    }

    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = _status;
        response.ContentType = _contentType + "; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        await JsonSerializer.SerializeAsync(response.Body, _value, _value?.GetType() ?? typeof(object), Options, context.HttpContext.RequestAborted);
    }
}
