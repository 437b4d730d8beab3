using SolidarityFn.Pipeline.Assembly;

namespace SolidarityFn.Tests.Assembly;

public class MixKeyTests
{
    private const string Build = "ffmpeg version 5.1.8-0+deb12u1";
    private static readonly MusicBedIdentity Bed = new("\"0x8DD1\"", 95, MusicBed.DefaultLevel);

    private static AssemblyClip Clip(string id, double seconds, string caption = "caption", double trimStart = 0) =>
        new(id, seconds, trimStart, null, caption, "union", "sector", "city");

    private static AssemblyTimeline Timeline(string caption = "caption", string title = "Title", double trimStart = 0, double secondsOfB = 4) =>
        AssemblyPlanner.Plan([Clip("a", 6, caption, trimStart), Clip("b", secondsOfB), Clip("c", 6)], new AssemblyCards(title, "Sub", "#tag", "Thanks"), new AssemblySettings());

    private static string Key(
        AssemblyTimeline? timeline = null,
        Func<AssemblyClip, string>? identity = null,
        Func<AssemblyClip, bool>? hasSound = null,
        MusicBedIdentity? bed = null,
        bool noMusic = false,
        string build = Build) =>
        MixKey.For(timeline ?? Timeline(), identity ?? (c => "etag-" + c.SubmissionId), hasSound ?? (_ => true), noMusic ? null : bed ?? Bed, build);

    [Fact]
    public void What_is_not_heard_leaves_the_key_alone_a_caption_a_title_a_card_text()
    {
        var key = Key();
        Assert.Equal(64, key.Length);
        Assert.Equal(key, Key());
        Assert.Equal(key, Key(Timeline(caption: "A new caption")));
        Assert.Equal(key, Key(Timeline(title: "Another title")));
    }

    [Fact]
    public void Everything_heard_changes_the_key()
    {
        var key = Key();
        string[] others =
        [
            Key(identity: c => c.SubmissionId == "b" ? "etag-b2" : "etag-" + c.SubmissionId), // a clip re-processed or protected
            Key(Timeline(trimStart: 1)), // another span of a clip's sound
            Key(Timeline(secondsOfB: 5)), // a longer clip moves every later one
            Key(hasSound: c => c.SubmissionId != "b"), // the bed no longer ducks under b
            Key(bed: Bed with { Version = "\"0x8DD2\"" }), // the bed replaced
            Key(bed: Bed with { Seconds = 10 }), // shorter than the video: looped
            Key(bed: Bed with { Level = 25 }),
            Key(noMusic: true),
            Key(build: "ffmpeg version 7.1"),
        ];
        Assert.All(others, other => Assert.NotEqual(key, other));
        Assert.Equal(others.Length, others.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_order_of_the_clips_is_heard()
    {
        var reordered = AssemblyPlanner.Plan([Clip("b", 4), Clip("a", 6), Clip("c", 6)], new AssemblyCards("Title", "Sub", "#tag", "Thanks"), new AssemblySettings());
        Assert.NotEqual(Key(), Key(reordered));
    }
}
