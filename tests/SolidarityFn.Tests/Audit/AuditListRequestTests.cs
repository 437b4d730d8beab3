using SolidarityFn.Pipeline.Audit;

namespace SolidarityFn.Tests.Audit;

public class AuditListRequestTests
{
    [Fact]
    public void Defaults_are_the_first_page_of_fifty()
    {
        var request = AuditListRequest.Parse("minnesota-solidarity", null, null).Value!;

        Assert.Equal(new AuditListRequest("minnesota-solidarity", null, 50), request);
    }

    [Fact]
    public void A_row_key_shaped_token_and_a_page_size_are_taken()
    {
        var request = AuditListRequest.Parse("minnesota-solidarity", "2517000000000000000-0a1b2c3d", "10").Value!;

        Assert.Equal(new AuditListRequest("minnesota-solidarity", "2517000000000000000-0a1b2c3d", 10), request);
    }

    [Theory]
    [InlineData("Bad_Id", null, null, "campaignId")]
    [InlineData("ok", "1!2", null, "continuationToken")]
    [InlineData("ok", "2517000000000000000-0a1b2c3d,2517000000000000000-0a1b2c3d", null, "continuationToken")]
    [InlineData("ok", "' or PartitionKey ne '", null, "continuationToken")]
    [InlineData("ok", null, "0", "pageSize")]
    [InlineData("ok", null, "201", "pageSize")]
    [InlineData("ok", null, "-5", "pageSize")]
    [InlineData("ok", null, "ten", "pageSize")]
    public void Bad_queries_are_field_errors(string campaignId, string? token, string? pageSize, string field)
    {
        var outcome = AuditListRequest.Parse(campaignId, token, pageSize);

        Assert.Equal(400, outcome.Problem!.Status);
        Assert.Equal([field], outcome.Problem.Errors!.Keys);
    }
}
