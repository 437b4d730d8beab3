using SolidarityFn.Pipeline.Security;

namespace SolidarityFn.Tests.Security;

public class ReceiptTokensTests
{
    [Fact]
    public void The_stored_hash_does_not_contain_the_token()
    {
        var (token, hash) = ReceiptTokens.Create("toronto-call");

        Assert.DoesNotContain(token, hash, StringComparison.Ordinal);
        Assert.Equal(64, hash.Length);
    }

    [Fact]
    public void Only_the_issued_token_matches_its_hash()
    {
        var (token, hash) = ReceiptTokens.Create("toronto-call");
        var (other, _) = ReceiptTokens.Create("toronto-call");

        Assert.True(ReceiptTokens.Matches(token, hash));
        Assert.False(ReceiptTokens.Matches(other, hash));
        Assert.False(ReceiptTokens.Matches("", hash));
        Assert.False(ReceiptTokens.Matches(null, hash));
        Assert.False(ReceiptTokens.Matches(hash, hash));
    }

    [Fact]
    public void Tokens_are_url_safe_and_unique()
    {
        var tokens = Enumerable.Range(0, 200).Select(_ => ReceiptTokens.Create("toronto-call").Token).ToList();

        Assert.Equal(200, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tokens, t => Assert.Matches("^toronto-call\\.[A-Za-z0-9_-]{43}$", t));
    }

    [Theory]
    [InlineData("toronto-call.abc", "toronto-call")]
    [InlineData("no-dot-here", null)]
    [InlineData(".abc", null)]
    [InlineData("Bad_Campaign.abc", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_campaign_is_read_from_the_front_of_a_token(string? token, string? campaign)
    {
        Assert.Equal(campaign, ReceiptTokens.CampaignOf(token));
    }
}
