using SolidarityFn.Pipeline.Assembly;

namespace SolidarityFn.Tests.Assembly;

public class AssemblyPageTokenTests
{
    private static AssemblyEntity Row(DateTimeOffset createdAt, string id) => new() { PartitionKey = "c", RowKey = id, CreatedAt = createdAt };

    [Fact]
    public void A_token_comes_back_as_the_same_place_and_the_rows_after_it_are_older_or_later_in_id_order()
    {
        var at = new DateTimeOffset(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);
        var last = Row(at, new string('5', 32));
        var place = AssemblyPageToken.Parse(AssemblyPageToken.After(last));
        Assert.NotNull(place);
        Assert.False(place.Precedes(last));
        Assert.True(place.Precedes(Row(at.AddSeconds(-1), new string('0', 32))));
        Assert.True(place.Precedes(Row(at, new string('6', 32))));
        Assert.False(place.Precedes(Row(at, new string('4', 32))));
        Assert.False(place.Precedes(Row(at.AddSeconds(1), new string('9', 32))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-ours")]
    [InlineData("MTIzOm5vdC1hbi1pZA")] // "123:not-an-id"
    [InlineData("LTEyMzowMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZg")] // a negative time
    public void A_token_this_list_did_not_give_is_refused(string token)
    {
        Assert.Null(AssemblyPageToken.Parse(token));
    }
}
