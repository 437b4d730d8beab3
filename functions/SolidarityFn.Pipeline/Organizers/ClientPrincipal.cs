using System.Text.Json;

namespace SolidarityFn.Pipeline.Organizers;

/// <summary>
/// The identity App Service Authentication passes in X-MS-CLIENT-PRINCIPAL: base64 of
/// {"auth_typ", "name_typ", "role_typ", "claims": [{"typ", "val"}]}.
/// </summary>
internal sealed record ClientPrincipal(string? NameType, string? RoleType, IReadOnlyList<(string Type, string Value)> Claims)
{
    /// <summary>Far above a real principal (a few KB even with many groups), small enough to parse cheaply.</summary>
    public const int MaxHeaderLength = 16 * 1024;

    private const string RoleClaim = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";
    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private const string NameIdentifierClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier";

    /// <summary>The principal, or null when the header is too long, not base64 or not the expected JSON.</summary>
    public static ClientPrincipal? Parse(string header)
    {
        if (header.Length > MaxHeaderLength)
        {
            return null;
        }

        var bytes = new byte[header.Length];
        if (!Convert.TryFromBase64String(header.Trim(), bytes, out var length))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(bytes.AsMemory(0, length));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("claims", out var claims)
                || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var list = new List<(string, string)>();
            foreach (var claim in claims.EnumerateArray())
            {
                if (claim.ValueKind != JsonValueKind.Object
                    || !claim.TryGetProperty("typ", out var type) || type.ValueKind != JsonValueKind.String
                    || !claim.TryGetProperty("val", out var value) || value.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                list.Add((type.GetString()!, value.GetString()!));
            }

            return new ClientPrincipal(OptionalString(root, "name_typ"), OptionalString(root, "role_typ"), list);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public bool HasRole(string role) =>
        Claims.Any(c => IsRoleType(c.Type) && string.Equals(c.Value, role, StringComparison.Ordinal));

    /// <summary>The Entra object id, else the name identifier: stable for a user, unlike a name.</summary>
    public string? Id => First(ObjectIdClaim) ?? First("oid") ?? First(NameIdentifierClaim);

    public string? DisplayName => (NameType is null ? null : First(NameType)) ?? First("name") ?? First("preferred_username");

    private bool IsRoleType(string type) =>
        (RoleType is not null && string.Equals(type, RoleType, StringComparison.OrdinalIgnoreCase))
        || string.Equals(type, "roles", StringComparison.OrdinalIgnoreCase)
        || string.Equals(type, RoleClaim, StringComparison.OrdinalIgnoreCase);

    private string? First(string type) =>
        Claims.Where(c => string.Equals(c.Type, type, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(c.Value))
            .Select(c => c.Value.Trim())
            .FirstOrDefault();

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
