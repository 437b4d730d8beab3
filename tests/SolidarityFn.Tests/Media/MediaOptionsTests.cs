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
        Assert.NotEmpty(Validate(new MediaOptions { PhotoStartTimeout = TimeSpan.Zero }));
        Assert.NotEmpty(Validate(new MediaOptions { PhotoMinDecodeCpuTime = TimeSpan.FromSeconds(90), PhotoDecodeCpuTime = TimeSpan.FromSeconds(60) }));
        Assert.NotEmpty(Validate(new MediaOptions { PhotoDecodeCpuTime = TimeSpan.Zero, PhotoMinDecodeCpuTime = TimeSpan.Zero }));
        Assert.NotEmpty(Validate(new MediaOptions { PhotoDecodeLanes = 0 }));
        Assert.NotEmpty(Validate(new MediaOptions { PhotoDecoderMemoryMib = 64 }));
        Assert.Empty(Validate(new MediaOptions()));
    }

    [Theory]
    [InlineData(12_192_768, 15)]     // a 12 MP phone photo gets the minimum
    [InlineData(48_771_072, 58.525)] // 8064×6048: its share of the 60 s a 50 MP photo gets
    [InlineData(50_000_000, 60)]
    [InlineData(80_000_000, 60)]     // never more than the budget of the largest photo
    [InlineData(0, 15)]
    public void A_photos_decode_cpu_budget_scales_with_its_pixels_between_the_minimum_and_the_budget_of_the_largest(long pixels, double seconds)
    {
        Assert.Equal(seconds, new MediaOptions().PhotoDecodeCpuTimeFor(pixels).TotalSeconds, 3);
    }

    [Fact]
    public void The_photo_decoder_is_found_beside_the_app_unless_configured()
    {
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "SolidarityFn.PhotoDecoder.dll"), new MediaOptions().PhotoDecoderDll);
        Assert.Equal("/opt/decoder.dll", new MediaOptions { PhotoDecoderPath = "/opt/decoder.dll" }.PhotoDecoderDll);
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
