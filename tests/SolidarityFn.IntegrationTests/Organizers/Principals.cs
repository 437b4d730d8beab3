using System.Text;
using System.Text.Json;

namespace SolidarityFn.IntegrationTests.Organizers;

/// <summary>X-MS-CLIENT-PRINCIPAL values as App Service Authentication sends them for an Entra ID user.</summary>
internal static class Principals
{
    public const string Oid = "6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";

    public static string Entra(params string[] roles) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            name_typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
            claims = new[]
            {
                new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = Oid },
                new { typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", val = "Dana Organizer" },
            }.Concat(roles.Select(r => new { typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", val = r })).ToArray(),
        })));
}
