using SolidarityFn.Pipeline.Protection;

namespace SolidarityFn.Tests.Protection;

public class RegionProposalsTests
{
    [Fact]
    public void A_detection_grows_by_thirty_percent_about_its_centre_and_is_held_half_a_second_each_side()
    {
        var r = RegionProposals.Grow(new FaceDetection(2.0, 0.40, 0.30, 0.10, 0.20), clipSeconds: 5);

        Assert.Equal(0.13, r.Width, 6);
        Assert.Equal(0.26, r.Height, 6);
        Assert.Equal(0.45, r.X + (r.Width / 2), 6);
        Assert.Equal(0.40, r.Y + (r.Height / 2), 6);
        Assert.Equal(1.5, r.FromSeconds, 6);
        Assert.Equal(2.5, r.ToSeconds, 6);
    }

    [Fact]
    public void A_grown_box_stays_inside_the_picture_and_the_clip()
    {
        var r = RegionProposals.Grow(new FaceDetection(4.9, 0.0, 0.9, 0.2, 0.1), clipSeconds: 5);

        Assert.Equal(0, r.X);
        Assert.True(r.Y + r.Height <= 1 + 1e-9);
        Assert.Equal(4.4, r.FromSeconds, 6);
        Assert.Equal(5.0, r.ToSeconds, 6);
    }

    [Fact]
    public void A_face_seen_on_consecutive_samples_becomes_one_region_covering_the_gap_where_detection_flickered()
    {
        // Seen at 0.0, 0.2, missed at 0.4 and 0.6, seen again at 0.8, drifting right: one region from 0 to 1.3 s.
        FaceDetection[] seen =
        [
            new(0.0, 0.30, 0.20, 0.10, 0.15),
            new(0.2, 0.31, 0.20, 0.10, 0.15),
            new(0.8, 0.33, 0.21, 0.10, 0.15),
        ];

        var regions = RegionProposals.From(seen, clipSeconds: 5);

        var region = Assert.Single(regions);
        Assert.Equal(0, region.FromSeconds, 6);
        Assert.Equal(1.3, region.ToSeconds, 6);
        Assert.True(region.X <= 0.30 - 0.015 + 1e-9 && region.X + region.Width >= 0.43 + 0.015 - 1e-9);
    }

    [Fact]
    public void Two_faces_apart_in_the_picture_stay_two_regions()
    {
        FaceDetection[] seen = [new(1.0, 0.10, 0.20, 0.10, 0.15), new(1.0, 0.70, 0.20, 0.10, 0.15)];

        Assert.Equal(2, RegionProposals.From(seen, clipSeconds: 5).Count);
    }

    [Fact]
    public void The_same_place_far_apart_in_time_stays_two_regions()
    {
        FaceDetection[] seen = [new(0.5, 0.10, 0.20, 0.10, 0.15), new(3.0, 0.10, 0.20, 0.10, 0.15)];

        Assert.Equal(2, RegionProposals.From(seen, clipSeconds: 5).Count);
    }
}
