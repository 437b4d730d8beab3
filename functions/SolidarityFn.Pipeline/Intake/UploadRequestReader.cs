using System.Text.Json;
using SolidarityFn.Pipeline.Results;

namespace SolidarityFn.Pipeline.Intake;

/// <summary>Reads the JSON body of an upload request, bounded in size, into <see cref="UploadRequest"/>.</summary>
public static class UploadRequestReader
{
    /// <summary>Far above any honest request (all fields at their limits are under 4 KB).</summary>
    public const int MaxBodyBytes = 16 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    public static async Task<Outcome<UploadRequest>> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return Problem.MalformedJson($"The request body is larger than {MaxBodyBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return Problem.MalformedJson("The request body is empty; send a JSON object.");
        }

        try
        {
            var request = JsonSerializer.Deserialize<UploadRequest>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Json);
            return request is null
                ? Problem.MalformedJson("Send a JSON object, not null.")
                : Outcome<UploadRequest>.Ok(request);
        }
        catch (JsonException e)
        {
            // The parser's message names the path and position, never the content.
            return Problem.MalformedJson($"Could not read the body at {e.Path ?? "$"} (line {e.LineNumber}, byte {e.BytePositionInLine}).");
        }
    }
}
