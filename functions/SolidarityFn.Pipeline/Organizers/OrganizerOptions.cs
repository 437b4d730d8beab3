using System.ComponentModel.DataAnnotations;

namespace SolidarityFn.Pipeline.Organizers;

/// <summary>How organizers prove who they are (section "Organizer"). Chosen by configuration only, never by a request.</summary>
public sealed class OrganizerOptions : IValidatableObject
{
    public const string SectionName = "Organizer";
    public const int MinKeyLength = 16;

    public OrganizerAuthMode Mode { get; set; } = OrganizerAuthMode.Key;

    /// <summary>The shared organizer key (Key mode): sent as "Authorization: Bearer &lt;key&gt;".</summary>
    public string? Key { get; set; }

    /// <summary>The app role an Entra ID user needs (AppServiceAuthentication mode).</summary>
    public string Role { get; set; } = "organizer";

    /// <summary>The platform setting App Service sets when its authentication runs in front of the app.</summary>
    public const string PlatformAuthenticationSetting = "WEBSITE_AUTH_ENABLED";

    /// <summary>
    /// Whether the platform says its authentication is on (<see cref="PlatformAuthenticationSetting"/> is "True"), set
    /// from configuration at registration. Only then does the platform strip a caller's own X-MS-CLIENT-PRINCIPAL.
    /// </summary>
    public bool PlatformAuthenticationEnabled { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Mode))
        {
            yield return new ValidationResult("Organizer:Mode must be Key or AppServiceAuthentication.", [nameof(Mode)]);
        }

        if (Mode == OrganizerAuthMode.Key)
        {
            if (string.IsNullOrEmpty(Key) || Key.Length < MinKeyLength)
            {
                yield return new ValidationResult(
                    $"Organizer:Key is required in Key mode and must be at least {MinKeyLength} characters (./dev up generates one).",
                    [nameof(Key)]);
            }
            else if (Key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                // A bearer token is trimmed on the way in: a key with spaces could never match.
                yield return new ValidationResult("Organizer:Key must not contain spaces or control characters.", [nameof(Key)]);
            }
        }

        if (Mode == OrganizerAuthMode.AppServiceAuthentication && !PlatformAuthenticationEnabled)
        {
            // Without the platform in front, anyone can send X-MS-CLIENT-PRINCIPAL and be an organizer.
            yield return new ValidationResult(
                $"Organizer:Mode is AppServiceAuthentication but the platform's authentication is not on ({PlatformAuthenticationSetting} is not True), " +
                "so anyone could send X-MS-CLIENT-PRINCIPAL: turn on App Service Authentication, or use Key mode.",
                [nameof(Mode)]);
        }

        if (string.IsNullOrWhiteSpace(Role))
        {
            yield return new ValidationResult("Organizer:Role must not be empty.", [nameof(Role)]);
        }
    }
}

public enum OrganizerAuthMode
{
    /// <summary>One shared key in the Authorization header: local runs and small deployments.</summary>
    Key,

    /// <summary>Azure App Service Authentication (Easy Auth) with Entra ID in front; the platform sets X-MS-CLIENT-PRINCIPAL.</summary>
    AppServiceAuthentication,
}
