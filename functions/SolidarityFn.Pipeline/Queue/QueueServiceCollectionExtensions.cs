using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Review;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Pipeline.Queue;

public static class QueueServiceCollectionExtensions
{
    /// <summary>
    /// The table-backed queue, its pump and housekeeping, and the per-campaign review queue over it, with Queue options
    /// validated at start-up. Needs <see cref="StorageClients"/> (AddSolidarityPipeline registers it). Handlers are
    /// registered separately as <see cref="IQueueHandler"/> singletons.
    /// </summary>
    public static IServiceCollection AddTableQueue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QueueOptions>().Bind(configuration.GetSection(QueueOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new TableQueue(
            sp.GetRequiredService<StorageClients>(),
            sp.GetRequiredService<IOptions<QueueOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<TableQueue>>()));
        services.TryAddSingleton<QueuePump>();
        services.TryAddSingleton(sp => new QueueHousekeeping(
            sp.GetRequiredService<TableQueue>(),
            sp.GetRequiredService<IOptions<QueueOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<QueueHousekeeping>>()));
        services.TryAddSingleton<ReviewQueue>();
        return services;
    }
}
