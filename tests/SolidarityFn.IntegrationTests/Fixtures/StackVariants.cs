namespace SolidarityFn.IntegrationTests.Fixtures;

/// <summary>Upload links that expire after two seconds, to watch one die.</summary>
public sealed class ShortSasStackFixture : StackFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Intake:SasLifetime", "00:00:02"),
        new("Intake:SasClockSkew", "00:00:00"),
    ];
}

/// <summary>Three uploads per client per window.</summary>
public sealed class RateLimitedStackFixture : StackFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Intake:RateLimitPermits", "3")];
}

/// <summary>A host that cannot find ffmpeg.</summary>
public sealed class NoFfmpegStackFixture : StackFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Media:FfmpegPath", "/nonexistent/ffmpeg-dir")];
}

/// <summary>The stack with blob events delivered, as `./dev up` runs it: uploads get processed.</summary>
public sealed class ProcessingStackFixture : StackFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("DevHost:DeliverBlobEvents", "true"),
        new("DevHost:BlobPollInterval", "00:00:00.200"),
        new("DevHost:RetryDelayScale", "0.1"),
        new("Processing:RetryBackoff", "00:00:00"),
    ];
}

/// <summary>Organizers authenticated by App Service Authentication (Entra ID): the X-MS-CLIENT-PRINCIPAL header, role "organizer".</summary>
public sealed class EntraStackFixture : StackFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Organizer:Mode", "AppServiceAuthentication")];
}
