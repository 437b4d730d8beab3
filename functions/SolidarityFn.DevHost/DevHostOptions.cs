namespace SolidarityFn.DevHost;

public sealed class DevHostOptions
{
    public const string SectionName = "DevHost";

    /// <summary>Create containers and tables, set blob CORS and seed the default campaign at start.</summary>
    public bool Provision { get; set; } = true;

    /// <summary>Origins allowed to PUT to blob storage; the DevHost's own URLs are added.</summary>
    public List<string> CorsOrigins { get; } = [];
}
