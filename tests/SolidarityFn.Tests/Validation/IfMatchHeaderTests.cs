using SolidarityFn.Pipeline.Validation;

namespace SolidarityFn.Tests.Validation;

public class IfMatchHeaderTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("  ", true)]
    [InlineData("\"7\"", true)]
    [InlineData("W/\"7\"", true)]
    [InlineData("\"3\", \"7\"", true)]
    [InlineData("*", true)]
    [InlineData("\"6\"", false)]
    [InlineData("7", false)]
    [InlineData("\"3\", W/\"6\"", false)]
    public void A_precondition_holds_only_when_it_names_the_current_tag(string? header, bool expected) =>
        Assert.Equal(expected, IfMatchHeader.Matches(header, "\"7\""));

    [Fact]
    public void A_weak_table_etag_matches_itself()
    {
        const string tableEtag = "W/\"datetime'2026-11-28T12%3A00%3A00.1234567Z'\"";
        Assert.True(IfMatchHeader.Matches(tableEtag, tableEtag));
        Assert.False(IfMatchHeader.Matches("W/\"datetime'2026-11-28T12%3A00%3A01.0000000Z'\"", tableEtag));
    }
}
