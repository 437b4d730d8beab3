using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline;
using SolidarityFn.Pipeline.Organizers;

namespace SolidarityFn.Tests.Organizers;

public class OrganizerOptionsTests
{
    [Fact]
    public void Key_mode_is_the_default_and_needs_a_key_of_at_least_16_characters()
    {
        Assert.Equal(OrganizerAuthMode.Key, new OrganizerOptions().Mode);
        Assert.Equal("organizer", new OrganizerOptions().Role);
        Assert.NotEmpty(Validate(new OrganizerOptions()));
        Assert.NotEmpty(Validate(new OrganizerOptions { Key = "fifteen-chars-x" }));
        Assert.Empty(Validate(new OrganizerOptions { Key = "sixteen-chars-xx" }));
    }

    [Fact]
    public void A_key_with_spaces_is_refused_as_it_could_never_match_a_trimmed_bearer_token()
    {
        Assert.NotEmpty(Validate(new OrganizerOptions { Key = " sixteen-chars-xx " }));
    }

    [Fact]
    public void App_service_authentication_needs_no_key_but_a_role()
    {
        Assert.Empty(Validate(new OrganizerOptions { Mode = OrganizerAuthMode.AppServiceAuthentication, PlatformAuthenticationEnabled = true }));
        Assert.NotEmpty(Validate(new OrganizerOptions { Mode = OrganizerAuthMode.AppServiceAuthentication, PlatformAuthenticationEnabled = true, Role = " " }));
    }

    [Fact]
    public void App_service_authentication_refuses_to_start_when_the_platform_s_authentication_is_off()
    {
        var errors = Validate(new OrganizerOptions { Mode = OrganizerAuthMode.AppServiceAuthentication });
        Assert.Contains(errors, e => e.ErrorMessage!.Contains("WEBSITE_AUTH_ENABLED", StringComparison.Ordinal));

        using var off = Provider(new() { ["Organizer:Mode"] = "AppServiceAuthentication", ["WEBSITE_AUTH_ENABLED"] = "False" });
        var error = Assert.Throws<OptionsValidationException>(() => off.GetRequiredService<IOptions<OrganizerOptions>>().Value);
        Assert.Contains("X-MS-CLIENT-PRINCIPAL", error.Message, StringComparison.Ordinal);

        // Key mode does not depend on the platform.
        Assert.Empty(Validate(new OrganizerOptions { Key = "sixteen-chars-xxx" }));
    }

    [Fact]
    public void The_organizer_section_is_bound_and_validated_by_the_pipeline_registration()
    {
        using var valid = Provider(new() { ["Organizer:Mode"] = "AppServiceAuthentication", ["Organizer:Role"] = "admins", ["WEBSITE_AUTH_ENABLED"] = "True" });
        var options = valid.GetRequiredService<IOptions<OrganizerOptions>>().Value;
        Assert.Equal(OrganizerAuthMode.AppServiceAuthentication, options.Mode);
        Assert.Equal("admins", options.Role);

        using var missingKey = Provider(new());
        var error = Assert.Throws<OptionsValidationException>(() => missingKey.GetRequiredService<IOptions<OrganizerOptions>>().Value);
        Assert.Contains("Organizer:Key", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSolidarityPipeline(configuration).BuildServiceProvider();
    }

    private static List<ValidationResult> Validate(OrganizerOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
