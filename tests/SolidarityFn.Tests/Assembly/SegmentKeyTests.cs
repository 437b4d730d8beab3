using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Assembly;

public class SegmentKeyTests
{
    private static readonly AssemblyCards Cards = new("T", "S", "#h", "Thanks");
    private static readonly SegmentEncoding Encoding = new("veryfast", 20);

    private static TimelineEntry ClipEntry(string caption = "Caption", double trimStart = 0, string union = "Local 1") =>
        AssemblyPlanner.Plan([new AssemblyClip("a", 8, trimStart, null, caption, union, "Health", "City")], Cards, new AssemblySettings()).Entries[1];

    private const string Build = "ffmpeg version 5.1.8-0+deb12u1 Copyright (c) 2000-2025 the FFmpeg developers";

    private static string Key(
        TimelineEntry entry,
        string etag = "\"0x8D1\"",
        AssemblyFormat? format = null,
        string template = "t1",
        SegmentEncoding? encoding = null,
        AssemblyFonts? fonts = null,
        ClipShape? shape = null,
        string build = Build) =>
        SegmentKey.For(entry, etag, shape ?? new ClipShape(1080, 1920), format ?? AssemblyFormats.Landscape, fonts ?? AssemblyFonts.DejaVu, encoding ?? Encoding, build, template);

    [Fact]
    public void The_same_inputs_give_the_same_hex_sha256()
    {
        var key = Key(ClipEntry());
        Assert.Equal(key, Key(ClipEntry()));
        Assert.Matches("^[0-9a-f]{64}$", key);
    }

    [Fact]
    public void Every_input_that_changes_pixels_or_sound_changes_the_key()
    {
        var baseline = Key(ClipEntry());
        string[] variants =
        [
            Key(ClipEntry(caption: "Caption!")),
            Key(ClipEntry(union: "Local 2")),
            Key(ClipEntry(trimStart: 1)),
            Key(ClipEntry(), etag: "\"0x8D2\""),
            Key(ClipEntry(), format: AssemblyFormats.Vertical),
            Key(ClipEntry(), template: "t2"),
            Key(ClipEntry(), encoding: new SegmentEncoding("veryfast", 21)),
            Key(ClipEntry(), fonts: new AssemblyFonts("/f/Other-Bold.ttf", "/f/Other.ttf")),
            Key(ClipEntry(), shape: new ClipShape(1920, 1080)),
            Key(ClipEntry(), shape: new ClipShape(1080, 1080)),
            Key(ClipEntry(), build: "ffmpeg version 7.1-static https://johnvansickle.com/ffmpeg/"),
        ];
        Assert.All(variants, v => Assert.NotEqual(baseline, v));
        Assert.Equal(variants.Length, variants.Distinct().Count());
    }

    [Fact]
    public void Field_boundaries_matter()
    {
        var a = ClipEntry() with { Text = "ab", SubText = "c" };
        var b = ClipEntry() with { Text = "a", SubText = "bc" };
        Assert.NotEqual(Key(a), Key(b));
    }

    [Fact]
    public void A_clip_needs_its_source_identity_but_a_card_does_not()
    {
        Assert.ThrowsAny<ArgumentException>(() => Key(ClipEntry(), etag: ""));
        var title = AssemblyPlanner.Plan([], Cards, new AssemblySettings()).Entries[0];
        Assert.Equal(Key(title, etag: "x"), Key(title, etag: "y"));
        Assert.Equal(Key(title, shape: new ClipShape(2, 2)), Key(title, shape: new ClipShape(1920, 1080)));
        Assert.NotEqual(Key(title), Key(title, build: "ffmpeg version 7.1"));
    }
}
