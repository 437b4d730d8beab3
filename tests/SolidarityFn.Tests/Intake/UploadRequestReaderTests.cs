using System.Text;
using SolidarityFn.Pipeline.Intake;

namespace SolidarityFn.Tests.Intake;

public class UploadRequestReaderTests
{
    private static Task<SolidarityFn.Pipeline.Results.Outcome<UploadRequest>> Read(string body) =>
        UploadRequestReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), CancellationToken.None);

    [Fact]
    public async Task CamelCase_json_is_read()
    {
        var outcome = await Read("""{"union":"UFCW 175","sizeBytes":42,"consent":true,"consentVersion":1}""");

        Assert.Equal("UFCW 175", outcome.Value!.Union);
        Assert.Equal(42, outcome.Value.SizeBytes);
        Assert.True(outcome.Value.Consent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("{\"sizeBytes\":\"many\"}")]
    [InlineData("[1,2]")]
    public async Task Malformed_bodies_are_400_malformed_json(string body)
    {
        var outcome = await Read(body);

        Assert.Equal(400, outcome.Problem!.Status);
        Assert.EndsWith("malformed-json", outcome.Problem.Type, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_16_KB_is_refused_without_reading_it_all()
    {
        var outcome = await Read("{\"caption\":\"" + new string('a', 20_000) + "\"}");

        Assert.Equal(400, outcome.Problem!.Status);
    }
}
