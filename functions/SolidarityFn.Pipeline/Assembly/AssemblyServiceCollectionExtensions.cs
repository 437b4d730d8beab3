using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Text;

namespace SolidarityFn.Pipeline.Assembly;

public static class AssemblyServiceCollectionExtensions
{
    /// <summary>The segment renderer of the final assembly (stateless, on top of the media engine).</summary>
    public static IServiceCollection AddAssemblyRendering(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMediaProcessing();
        services.TryAddSingleton(sp => AssemblyFonts.Resolve(sp.GetRequiredService<IOptions<AssemblyOptions>>().Value.FontsPath));
        services.TryAddSingleton<FontLibrary>();
        services.TryAddSingleton<TextShaper>();
        services.TryAddSingleton<TextPainter>();
        services.TryAddSingleton<ITextCoverage, TextCoverage>();
        services.TryAddSingleton<SegmentText>();
        services.TryAddSingleton<SegmentRenderer>();
        return services;
    }

    /// <summary>Assembly jobs: the start/status/list service, deletion and the "assembly" queue handler (needs the table queue).</summary>
    public static IServiceCollection AddAssemblyJobs(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAssemblyRendering();

        // The cache lives in blob storage, so it belongs to the jobs (which have StorageClients), not to rendering alone.
        services.TryAddSingleton<SegmentCache>();
        services.TryAddSingleton<MixCache>();
        services.TryAddSingleton<SegmentProduction>();
        services.TryAddSingleton<AssemblyStore>();
        services.TryAddSingleton<ApprovedClips>();
        services.TryAddSingleton<AssemblyRetraction>();
        services.TryAddSingleton<SegmentSweep>();
        services.TryAddSingleton<Music.CampaignMusicStore>();
        services.TryAddSingleton<AssemblyAudio>();
        services.TryAddSingleton<Music.CampaignMusicEditor>();
        services.TryAddSingleton<Branding.CampaignLogoStore>();
        services.TryAddSingleton<Branding.CampaignLogoEditor>();
        services.AddOptions<AssemblyOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<AssemblyLiveness>();
        services.TryAddSingleton<AssemblyService>();
        services.TryAddSingleton<AssemblyPlanPreview>();
        services.TryAddSingleton<AssemblyDeletion>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IQueueHandler, AssemblyHandler>());
        services.TryAddSingleton<PrerenderScheduler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IQueueHandler, PrerenderHandler>());
        return services;
    }
}
