using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Audit;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Erasure;
using SolidarityFn.Pipeline.Health;
using SolidarityFn.Pipeline.Intake;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Processing;
using SolidarityFn.Pipeline.Queue;
using SolidarityFn.Pipeline.Provisioning;
using SolidarityFn.Pipeline.Receipts;
using SolidarityFn.Pipeline.Security;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Pipeline;

public static class ServiceCollectionExtensions
{
    /// <summary>Everything both hosts need: options validated at start-up, storage clients, and the pipeline's services.</summary>
    public static IServiceCollection AddSolidarityPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection(IntakeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.SectionName));
        services.AddOptions<ProcessingOptions>().Bind(configuration.GetSection(ProcessingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProcessingOptions>, ClaimOutlastsMediaLimits>();
        services.AddOptions<ErasureOptions>().Bind(configuration.GetSection(ErasureOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AssemblyOptions>().Bind(configuration.GetSection(AssemblyOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OrganizerOptions>()
            .Bind(configuration.GetSection(OrganizerOptions.SectionName))
            .Configure(o => o.PlatformAuthenticationEnabled = string.Equals(
                configuration[OrganizerOptions.PlatformAuthenticationSetting], "true", StringComparison.OrdinalIgnoreCase))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => StorageClients.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => BlobSasSignerSelection.Create(sp.GetRequiredService<StorageClients>(), sp.GetRequiredService<TimeProvider>()));

        services.AddSingleton<CampaignStore>();
        services.AddSingleton<CampaignCache>();
        services.AddSingleton<CampaignEditor>();
        services.AddSingleton<CampaignListing>();
        services.AddSingleton<OrganizerAuthenticator>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<SubmissionStore>();
        services.AddSingleton<ClientKeyHasher>();
        services.AddSingleton<ClientRateLimiter>();
        services.AddSingleton<IntakeService>();
        services.AddSingleton<SubmissionErasure>();
        services.AddSingleton<ErasureSweep>();
        services.AddSingleton<RetentionSweep>();
        services.AddSingleton<ReceiptService>();
        services.AddSingleton<HealthCheck>();
        services.AddSingleton<StorageProvisioner>();
        services.AddMediaProcessing();
        services.AddAssemblyRendering();
        services.AddTableQueue(configuration);
        services.AddSingleton<UploadProcessor>();
        services.AddSingleton<StalledUploadSweeper>();
        services.AddSingleton<ProcessingRetry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IQueueHandler, ProcessingRetryHandler>());
        services.AddReview();
        services.AddAssemblyJobs();
        Protection.ProtectionServiceCollectionExtensions.AddIdentityProtection(services, configuration);
        services.AddSigns();
        return services;
    }

    /// <summary>Printable signs and the invitation kit (issue 14).</summary>
    private static IServiceCollection AddSigns(this IServiceCollection services)
    {
        services.AddSingleton<Signs.SignText>();
        services.AddSingleton<Intake.UploadLinks>();
        services.AddSingleton<Intake.AnonymousCampaignDoor>();
        services.AddSingleton<Signs.SignPrinting>();
        return services;
    }

    /// <summary>The organizers' lists, decisions and coverage.</summary>
    private static IServiceCollection AddReview(this IServiceCollection services)
    {
        services.AddSingleton<Review.ReviewMediaLinks>();
        services.AddSingleton<Review.ReviewItems>();
        services.AddSingleton<Review.ReviewListing>();
        services.AddSingleton<Review.ReviewDecisions>();
        services.AddSingleton<Review.CoverageReport>();
        services.AddSingleton<Review.ReviewAssignments>();
        return services;
    }
}
