using SolidarityFn.Pipeline.Results;
using SolidarityFn.Pipeline.Validation;

namespace SolidarityFn.Pipeline.Intake;

/// <summary>Reads the JSON body of an upload request, bounded in size, into <see cref="UploadRequest"/>.</summary>
public static class UploadRequestReader
{
    /// <summary>Far above any honest request (all fields at their limits are under 4 KB).</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public static Task<Outcome<UploadRequest>> ReadAsync(Stream body, CancellationToken cancellationToken) =>
        JsonBody.ReadAsync<UploadRequest>(body, MaxBodyBytes, cancellationToken);
}
