using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Assembly;

/// <summary>The music bed's plan (loop, level, duck windows) and the final sound's ffmpeg runs as argument lists.</summary>
public class MusicBedTests
{
    private const string Work = "/work/mix it's 100% [x]";
    private static readonly FfmpegLimits Limits = new(50_000_000, 1234);
    private static readonly AssemblyCards Cards = new("Title", "Sub", "#tag", "Thanks");

    private static AssemblyClip Clip(string id, double seconds) => new(id, seconds, 0, null, "caption", "union", "sector", "city");

    /// <summary>Title card 4 s, clips a (6 s), b (4 s), c (6 s), end card 5 s: a at 4–10, b at 10–14, c at 14–20.</summary>
    private static AssemblyTimeline Timeline() =>
        AssemblyPlanner.Plan([Clip("a", 6), Clip("b", 4), Clip("c", 6)], Cards, new AssemblySettings());

    [Fact]
    public void The_bed_ducks_under_clips_with_sound_merging_neighbours_and_not_under_silent_ones()
    {
        var timeline = Timeline();
        Assert.Equal([new DuckWindow(4, 10), new DuckWindow(14, 20)], MusicBed.DuckWindows(timeline, c => c.SubmissionId != "b"));
        Assert.Equal([new DuckWindow(4, 20)], MusicBed.DuckWindows(timeline, _ => true));
        Assert.Empty(MusicBed.DuckWindows(timeline, _ => false));
    }

    [Fact]
    public void The_duck_expression_is_full_gain_outside_and_at_least_12_dB_down_inside_each_window()
    {
        var expression = MusicBed.DuckExpression([new DuckWindow(4, 10), new DuckWindow(14, 20)]);
        Assert.Equal("1", MusicBed.DuckExpression([]));
        Assert.StartsWith("1-0.8741*(", expression, StringComparison.Ordinal); // 18 dB: 1 - 10^(-18/20)
        Assert.Contains("clip((t-3.7)/0.3\\,0\\,1)*clip((10.3-t)/0.3\\,0\\,1)", expression, StringComparison.Ordinal);
        Assert.Contains("clip((t-13.7)/0.3\\,0\\,1)*clip((20.3-t)/0.3\\,0\\,1)", expression, StringComparison.Ordinal);
        Assert.True(MusicBed.DuckDb >= 12);
        Assert.DoesNotContain(",", expression.Replace("\\,", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, 120, 1)]
    [InlineData(120, 120, 1)]
    [InlineData(60, 120, 3)] // 60 + 58 = 118 < 120, a third copy
    [InlineData(30, 120, 5)] // 30 + 4 × 28 = 142
    [InlineData(10, 600, 75)] // 10 + 74 × 8 = 602
    public void A_shorter_piece_is_looped_with_enough_crossfaded_copies_to_cover_the_video(double music, double total, int copies)
    {
        Assert.Equal(copies, MusicBed.CopiesFor(music, total));
        var covered = music + ((copies - 1) * (music - MusicBed.CrossfadeSeconds));
        Assert.True(covered >= total);
    }

    [Theory]
    [InlineData(100, 0)]
    [InlineData(50, -6.02)]
    [InlineData(25, -12.04)]
    public void The_level_is_a_percentage_of_the_voices(int level, double db) => Assert.Equal(db, MusicBed.LevelDb(level), 2);

    private static IReadOnlyList<SoundPart> Parts(AssemblyTimeline timeline) => SoundPart.Of(timeline, c => Work + "/" + c.SubmissionId + ".mp4");

    [Fact]
    public void The_sound_parts_follow_the_timeline_with_each_clip_cut_on_its_input_as_its_segment_is_and_silence_for_the_cards()
    {
        var timeline = Timeline();
        var parts = Parts(timeline);
        Assert.Equal(timeline.Entries.Count, parts.Count);
        Assert.Null(parts[0].Path); // the title card
        Assert.Null(parts[^1].Path); // the end card
        Assert.DoesNotContain(parts, p => p.IsSegment);
        Assert.Equal(timeline.Entries.Select(e => e.Seconds), parts.Select(p => p.Seconds));

        var request = new AudioMixRequest(parts, timeline.TotalSeconds, null, Limits);
        var inputs = AudioMixCommand.Inputs(request);
        Assert.Equal(["a", "b", "c"], inputs.Select(i => Path.GetFileNameWithoutExtension(i.Path)));
        var a = timeline.Entries[1];
        Assert.Equal([.. SafeArguments.Input("mov", 50_000_000), "-ss", Invariant.Seconds(a.In), "-t", Invariant.Seconds(a.Seconds)], inputs[0].Options);

        // The same cut as the segment's input, so the sound lines up with the picture frame for frame.
        var segment = ClipSegmentCommand.Build(new ClipSegmentRequest(
            Work + "/a.mp4", new ClipShape(1920, 1080), a.In, a.Seconds, AssemblyFormats.Landscape, null, Work + "/seg.mp4", new SegmentEncoding("veryfast", 20), Limits));
        Assert.Equal(segment.Inputs[0].Options, inputs[0].Options);
    }

    [Fact]
    public void A_place_whose_segment_was_fetched_from_the_cache_is_heard_from_that_segment_whole_and_unfaded()
    {
        var timeline = Timeline();
        var parts = SoundPart.Of(timeline, c => Work + "/" + c.SubmissionId + ".mp4", i => i == 2 ? Work + "/landscape/seg-b.mp4" : null);
        Assert.Equal(new SoundPart(Work + "/landscape/seg-b.mp4", 0, timeline.Entries[2].Seconds, IsSegment: true), parts[2]);
        Assert.False(parts[1].IsSegment);
        Assert.False(parts[3].IsSegment);

        var request = new AudioMixRequest(parts, timeline.TotalSeconds, null, Limits);
        var inputs = AudioMixCommand.Inputs(request);
        Assert.Equal(["a", "seg-b", "c"], inputs.Select(i => Path.GetFileNameWithoutExtension(i.Path)));
        Assert.Equal(SafeArguments.Input("mov", 50_000_000), inputs[1].Options); // no -ss/-t: the segment is the part
        Assert.Contains("-ss", inputs[0].Options);

        // The segment's sound carries its fades already: only the clips read from their files are faded here.
        var graph = AudioMixCommand.Graph(request);
        Assert.Contains($"[1:a:0]{MezzanineFormat.AudioFormat},apad,atrim=duration=4,asetpts=N/SR/TB[p2];", graph, StringComparison.Ordinal);
        Assert.Contains("[0:a:0]afade=t=in", graph, StringComparison.Ordinal);
        Assert.Contains("[2:a:0]afade=t=in", graph, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_music_the_mix_is_the_parts_joined_each_faded_padded_and_cut_to_its_segments_length()
    {
        var timeline = Timeline();
        var graph = AudioMixCommand.Graph(new AudioMixRequest(Parts(timeline), timeline.TotalSeconds, null, Limits));
        var title = Invariant.Seconds(timeline.Entries[0].Seconds);
        Assert.StartsWith($"{MezzanineFormat.SilentAudioSource},atrim=duration={title},asetpts=N/SR/TB[p0];[0:a:0]afade=t=in:st=0:d=", graph, StringComparison.Ordinal);
        Assert.Contains($",{MezzanineFormat.AudioFormat},apad,atrim=duration=6,asetpts=N/SR/TB[p1];[1:a:0]", graph, StringComparison.Ordinal);
        Assert.Contains("[2:a:0]", graph, StringComparison.Ordinal);
        Assert.DoesNotContain("[3:a:0]", graph, StringComparison.Ordinal);
        Assert.EndsWith($"[p0][p1][p2][p3][p4]concat=n=5:v=0:a=1,{MezzanineFormat.AudioFormat}[mix]", graph, StringComparison.Ordinal);
    }

    [Fact]
    public void With_music_each_copy_is_its_own_hardened_input_after_the_clips_crossfaded_faded_levelled_ducked_and_mixed_without_halving()
    {
        var timeline = Timeline();
        var plan = MusicBed.Plan(timeline, c => c.SubmissionId != "b", 10, 50);
        Assert.Equal(3, plan.Copies); // 25 s of video, 10 s of music: 10 + 8 + 8
        var request = new AudioMixRequest(Parts(timeline), timeline.TotalSeconds, new MusicBedInput(Work + "/bed.m4a", plan), Limits);
        var inputs = AudioMixCommand.Inputs(request);
        Assert.Equal(6, inputs.Count); // three clips, three copies of the bed
        Assert.All(inputs.Skip(3), i =>
        {
            Assert.Equal(Work + "/bed.m4a", i.Path);
            Assert.Equal(SafeArguments.Input("mov", 50_000_000), i.Options);
        });

        var graph = AudioMixCommand.Graph(request);
        Assert.Contains("concat=n=5:v=0:a=1," + MezzanineFormat.AudioFormat + "[voice];[3:a:0]" + MezzanineFormat.AudioFormat + "[m0];[4:a:0]", graph, StringComparison.Ordinal);
        Assert.Contains("[m0][m1]acrossfade=d=2:c1=qsin:c2=qsin[x1];[x1][m2]acrossfade=d=2:c1=qsin:c2=qsin[x2];", graph, StringComparison.Ordinal);
        Assert.Contains("[x2]apad,atrim=duration=25,asetpts=PTS-STARTPTS,asetnsamples=n=480:p=0,afade=t=in:st=0:d=1.5,afade=t=out:st=22.5:d=2.5,volume=-6.02dB,volume='1-", graph, StringComparison.Ordinal);
        Assert.Contains("':eval=frame[bed]", graph, StringComparison.Ordinal);
        Assert.EndsWith("[voice][bed]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[mix]", graph, StringComparison.Ordinal);
    }

    [Fact]
    public void The_premix_run_mixes_once_into_float_wav_while_ebur128_measures_it_into_a_plain_named_file_beside_it()
    {
        var request = new AudioMixRequest([new SoundPart(Work + "/a.mp4", 0, 30)], 30, null, Limits);
        var premix = AudioMixCommand.Premix(request, Work + "/loudness.txt", Work + "/premix.wav");
        Assert.EndsWith(";[mix]ebur128=metadata=1,ametadata=mode=print:key=lavfi.r128.I:file=loudness.txt[out]", After(premix.Output, "-filter_complex"), StringComparison.Ordinal);
        Assert.Equal("[out]", After(premix.Output, "-map"));
        Assert.Equal("pcm_f32le", After(premix.Output, "-c:a"));
        Assert.Equal("wav", After(premix.Output, "-f"));
        Assert.Equal("30", After(premix.Output, "-t"));
        Assert.Equal(Work + "/premix.wav", premix.OutputPath);
        Assert.Throws<ArgumentException>(() => AudioMixCommand.Premix(request, Work + "/it's:x.txt", Work + "/premix.wav"));
        Assert.Throws<ArgumentException>(() => AudioMixCommand.Premix(request, Work + "/other/loudness.txt", Work + "/premix.wav"));
    }

    [Fact]
    public void The_finish_run_reads_only_the_premix_and_gains_limits_and_encodes_aac()
    {
        var finish = AudioMixCommand.Finish(Work + "/premix.wav", 30, 2.5, Limits, Work + "/mix.m4a");
        var input = Assert.Single(finish.Inputs);
        Assert.Equal(Work + "/premix.wav", input.Path);
        Assert.Equal(SafeArguments.Input("wav", Limits.MaxPixels), input.Options);
        Assert.Equal("[0:a:0]volume=2.5dB,aresample=192000,alimiter=limit=0.7943:attack=5:release=50:level=disabled," + MezzanineFormat.AudioFormat + "[a]", After(finish.Output, "-filter_complex"));
        Assert.Equal("aac", After(finish.Output, "-c:a"));
        Assert.Equal("30", After(finish.Output, "-t"));
        Assert.Equal("48000", After(finish.Output, "-ar"));
        Assert.Equal("mp4", After(finish.Output, "-f"));
        Assert.Equal(SafeArguments.Global(1234), finish.Global);
    }

    [Theory]
    [InlineData(-18.14, 4.14)]
    [InlineData(-14, 0)]
    [InlineData(-9.5, -4.5)]
    [InlineData(-70, 0)] // silence: nothing to raise
    [InlineData(-59, 30)] // quiet, raised at most 30 dB
    public void The_gain_takes_the_measured_loudness_to_minus_14(double measured, double gain) =>
        Assert.Equal(gain, FinalLoudness.GainDb(measured), 2);

    [Fact]
    public void The_last_integrated_loudness_printed_is_the_programme_s()
    {
        const string text = "frame:0    pts:0       pts_time:0\nlavfi.r128.I=-70.000\nframe:1 pts:4800 pts_time:0.1\nlavfi.r128.I=-18.140\n";
        Assert.Equal(-18.14, LoudnessMeasurement.Parse(text));
        Assert.Null(LoudnessMeasurement.Parse("frame:0\n"));
        Assert.Equal(0, FinalLoudness.GainDb(null));
    }

    [Fact]
    public void The_join_with_a_mix_copies_both_the_picture_and_the_mixed_sound()
    {
        var command = ConcatCommand.Build(Work + "/list.txt", Work + "/out.mp4", 21.5, Limits, Work + "/mix.m4a");
        Assert.Equal(2, command.Inputs.Count);
        Assert.Equal(SafeArguments.Input("mov", 50_000_000), command.Inputs[1].Options);
        Assert.Equal(["-map", "0:v:0", "-map", "1:a:0", "-c:v", "copy", "-c:a", "copy"], command.Output.Take(8));
        Assert.DoesNotContain("-af", command.Output);
        Assert.Equal("21.5", After(command.Output, "-t"));
    }

    private static string After(IReadOnlyList<string> args, string option) => args[args.ToList().IndexOf(option) + 1];
}
