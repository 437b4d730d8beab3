using Azure.Data.Tables;
using Azure.Storage.Blobs;
using SolidarityFn.DevHost;

namespace SolidarityFn.IntegrationTests.Fixtures;

/// <summary>
/// The whole local stack as `./dev up` runs it: Azurite plus the DevHost on a free port, provisioned and seeded.
/// </summary>
public class StackFixture : IAsyncLifetime
{
    /// <summary>The organizer key every stack is started with (Organizer:Key); send it as "Authorization: Bearer".</summary>
    public const string OrganizerKey = "test-organizer-key-7f3a9c2e41b8";

    private WebApplication? _app;

    public AzuriteFixture Azurite { get; } = new();

    public int Port { get; } = FreePorts.Next();

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("Not started.");

    public BlobServiceClient Blobs => new(Azurite.ConnectionString);

    public TableServiceClient Tables => new(Azurite.ConnectionString);

    /// <summary>Extra configuration for a derived fixture (for example a tight rate limit).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    /// <summary>Extra services for a derived fixture (for example an observer that acts at a chosen moment).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>A client that sends the organizer key on every request.</summary>
    public HttpClient CreateOrganizerClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OrganizerKey);
        return client;
    }

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        _app = DevHostApp.Build(
            [],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["urls"] = BaseAddress.ToString().TrimEnd('/'),
                    ["Storage:ConnectionString"] = Azurite.ConnectionString,
                    ["Intake:RateLimitPermits"] = "100000",
                    ["Organizer:Key"] = OrganizerKey,
                    ["Logging:LogLevel:Default"] = "Warning",
                    // Intake tests look at raw uploads; processing would consume them. ProcessingStackFixture turns it on.
                    ["DevHost:DeliverBlobEvents"] = "false",
                    ["DevHost:RunTimers"] = "false",
                    // Approvals would queue pre-renders that a later test's pump runs; PrerenderStackFixture turns it on.
                    ["Assembly:PrerenderOnApproval"] = "false",
                });
                builder.Configuration.AddInMemoryCollection(Settings); // later sources win
                ConfigureServices(builder.Services);
            });
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await Azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "stack";
}
