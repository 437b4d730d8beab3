using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline;
using SolidarityFn.Pipeline.Assembly;

namespace SolidarityFn.Tests.Assembly;

public class AssemblyOptionsTests
{
    [Fact]
    public void Parallelism_comes_from_the_assembly_section_and_defaults_to_two()
    {
        Assert.Equal(2, Options(new()).Parallelism);
        Assert.Equal(3, Options(new() { ["Assembly:Parallelism"] = "3" }).Parallelism);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("17")]
    public void A_parallelism_out_of_range_stops_the_host_at_start(string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options(new() { ["Assembly:Parallelism"] = value }));
        Assert.Contains("Parallelism", error.Message, StringComparison.Ordinal);
    }

    private static AssemblyOptions Options(Dictionary<string, string?> settings)
    {
        settings["Storage:ConnectionString"] = "UseDevelopmentStorage=true";
        settings["Organizer:Key"] = "a-test-organizer-key-of-enough-length";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSolidarityPipeline(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<AssemblyOptions>>().Value;
    }
}
