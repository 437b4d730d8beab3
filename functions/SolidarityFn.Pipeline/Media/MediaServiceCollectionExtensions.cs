using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SolidarityFn.Pipeline.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>
    /// The media engine: <see cref="IMediaNormalizer"/> and its parts, all stateless singletons. Binding
    /// <see cref="MediaOptions"/> to the "Media" section stays with the host's configuration (AddSolidarityPipeline);
    /// this adds the validation of those options at start-up.
    /// </summary>
    public static IServiceCollection AddMediaProcessing(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<MediaOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<FfmpegRunner>();
        services.TryAddSingleton<ToneMapLuts>();
        services.TryAddSingleton<PhotoPreparer>();
        services.TryAddSingleton<VideoNormalizer>();
        services.TryAddSingleton<PhotoNormalizer>();
        services.TryAddSingleton<IMediaNormalizer, MediaNormalizer>();
        return services;
    }
}
