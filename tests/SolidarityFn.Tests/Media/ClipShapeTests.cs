using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Media;

public class ClipShapeTests
{
    [Fact]
    public void A_clip_s_size_survives_the_round_trip_through_blob_metadata()
    {
        var shape = new ClipShape(1080, 1920);
        Assert.Equal(shape, ClipShape.FromMetadata(shape.ToMetadata()));
        Assert.Equal("1080", shape.ToMetadata()["clipwidth"]);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("1080", null)]
    [InlineData("-1080", "1920")]
    [InlineData("1080.5", "1920")]
    [InlineData("0", "1920")]
    [InlineData("4000", "1920")]
    [InlineData("wide", "tall")]
    public void A_clip_without_a_sane_size_is_taken_as_the_1920_by_1080_clips_stored_before_sizes_were_kept(string? width, string? height)
    {
        var metadata = new Dictionary<string, string>();
        if (width is not null)
        {
            metadata["clipwidth"] = width;
        }

        if (height is not null)
        {
            metadata["clipheight"] = height;
        }

        Assert.Equal(new ClipShape(1920, 1080), ClipShape.FromMetadata(metadata));
        Assert.Equal(new ClipShape(1920, 1080), ClipShape.FromMetadata(null));
    }
}
