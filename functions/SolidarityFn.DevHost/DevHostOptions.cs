namespace SolidarityFn.DevHost;

public sealed class DevHostOptions
{
    public const string SectionName = "DevHost";

    /// <summary>Create containers and tables, set blob CORS and seed the default campaign at start.</summary>
    public bool Provision { get; set; } = true;

    /// <summary>Watch the trigger containers and deliver blob-created events to the blob-triggered functions.</summary>
    public bool DeliverBlobEvents { get; set; } = true;

    public TimeSpan BlobPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Blob events processed at once (the Functions host's per-instance concurrency, host.json's maxDegreeOfParallelism):
    /// photos decode one at a time (Media:PhotoDecodeLanes), so two slow photos hold two slots and a clip has the third.
    /// </summary>
    public int BlobConcurrency { get; set; } = 3;

    /// <summary>Scales the 1, 2, 4, 8 s waits between redeliveries (tests shrink it).</summary>
    public double RetryDelayScale { get; set; } = 1;

    /// <summary>Run the [TimerTrigger] functions on their schedules (settings such as QueuePumpSchedule must then be set).</summary>
    public bool RunTimers { get; set; } = true;

    /// <summary>Origins allowed to PUT to blob storage; the DevHost's own URLs are added.</summary>
    public List<string> CorsOrigins { get; } = [];
}
