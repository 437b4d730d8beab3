using Microsoft.Extensions.DependencyInjection;
using SolidarityFn.Functions.Http;

namespace SolidarityFn.Functions;

public static class FunctionServices
{
    /// <summary>What the function classes need beyond the pipeline; the DevHost calls this too.</summary>
    public static IServiceCollection AddSolidarityFunctions(this IServiceCollection services)
    {
        services.AddSingleton<PageAssets>();
        return services;
    }
}
