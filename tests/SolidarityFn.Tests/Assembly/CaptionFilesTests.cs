using SolidarityFn.Pipeline.Assembly;

namespace SolidarityFn.Tests.Assembly;

public class CaptionFilesTests
{
    private const string Hostile = "Solidarité: \"ICE out\" 100% \\ %{pts}";

    private static AssemblyTimeline Timeline(string caption) => AssemblyPlanner.Plan(
        [
            new AssemblyClip("a", 6, 0, null, caption, "CUPE 79", "Health", "Toronto"),
            new AssemblyClip("b", 6, 0, null, "تضامن مع عمال مينيسوتا", "", "Transit", "Montréal"),
        ],
        new AssemblyCards("Workers across Canada", "stand with Minnesota", "#Solidarity", "Thank you"),
        new AssemblySettings(TitleCardSeconds: 4, EndCardSeconds: 5));

    [Fact]
    public void Vtt_has_a_cue_per_segment_with_dotted_times_and_keeps_the_hostile_caption_verbatim()
    {
        var vtt = CaptionFiles.Vtt(Timeline(Hostile));

        Assert.StartsWith("WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nWorkers across Canada\nstand with Minnesota\n", vtt);
        Assert.Contains("\n00:00:04.000 --> 00:00:10.000\n" + Hostile + "\nCUPE 79 · Health · Toronto\n", vtt);
        Assert.Contains("\n00:00:10.000 --> 00:00:16.000\nتضامن مع عمال مينيسوتا\nTransit · Montréal\n", vtt);
        Assert.EndsWith("\n00:00:16.000 --> 00:00:21.000\n#Solidarity\nThank you\n", vtt);
    }

    [Fact]
    public void Vtt_escapes_markup_and_arrows_in_text()
    {
        var vtt = CaptionFiles.Vtt(Timeline("a --> b <i>&amp;</i>"));

        Assert.Contains("\na --&gt; b &lt;i&gt;&amp;amp;&lt;/i&gt;\n", vtt);
        Assert.Equal(4, vtt.Split(" --> ").Length - 1);
    }

    [Fact]
    public void Newlines_in_a_caption_cannot_end_a_cue_early()
    {
        var vtt = CaptionFiles.Vtt(Timeline("one\n\ntwo\r\n"));
        Assert.Contains("\none two\nCUPE 79", vtt);
    }

    [Fact]
    public void Srt_numbers_cues_and_uses_comma_decimals()
    {
        var srt = CaptionFiles.Srt(Timeline(Hostile));

        Assert.StartsWith("1\n00:00:00,000 --> 00:00:04,000\nWorkers across Canada\nstand with Minnesota\n\n2\n00:00:04,000 --> 00:00:10,000\n" + Hostile + "\n", srt);
        Assert.Contains("\n\n4\n00:00:16,000 --> 00:00:21,000\n#Solidarity\nThank you\n", srt);
    }

    [Fact]
    public void A_caption_holding_a_timing_line_does_not_become_an_srt_cue()
    {
        var srt = CaptionFiles.Srt(Timeline("00:00:00,000 --> 00:09:59,000"));

        // Four cues, four timing lines: the caption's arrow is drawn with non-breaking hyphens, which no parser reads.
        Assert.Equal(4, srt.Split(" --> ").Length - 1);
        Assert.Contains("\n00:00:00,000 \u2011\u2011> 00:09:59,000\nCUPE 79", srt);
    }

    [Fact]
    public void Credits_list_each_shown_clip_as_union_sector_city()
    {
        Assert.Equal("CUPE 79, Health, Toronto\nTransit, Montréal\n", CaptionFiles.Credits(Timeline("x")));
    }
}
