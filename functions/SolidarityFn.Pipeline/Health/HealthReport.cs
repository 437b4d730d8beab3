using System.Text.Json.Serialization;

namespace SolidarityFn.Pipeline.Health;

public sealed record HealthReport(string Status, string? Ffmpeg, string? Ffprobe, StorageHealth Storage)
{
    [JsonIgnore]
    public bool Healthy => Status == "healthy";
}

public sealed record StorageHealth(bool Blobs, bool Tables, string? Error);
