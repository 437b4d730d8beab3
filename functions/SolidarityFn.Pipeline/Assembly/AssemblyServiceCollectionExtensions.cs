using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Assembly;

public static class AssemblyServiceCollectionExtensions
{
    /// <summary>The segment renderer of the final assembly (stateless, on top of the media engine).</summary>
    public static IServiceCollection AddAssemblyRendering(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMediaProcessing();
        services.TryAddSingleton<SegmentRenderer>();
        return services;
    }
}
