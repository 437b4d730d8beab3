using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using SolidarityFn.DevHost;

namespace SolidarityFn.Bench.Infrastructure;

/// <summary>
/// The DevHost inside the bench process (<see cref="DevHostApp.Build"/>), on a free loopback port, against the
/// bench's Azurite, with the settings every scenario shares. Disposing stops it (10 s at most) and disposes it.
/// </summary>
public sealed class InProcessDevHost : IAsyncDisposable
{
    private InProcessDevHost(WebApplication app, Uri baseAddress, string organizerKey)
    {
        App = app;
        BaseAddress = baseAddress;
        OrganizerKey = organizerKey;
    }

    public WebApplication App { get; }

    /// <summary>http://127.0.0.1:{port}/</summary>
    public Uri BaseAddress { get; }

    /// <summary>Organizer:Key, random per run: send it as "Authorization: Bearer".</summary>
    public string OrganizerKey { get; }

    /// <summary>
    /// Builds and starts the DevHost. <paramref name="settings"/> are added to (and override) the shared ones;
    /// <paramref name="configure"/> runs after them, on the builder.
    /// </summary>
    public static async Task<InProcessDevHost> StartAsync(
        string connectionString,
        IReadOnlyDictionary<string, string?>? settings,
        Action<WebApplicationBuilder>? configure,
        CancellationToken cancellationToken)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePorts.Next().ToString(CultureInfo.InvariantCulture)}/");
        var organizerKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = baseAddress.ToString().TrimEnd('/'),
            ["Storage:ConnectionString"] = connectionString,
            // Required at start-up.
            ["Organizer:Key"] = organizerKey,
            // The limiter still runs on every request (one client address), it just never says no.
            ["Intake:RateLimitPermits"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            // The DevHost's stand-ins for blob events and timers would poll and sweep the same Azurite while the bench
            // measures; in Azure they are other invocations. A scenario that needs blob events turns them back on.
            ["DevHost:DeliverBlobEvents"] = "false",
            ["DevHost:RunTimers"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = DevHostApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(all);
            configure?.Invoke(builder);
        });
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new InProcessDevHost(app, baseAddress, organizerKey);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await App.StopAsync(stopTimeout.Token);
        }
        finally
        {
            await App.DisposeAsync();
        }
    }
}
