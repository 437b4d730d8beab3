using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Review;

namespace SolidarityFn.Tests.Assembly;

public class ApprovedFingerprintTests
{
    private static ReviewIndexEntity Row(string id, string caption = "Caption", double? trimEnd = null) =>
        new() { SubmissionId = id, Caption = caption, ClipSeconds = 6, TrimEndSeconds = trimEnd, Union = "CUPE", City = "Toronto" };

    [Fact]
    public void The_fingerprint_changes_with_the_order_a_caption_a_trim_or_a_clip_and_with_nothing_else()
    {
        var list = ApprovedClips.Fingerprint([Row("a"), Row("b")]);
        Assert.Equal(list, ApprovedClips.Fingerprint([Row("a"), Row("b")]));
        var decided = Row("a");
        decided.DecidedAt = DateTimeOffset.UtcNow; // a decision that changes nothing the video is made from
        decided.Version = 7;
        Assert.Equal(list, ApprovedClips.Fingerprint([decided, Row("b")]));
        Assert.NotEqual(list, ApprovedClips.Fingerprint([Row("b"), Row("a")]));
        Assert.NotEqual(list, ApprovedClips.Fingerprint([Row("a", "Edited"), Row("b")]));
        Assert.NotEqual(list, ApprovedClips.Fingerprint([Row("a", trimEnd: 4), Row("b")]));
        Assert.NotEqual(list, ApprovedClips.Fingerprint([Row("a")]));
    }
}
