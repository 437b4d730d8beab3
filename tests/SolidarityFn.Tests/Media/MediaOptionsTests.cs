using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Media;

public class MediaOptionsTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(Validate(new MediaOptions()));
        Assert.Equal("veryfast", new MediaOptions().X264Preset);
        Assert.Equal(480, new MediaOptions().ThumbnailWidth);
    }

    [Fact]
    public void Bad_values_are_refused()
    {
        Assert.NotEmpty(Validate(new MediaOptions { X264Preset = "fastest; rm -rf /" }));
        Assert.NotEmpty(Validate(new MediaOptions { TranscodeTimeout = TimeSpan.Zero }));
        Assert.NotEmpty(Validate(new MediaOptions { ThumbnailWidth = 500 }));
        Assert.NotEmpty(Validate(new MediaOptions { MaxPixels = 10 }));
        Assert.NotEmpty(Validate(new MediaOptions { PhotoDecodeTimeout = TimeSpan.Zero }));
        Assert.NotEmpty(Validate(new MediaOptions { PhotoMemoryMib = 4 }));
        Assert.Empty(Validate(new MediaOptions()));
    }

    [Fact]
    public void A_missing_ffmpeg_folder_does_not_stop_the_host_so_health_can_report_it()
    {
        Assert.Empty(Validate(new MediaOptions { FfmpegPath = "/nonexistent/ffmpeg-folder" }));
    }

    [Fact]
    public void The_engine_is_registered_and_its_options_come_from_the_media_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Media:X264Preset"] = "faster",
            ["Media:TranscodeTimeout"] = "00:02:00",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.SectionName));   // as AddSolidarityPipeline does
        services.AddMediaProcessing();

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.IsType<MediaNormalizer>(provider.GetRequiredService<IMediaNormalizer>());
        var options = provider.GetRequiredService<IOptions<MediaOptions>>().Value;
        Assert.Equal("faster", options.X264Preset);
        Assert.Equal(TimeSpan.FromMinutes(2), options.TranscodeTimeout);
    }

    [Fact]
    public void Invalid_media_options_fail_when_first_used()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddOptions<MediaOptions>().Configure(o => o.X264Preset = "nope");
        services.AddMediaProcessing();
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MediaOptions>>().Value);
    }

    internal static List<ValidationResult> Validate(MediaOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
