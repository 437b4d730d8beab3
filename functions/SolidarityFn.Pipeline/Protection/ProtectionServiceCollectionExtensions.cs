using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SolidarityFn.Pipeline.Protection;

public static class ProtectionServiceCollectionExtensions
{
    /// <summary>Identity protection (issue 15): face proposals, the protected render and the one owner of its state.</summary>
    public static IServiceCollection AddIdentityProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProtectionOptions>().Bind(configuration.GetSection(ProtectionOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<RegionProposer>();
        services.AddSingleton<ProtectedClipRenderer>();
        services.AddSingleton<ProtectionService>();
        return services;
    }
}
