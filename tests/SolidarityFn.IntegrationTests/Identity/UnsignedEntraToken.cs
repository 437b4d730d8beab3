using System.Text;
using System.Text.Json;
using Azure.Core;

namespace SolidarityFn.IntegrationTests.Identity;

/// <summary>
/// Stands in for the managed identity against Azurite's <c>--oauth basic</c>, which checks a bearer token's claims
/// (aud, an Entra issuer prefix, iat/nbf/exp) but not its signature, so the token is an unsigned JWT. oid and tid are
/// what a user delegation key is bound to.
/// </summary>
public sealed class UnsignedEntraToken : TokenCredential
{
    public string ObjectId { get; } = Guid.NewGuid().ToString();

    public string TenantId { get; } = Guid.NewGuid().ToString();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Assert.Contains("https://storage.azure.com/.default", requestContext.Scopes);
        var now = DateTimeOffset.UtcNow;
        var expires = now.AddHours(1);
        var header = Encode(new { alg = "none", typ = "JWT" });
        var payload = Encode(new Dictionary<string, object>
        {
            ["aud"] = "https://storage.azure.com",
            ["iss"] = $"https://sts.windows.net/{TenantId}/",
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["oid"] = ObjectId,
            ["tid"] = TenantId,
        });
        return new AccessToken($"{header}.{payload}.", expires);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    private static string Encode(object value) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
