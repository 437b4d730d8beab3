using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SolidarityFn.Pipeline.Organizers;

/// <summary>
/// Decides whether a request comes from an organizer. The mode comes from <see cref="OrganizerOptions"/> only: in Key
/// mode the client-principal header is ignored (anyone could send one), in AppServiceAuthentication mode the bearer
/// key is ignored (the platform strips any X-MS-CLIENT-PRINCIPAL a caller sends and sets its own).
/// </summary>
public sealed partial class OrganizerAuthenticator
{
    private const string BearerScheme = "Bearer";

    /// <summary>Display names go into audit rows; a principal may carry anything.</summary>
    private const int MaxDisplayNameLength = 120;

    private readonly OrganizerOptions _options;
    private readonly byte[]? _keyHash;
    private readonly ILogger<OrganizerAuthenticator> _logger;

    public OrganizerAuthenticator(IOptions<OrganizerOptions> options, ILogger<OrganizerAuthenticator> logger)
    {
        _options = options.Value;
        _keyHash = _options.Mode == OrganizerAuthMode.Key && !string.IsNullOrEmpty(_options.Key) ? Hash(_options.Key) : null;
        _logger = logger;
    }

    public OrganizerAuthResult Authenticate(string? authorizationHeader, string? clientPrincipalHeader)
    {
        var result = _options.Mode == OrganizerAuthMode.AppServiceAuthentication
            ? FromPrincipal(clientPrincipalHeader)
            : FromKey(authorizationHeader);
        if (!result.Succeeded)
        {
            Log.Refused(_logger, _options.Mode, result.Failure);
        }

        return result;
    }

    private OrganizerAuthResult FromKey(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return OrganizerAuthResult.Fail(OrganizerAuthFailure.MissingCredentials);
        }

        var value = header.Trim();
        if (_keyHash is null
            || value.Length <= BearerScheme.Length
            || !value.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase)
            || !char.IsWhiteSpace(value[BearerScheme.Length]))
        {
            return OrganizerAuthResult.Fail(OrganizerAuthFailure.InvalidCredentials);
        }

        // Hashing both sides gives equal lengths, so the comparison's time says nothing about the key.
        var presented = Hash(value[(BearerScheme.Length + 1)..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, _keyHash)
            ? OrganizerAuthResult.Success(Organizer.KeyHolder)
            : OrganizerAuthResult.Fail(OrganizerAuthFailure.InvalidCredentials);
    }

    private OrganizerAuthResult FromPrincipal(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return OrganizerAuthResult.Fail(OrganizerAuthFailure.MissingCredentials);
        }

        var principal = ClientPrincipal.Parse(header);
        var id = principal?.Id;
        if (principal is null || id is null)
        {
            return OrganizerAuthResult.Fail(OrganizerAuthFailure.InvalidCredentials);
        }

        if (!principal.HasRole(_options.Role))
        {
            return OrganizerAuthResult.Fail(OrganizerAuthFailure.MissingRole);
        }

        return OrganizerAuthResult.Success(new Organizer(id, Shorten(principal.DisplayName ?? id), Organizer.EntraMethod));
    }

    private static string Shorten(string name)
    {
        if (name.Length <= MaxDisplayNameLength)
        {
            return name;
        }

        var end = char.IsHighSurrogate(name[MaxDisplayNameLength - 1]) ? MaxDisplayNameLength - 1 : MaxDisplayNameLength;
        return name[..end];
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static partial class Log
    {
        // Never the header itself: it is a key or an identity.
        [LoggerMessage(Level = LogLevel.Information, Message = "Organizer request refused ({Mode} mode): {Failure}")]
        public static partial void Refused(ILogger logger, OrganizerAuthMode mode, OrganizerAuthFailure failure);
    }
}
