using System.Text;
using System.Text.Json;

namespace SolidarityFn.Tests.Organizers;

/// <summary>X-MS-CLIENT-PRINCIPAL values as App Service Authentication builds them.</summary>
internal static class Principals
{
    public const string RoleUri = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";
    public const string ObjectId = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    public const string NameUri = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";

    public static string Encode(object principal) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(principal)));

    /// <summary>An Entra ID principal with the given roles, typed as role_typ says (the URI by default).</summary>
    public static string Entra(string[] roles, string roleType = RoleUri, string oid = "0f6a3c1e-1111-4a2b-9c3d-5e6f7a8b9c0d") =>
        Encode(new
        {
            auth_typ = "aad",
            name_typ = NameUri,
            role_typ = RoleUri,
            claims = new[]
            {
                new { typ = ObjectId, val = oid },
                new { typ = NameUri, val = "Dana Organizer" },
                new { typ = "preferred_username", val = "dana@example.org" },
            }.Concat(roles.Select(r => new { typ = roleType, val = r })).ToArray(),
        });
}
