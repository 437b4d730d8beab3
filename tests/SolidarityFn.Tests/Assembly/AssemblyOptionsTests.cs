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

    [Fact]
    public void Unused_segments_are_kept_two_days_unless_configured()
    {
        Assert.Equal(TimeSpan.FromDays(2), Options(new()).KeepUnusedSegmentsFor);
        Assert.Equal(TimeSpan.FromHours(6), Options(new() { ["Assembly:KeepUnusedSegmentsFor"] = "06:00:00" }).KeepUnusedSegmentsFor);
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("400.00:00:00")]
    public void A_negative_or_huge_keep_window_stops_the_host_at_start(string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options(new() { ["Assembly:KeepUnusedSegmentsFor"] = value }));
        Assert.Contains("KeepUnusedSegmentsFor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assembly_is_leased_ten_minutes_per_claim_unless_configured()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), Options(new()).LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(4), Options(new() { ["Assembly:LeaseDuration"] = "00:00:04" }).LeaseDuration);
        var error = Assert.Throws<OptionsValidationException>(() => Options(new() { ["Assembly:LeaseDuration"] = "00:00:00.500" }));
        Assert.Contains("LeaseDuration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prerender_formats_default_to_landscape_and_an_unknown_one_stops_the_host_at_start()
    {
        Assert.Equal("landscape,vertical,square", Options(new()).PrerenderFormats);
        Assert.Equal("landscape,square", Options(new() { ["Assembly:PrerenderFormats"] = "landscape,square" }).PrerenderFormats);
        var error = Assert.Throws<OptionsValidationException>(() => Options(new() { ["Assembly:PrerenderFormats"] = "4k" }));
        Assert.Contains("PrerenderFormats", error.Message, StringComparison.Ordinal);
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
