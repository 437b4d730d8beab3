using System.Net;
using System.Text;
using System.Text.Json;
using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Api;

/// <summary>In Azure, App Service Authentication vouches for the organizer: the review API asks for the organizer role.</summary>
public class ReviewEntraAuthTests(EntraStackFixture stack) : IClassFixture<EntraStackFixture>
{
    private const string RoleType = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

    [Theory]
    [InlineData("organizer", HttpStatusCode.OK)]
    [InlineData("reader", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task The_list_needs_a_principal_with_the_organizer_role(string? role, HttpStatusCode expected)
    {
        using var http = stack.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/campaigns/minnesota-solidarity/submissions");
        if (role is not null)
        {
            request.Headers.Add("X-MS-CLIENT-PRINCIPAL", Principal(role));
        }

        // The organizer key means nothing in this mode.
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + StackFixture.OrganizerKey);
        using var response = await http.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }

    private static string Principal(string role) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            name_typ = "name",
            role_typ = RoleType,
            claims = new[]
            {
                new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = "0f6a3c1e-1111-4a2b-9c3d-5e6f7a8b9c0d" },
                new { typ = "name", val = "Dana Organizer" },
                new { typ = RoleType, val = role },
            },
        })));
}
