using System.Text.Json;
using SolidarityFn.Pipeline.Results;

namespace SolidarityFn.Pipeline.Validation;

/// <summary>Reads a JSON request body, bounded in size, into <typeparamref name="T"/>; 400 malformed-json otherwise.</summary>
public static class JsonBody
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    public static async Task<Outcome<T>> ReadAsync<T>(Stream body, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return Problem.MalformedJson($"The request body is larger than {maxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return Problem.MalformedJson("The request body is empty; send a JSON object.");
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Json);
            return value is null
                ? Problem.MalformedJson("Send a JSON object, not null.")
                : Outcome<T>.Ok(value);
        }
        catch (JsonException e)
        {
            // The parser's message names the path and position, never the content.
            return Problem.MalformedJson($"Could not read the body at {e.Path ?? "$"} (line {e.LineNumber}, byte {e.BytePositionInLine}).");
        }
    }
}
