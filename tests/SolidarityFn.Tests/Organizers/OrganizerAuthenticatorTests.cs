using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Organizers;

namespace SolidarityFn.Tests.Organizers;

public class OrganizerAuthenticatorTests
{
    private const string Key = "k3y-that-is-long-enough-0123456789";

    private static OrganizerAuthenticator InKeyMode() =>
        new(Options.Create(new OrganizerOptions { Mode = OrganizerAuthMode.Key, Key = Key }), NullLogger<OrganizerAuthenticator>.Instance);

    private static OrganizerAuthenticator InPrincipalMode() =>
        new(Options.Create(new OrganizerOptions { Mode = OrganizerAuthMode.AppServiceAuthentication }), NullLogger<OrganizerAuthenticator>.Instance);

    [Fact]
    public void The_right_key_is_the_key_organizer()
    {
        var result = InKeyMode().Authenticate("Bearer " + Key, null);

        Assert.True(result.Succeeded);
        Assert.Equal(new Organizer("key", "Organizer (key)", "key"), result.Organizer);
    }

    [Fact]
    public void The_scheme_name_is_case_insensitive()
    {
        Assert.True(InKeyMode().Authenticate("bearer " + Key, null).Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_authorization_header_is_missing_credentials(string? header)
    {
        var result = InKeyMode().Authenticate(header, null);

        Assert.False(result.Succeeded);
        Assert.Null(result.Organizer);
        Assert.Equal(OrganizerAuthFailure.MissingCredentials, result.Failure);
    }

    [Theory]
    [InlineData("Basic " + Key)]
    [InlineData(Key)]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer" + Key)]
    [InlineData("Bearer k3y-that-is-long-enough-0123456788")]
    [InlineData("Bearer k3y")]
    [InlineData("Bearer " + Key + "0")]
    [InlineData("Bearer " + Key + "," + "Bearer " + Key)]
    public void A_wrong_scheme_or_key_is_invalid_credentials(string header)
    {
        var result = InKeyMode().Authenticate(header, null);

        Assert.False(result.Succeeded);
        Assert.Equal(OrganizerAuthFailure.InvalidCredentials, result.Failure);
    }

    [Fact]
    public void A_key_of_another_length_is_refused_like_any_wrong_key()
    {
        var result = InKeyMode().Authenticate("Bearer " + new string('x', 4096), null);

        Assert.Equal(OrganizerAuthFailure.InvalidCredentials, result.Failure);
    }

    [Fact]
    public void In_key_mode_a_client_principal_is_ignored_even_with_the_role()
    {
        var authenticator = InKeyMode();

        Assert.Equal(OrganizerAuthFailure.MissingCredentials, authenticator.Authenticate(null, Principals.Entra(["organizer"])).Failure);
        Assert.Equal(OrganizerAuthFailure.InvalidCredentials, authenticator.Authenticate("Bearer wrong-key-wrong-key", Principals.Entra(["organizer"])).Failure);
        Assert.Equal("key", authenticator.Authenticate("Bearer " + Key, Principals.Entra(["organizer"])).Organizer!.Method);
    }

    [Fact]
    public void A_principal_with_the_role_in_role_typ_claims_is_an_entra_organizer()
    {
        var result = InPrincipalMode().Authenticate(null, Principals.Entra(["reader", "organizer"]));

        Assert.True(result.Succeeded);
        Assert.Equal(new Organizer("0f6a3c1e-1111-4a2b-9c3d-5e6f7a8b9c0d", "Dana Organizer", "entra"), result.Organizer);
    }

    [Fact]
    public void A_principal_with_the_role_in_roles_claims_is_an_organizer()
    {
        var result = InPrincipalMode().Authenticate(null, Principals.Entra(["organizer"], roleType: "roles"));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void A_principal_whose_role_typ_is_its_own_is_read_with_that_type()
    {
        var header = Principals.Encode(new
        {
            auth_typ = "aad",
            role_typ = "app_role",
            claims = new[] { new { typ = "oid", val = "abc" }, new { typ = "app_role", val = "organizer" }, new { typ = "name", val = "Sam" } },
        });

        var result = InPrincipalMode().Authenticate(null, header);

        Assert.Equal(new Organizer("abc", "Sam", "entra"), result.Organizer);
    }

    [Fact]
    public void Without_a_name_claim_the_preferred_username_or_the_id_names_the_organizer()
    {
        var withUsername = Principals.Encode(new { claims = new[] { new { typ = "oid", val = "abc" }, new { typ = "roles", val = "organizer" }, new { typ = "preferred_username", val = "sam@example.org" } } });
        var bare = Principals.Encode(new { claims = new[] { new { typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier", val = "nid" }, new { typ = "roles", val = "organizer" } } });

        Assert.Equal("sam@example.org", InPrincipalMode().Authenticate(null, withUsername).Organizer!.DisplayName);
        Assert.Equal(new Organizer("nid", "nid", "entra"), InPrincipalMode().Authenticate(null, bare).Organizer);
    }

    [Fact]
    public void A_principal_without_roles_or_with_another_role_lacks_the_role()
    {
        Assert.Equal(OrganizerAuthFailure.MissingRole, InPrincipalMode().Authenticate(null, Principals.Entra([])).Failure);
        Assert.Equal(OrganizerAuthFailure.MissingRole, InPrincipalMode().Authenticate(null, Principals.Entra(["reader"])).Failure);
        Assert.Equal(OrganizerAuthFailure.MissingRole, InPrincipalMode().Authenticate(null, Principals.Entra(["Organizer"])).Failure);
    }

    [Fact]
    public void The_configured_role_is_the_one_required()
    {
        var authenticator = new OrganizerAuthenticator(
            Options.Create(new OrganizerOptions { Mode = OrganizerAuthMode.AppServiceAuthentication, Role = "campaign-admin" }),
            NullLogger<OrganizerAuthenticator>.Instance);

        Assert.Equal(OrganizerAuthFailure.MissingRole, authenticator.Authenticate(null, Principals.Entra(["organizer"])).Failure);
        Assert.True(authenticator.Authenticate(null, Principals.Entra(["campaign-admin"])).Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_principal_is_missing_credentials(string? header)
    {
        Assert.Equal(OrganizerAuthFailure.MissingCredentials, InPrincipalMode().Authenticate(null, header).Failure);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("eyJjbGFpbXMiOg")]          // base64 with its padding cut off
    public void A_principal_that_is_not_base64_is_invalid(string header)
    {
        Assert.Equal(OrganizerAuthFailure.InvalidCredentials, InPrincipalMode().Authenticate(null, header).Failure);
    }

    [Theory]
    [InlineData("{\"claims\":[")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{}")]
    [InlineData("{\"claims\":{}}")]
    [InlineData("{\"claims\":[{\"typ\":\"roles\",\"val\":7}]}")]
    [InlineData("{\"claims\":[{\"typ\":\"roles\",\"val\":\"organizer\"}]}")]   // no id claim
    public void A_principal_that_is_not_the_expected_json_is_invalid(string json)
    {
        var header = Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

        Assert.Equal(OrganizerAuthFailure.InvalidCredentials, InPrincipalMode().Authenticate(null, header).Failure);
    }

    [Fact]
    public void An_oversized_principal_is_refused_before_it_is_decoded()
    {
        var padding = Enumerable.Range(0, 2000).Select(i => new { typ = "groups", val = Guid.NewGuid().ToString() });
        var header = Principals.Encode(new
        {
            claims = new[] { new { typ = "oid", val = "abc" }, new { typ = "roles", val = "organizer" } }.Concat(padding).ToArray(),
        });

        Assert.True(header.Length > 16 * 1024);
        Assert.Equal(OrganizerAuthFailure.InvalidCredentials, InPrincipalMode().Authenticate(null, header).Failure);
    }

    [Fact]
    public void In_principal_mode_a_bearer_key_is_ignored()
    {
        var authenticator = new OrganizerAuthenticator(
            Options.Create(new OrganizerOptions { Mode = OrganizerAuthMode.AppServiceAuthentication, Key = Key }),
            NullLogger<OrganizerAuthenticator>.Instance);

        Assert.Equal(OrganizerAuthFailure.MissingCredentials, authenticator.Authenticate("Bearer " + Key, null).Failure);
        Assert.Equal(OrganizerAuthFailure.MissingRole, authenticator.Authenticate("Bearer " + Key, Principals.Entra(["reader"])).Failure);
    }

    [Fact]
    public void A_very_long_display_name_is_cut_for_the_audit()
    {
        var header = Principals.Encode(new { claims = new[] { new { typ = "oid", val = "abc" }, new { typ = "roles", val = "organizer" }, new { typ = "name", val = new string('n', 5000) } } });

        Assert.Equal(120, InPrincipalMode().Authenticate(null, header).Organizer!.DisplayName.Length);
    }
}
