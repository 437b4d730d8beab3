using SolidarityFn.Pipeline.Assembly;

namespace SolidarityFn.Tests.Assembly;

public class AssemblyPlannerTests
{
    private static readonly AssemblyCards Cards = new("Title", "Subtitle", "#tags", "Thanks");

    private static AssemblyClip Clip(int i, double seconds, double trimStart = 0, double? trimEnd = null) =>
        new($"s{i:00}", seconds, trimStart, trimEnd, $"caption {i}", "Local 1", "Health", "Montréal");

    private static List<AssemblyClip> Clips(int count, double seconds) => Enumerable.Range(1, count).Select(i => Clip(i, seconds)).ToList();

    [Fact]
    public void Thirty_ten_second_clips_at_120_s_are_shortened_evenly_then_the_last_ones_left_out_filling_the_target_exactly()
    {
        var timeline = AssemblyPlanner.Plan(Clips(30, 10), Cards, new AssemblySettings(TargetSeconds: 120, TitleCardSeconds: 4, EndCardSeconds: 5, FloorSeconds: 4));

        Assert.Equal(120, timeline.TotalSeconds, 3);
        var clips = timeline.Clips.ToList();
        // 111 s for clips; 28 × 4 s would not fit, 27 do: the last three are left out, in order.
        Assert.Equal(27, clips.Count);
        Assert.Equal(["s28", "s29", "s30"], timeline.LeftOut);
        Assert.All(clips, c => Assert.InRange(c.Frames, 123, 124));
        Assert.Equal(27, timeline.Shortened.Count);
        Assert.All(timeline.Shortened, s => Assert.Equal(10, s.FromSeconds));
        Assert.Equal(clips.Select(c => c.Clip!.SubmissionId), timeline.Shortened.Select(s => s.SubmissionId));
        Assert.Equal(clips.Select(c => Math.Round(c.Seconds, 3)), timeline.Shortened.Select(s => s.ToSeconds));
    }

    [Fact]
    public void The_timeline_is_contiguous_title_first_end_last()
    {
        var timeline = AssemblyPlanner.Plan(Clips(3, 6), Cards, new AssemblySettings());

        Assert.Equal(SegmentKind.TitleCard, timeline.Entries[0].Kind);
        Assert.Equal(SegmentKind.EndCard, timeline.Entries[^1].Kind);
        Assert.Equal("Title", timeline.Entries[0].Text);
        Assert.Equal("Thanks", timeline.Entries[^1].SubText);
        for (var i = 1; i < timeline.Entries.Count; i++)
        {
            Assert.Equal(timeline.Entries[i - 1].StartFrame + timeline.Entries[i - 1].Frames, timeline.Entries[i].StartFrame);
        }

        // Each part its own bidi isolate (FSI … PDI), so no part's direction reorders its neighbours.
        Assert.Equal("\u2068Local 1\u2069 · \u2068Health\u2069 · \u2068Montréal\u2069", timeline.Entries[1].SubText);
    }

    [Fact]
    public void Clips_that_fit_are_kept_whole_and_nothing_is_reported()
    {
        var timeline = AssemblyPlanner.Plan(Clips(3, 6), Cards, new AssemblySettings());

        Assert.Equal(4 + 18 + 5, timeline.TotalSeconds, 3);
        Assert.Empty(timeline.Shortened);
        Assert.Empty(timeline.LeftOut);
    }

    [Fact]
    public void An_exact_fit_changes_nothing()
    {
        // 120 - 4 - 5 = 111 = 11 × 10 + 1.
        var clips = Clips(11, 10);
        clips.Add(Clip(12, 1));
        var timeline = AssemblyPlanner.Plan(clips, Cards, new AssemblySettings());

        Assert.Equal(120, timeline.TotalSeconds, 3);
        Assert.Empty(timeline.Shortened);
        Assert.Empty(timeline.LeftOut);
    }

    [Fact]
    public void The_longest_clips_give_up_time_first_and_short_ones_are_untouched()
    {
        var clips = new List<AssemblyClip> { Clip(1, 20), Clip(2, 5), Clip(3, 5) };
        var timeline = AssemblyPlanner.Plan(clips, Cards, new AssemblySettings(TargetSeconds: 29, TitleCardSeconds: 4, EndCardSeconds: 5));

        Assert.Equal([10.0, 5.0, 5.0], timeline.Clips.Select(c => c.Seconds));
        var shortened = Assert.Single(timeline.Shortened);
        Assert.Equal(new ShortenedClip("s01", 20, 10), shortened);
    }

    [Fact]
    public void No_clip_is_cut_below_the_floor_and_clips_shorter_than_the_floor_keep_their_length()
    {
        var clips = new List<AssemblyClip> { Clip(1, 10), Clip(2, 2), Clip(3, 10), Clip(4, 10) };
        // 13 s for clips: 4 + 2 + 4 = 10 fits, the fourth at the floor would not; then the cap grows to 5.5 s.
        var timeline = AssemblyPlanner.Plan(clips, Cards, new AssemblySettings(TargetSeconds: 22, TitleCardSeconds: 4, EndCardSeconds: 5, FloorSeconds: 4));

        Assert.Equal(["s04"], timeline.LeftOut);
        Assert.Equal([5.5, 2.0, 5.5], timeline.Clips.Select(c => c.Seconds));
        Assert.All(timeline.Clips, c => Assert.True(c.Seconds >= 2));
        Assert.Equal(22, timeline.TotalSeconds, 3);
    }

    [Fact]
    public void Trims_set_the_in_point_and_length_and_shortening_keeps_the_in_point()
    {
        var clips = new List<AssemblyClip> { Clip(1, 10, trimStart: 1.5, trimEnd: 8.5), Clip(2, 10, trimStart: 2) };
        var fits = AssemblyPlanner.Plan(clips, Cards, new AssemblySettings());
        Assert.Equal([1.5, 2.0], fits.Clips.Select(c => c.In));
        Assert.Equal([7.0, 8.0], fits.Clips.Select(c => c.Seconds));

        var shortened = AssemblyPlanner.Plan(clips, Cards, new AssemblySettings(TargetSeconds: 21, TitleCardSeconds: 4, EndCardSeconds: 5));
        Assert.Equal([1.5, 2.0], shortened.Clips.Select(c => c.In));
        Assert.Equal([6.0, 6.0], shortened.Clips.Select(c => c.Seconds));
        Assert.Equal([new ShortenedClip("s01", 7, 6), new ShortenedClip("s02", 8, 6)], shortened.Shortened);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(0, 11.0)]
    [InlineData(5, 5.0)]
    [InlineData(6, 5.0)]
    public void Trims_outside_the_clip_or_empty_are_refused(double start, double? end) =>
        Assert.Throws<ArgumentException>(() => AssemblyPlanner.Plan([Clip(1, 10, start, end)], Cards, new AssemblySettings()));

    [Fact]
    public void When_not_even_one_clip_fits_all_are_left_out()
    {
        var timeline = AssemblyPlanner.Plan(Clips(2, 10), Cards, new AssemblySettings(TargetSeconds: 10, TitleCardSeconds: 4, EndCardSeconds: 5));
        Assert.Empty(timeline.Clips);
        Assert.Equal(["s01", "s02"], timeline.LeftOut);
    }
}
