using Microsoft.Extensions.Options;
using SolidarityFn.Functions;
using SolidarityFn.Pipeline;
using SolidarityFn.Pipeline.Provisioning;

namespace SolidarityFn.DevHost;

/// <summary>Builds the local host. Tests build it the same way, on a free port, against their own Azurite.</summary>
public static class DevHostApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSolidarityPipeline(builder.Configuration);
        builder.Services.AddSolidarityFunctions();
        builder.Services.AddOptions<DevHostOptions>().Bind(builder.Configuration.GetSection(DevHostOptions.SectionName));
        builder.Services.AddHostedService<ProvisionOnStart>();
        builder.Services.AddHostedService<BlobEventDelivery>();
        builder.Services.AddHostedService<TimerDelivery>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapHttpFunctions(typeof(IntakeFunctions).Assembly);
        app.MapGet("/", () => Results.Redirect("/c/" + Pipeline.Campaigns.DefaultCampaign.Id));
        return app;
    }

    /// <summary>Runs before Kestrel starts listening, so the first request finds containers, tables and CORS in place.</summary>
    private sealed class ProvisionOnStart(StorageProvisioner provisioner, IOptions<DevHostOptions> options, IConfiguration configuration) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (!options.Value.Provision)
            {
                return;
            }

            var origins = options.Value.CorsOrigins
                .Concat((configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Where(o => !o.EndsWith(":0", StringComparison.Ordinal))
                .Select(o => o.TrimEnd('/'))
                // The page may be opened as localhost or 127.0.0.1; both must be allowed to PUT.
                .SelectMany(o => new[] { o, o.Replace("://127.0.0.1:", "://localhost:", StringComparison.Ordinal) })
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            await provisioner.EnsureAsync(origins, seedDefaultCampaign: true, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
