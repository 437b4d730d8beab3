using Microsoft.Extensions.Logging;
using SolidarityFn.IntegrationTests.Media;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>
/// Captions in every script the campaign gets, rendered into real segments by <see cref="SegmentRenderer"/> and real
/// ffmpeg, then looked at: ink where the text is, no glyph HarfBuzz could not find (no box), Arabic joined, right-to-left
/// order checked by where a colour emoji typed first lands, and the emoji in colour. Set KEEP_FRAMES_DIR to keep the
/// frames as PNG files for a person to look at.
/// </summary>
public sealed class ScriptRenderingTests(AssemblyClips clips) : IClassFixture<AssemblyClips>, IDisposable
{
    public const string Arabic = "تضامن مع عمال مينيسوتا";

    private readonly ServiceProvider _services = Services();

    public void Dispose() => _services.Dispose();

    public static TheoryData<string, string> Captions => new()
    {
        { "arabic", Arabic },
        { "amharic", "ከሚኒሶታ ሠራተኞች ጋር አንድነት" },
        { "chinese", "加拿大工人与明尼苏达工人团结一致" },
        { "vietnamese", "Đoàn kết với công nhân Minnesota" },
        { "somali", "Wadajir shaqaalaha Minnesota" },
        { "oromo", "Tokkummaa hojjettoota Minnesotaa waliin" },
        { "tagalog", "Pakikiisa sa mga manggagawa ng Minnesota" },
        { "hmong", "Peb sawv ntsug nrog cov neeg ua hauj lwm" },
        { "emoji", "✊🏽 👩🏾‍🏭 🇨🇦 ❤️" },
        { "arabic-numbers", "نقابة 2025 معكم — 100%" },
    };

    private SegmentRenderer Renderer => _services.GetRequiredService<SegmentRenderer>();

    [Theory]
    [MemberData(nameof(Captions))]
    public async Task A_caption_in_each_script_is_drawn_into_the_segment_with_every_glyph_found(string name, string caption)
    {
        var format = AssemblyFormats.Landscape;
        var block = Renderer.Text.Caption(caption, format);
        Assert.All(block.Lines.SelectMany(l => l.Runs), r => Assert.Equal(0, r.MissingGlyphs));
        // Nothing was left out: every code unit of every line is in a shaped run.
        Assert.All(block.Lines, l => Assert.Equal(l.Text.Length, l.Runs.Sum(r => r.TextLength)));

        var with = await FrameAsync(ClipEntry(caption), format, name);
        var without = await FrameAsync(ClipEntry(string.Empty), format, name + "-none");

        var region = Rows(format, format.CaptionBottomY - (format.CaptionFontSize * 3), format.CaptionBottomY);
        var differing = region.Count(i => Math.Abs(with[i] - without[i]) > 60);
        Assert.True(differing > 1000, $"{name}: the caption changes {differing} values of the lower third");
    }

    [Fact]
    public async Task Arabic_is_drawn_joined_not_as_isolated_letters()
    {
        var format = AssemblyFormats.Landscape;
        // A zero-width non-joiner between letters forces the isolated forms: what drawtext drew.
        var isolated = string.Join('\u200C', Arabic.ToCharArray());
        var shapedWidth = Renderer.Text.Caption(Arabic, format).Width;
        var isolatedWidth = Renderer.Text.Caption(isolated, format).Width;
        Assert.NotEqual(shapedWidth, isolatedWidth, 1);

        var joined = await FrameAsync(ClipEntry(Arabic), format, "arabic-joined");
        var apart = await FrameAsync(ClipEntry(isolated), format, "arabic-isolated");
        var region = Rows(format, format.CaptionBottomY - (format.CaptionFontSize * 3), format.CaptionBottomY);
        Assert.True(region.Count(i => Math.Abs(joined[i] - apart[i]) > 60) > 1000);
    }

    [Theory]
    [InlineData("✊🏽 " + Arabic, true)]
    [InlineData("✊🏽 Solidarity from Toronto", false)]
    public async Task The_character_typed_first_is_drawn_rightmost_in_right_to_left_text_and_leftmost_otherwise(string headline, bool rightToLeft)
    {
        var format = AssemblyFormats.Landscape;
        var entry = new TimelineEntry(SegmentKind.TitleCard, 0, 60, 0, headline, string.Empty, null);
        var frame = await FrameAsync(entry, format, rightToLeft ? "card-rtl" : "card-ltr");

        var (warm, white) = (new List<int>(), new List<int>());
        for (var i = 0; i < frame.Length; i += 3)
        {
            var (r, g, b) = (frame[i], frame[i + 1], frame[i + 2]);
            var x = i / 3 % format.Width;
            if (r > 150 && r - b > 60)
            {
                warm.Add(x); // the skin-toned fist: the card is blue, the text white
            }
            else if (r > 200 && g > 200 && b > 200)
            {
                white.Add(x);
            }
        }

        Assert.True(warm.Count > 500, $"the emoji is drawn in colour ({warm.Count} warm pixels)");
        Assert.True(white.Count > 2000, $"the text is drawn ({white.Count} white pixels)");
        if (rightToLeft)
        {
            Assert.True(warm.Min() > white.Max() - 4, $"emoji from x={warm.Min()}, text to x={white.Max()}");
        }
        else
        {
            Assert.True(warm.Max() < white.Min() + 4, $"emoji to x={warm.Max()}, text from x={white.Min()}");
        }
    }

    [Theory]
    [InlineData("landscape")]
    [InlineData("vertical")]
    [InlineData("square")]
    public async Task Mixed_scripts_are_drawn_in_every_format_inside_the_frame(string formatName)
    {
        Assert.True(AssemblyFormats.TryParse(formatName, out var format));
        const string caption = "تضامن 2025 ✊🏽 Solidarité 团结 ሰላም Đoàn kết — workers across Canada stand with Minnesota";
        var with = await FrameAsync(ClipEntry(caption, "ATU 113 · Transit · Montréal"), format, "mixed-" + formatName);
        var without = await FrameAsync(ClipEntry(string.Empty), format, "mixed-none-" + formatName);
        await FrameAsync(new TimelineEntry(SegmentKind.TitleCard, 0, 60, 0, "عمال كندا مع مينيسوتا ✊🏽", "团结 · Solidarité · ሰላም", null), format, "card-" + formatName);

        var changed = Enumerable.Range(0, with.Length).Where(i => Math.Abs(with[i] - without[i]) > 60).Select(i => i / 3 / format.Width).ToList();
        Assert.True(changed.Count > 3000);
        // The lower third ends at the format's caption bottom (plus the shadow), above the phone apps' controls.
        Assert.InRange(changed.Max(), format.CaptionBottomY - 20, format.CaptionBottomY + 6);
        Assert.InRange(changed.Min(), format.CaptionBottomY - (format.CaptionFontSize * 6), format.CaptionBottomY);
    }

    private static TimelineEntry ClipEntry(string caption, string meta = "CUPE 79 · Health · Toronto") =>
        new(SegmentKind.Clip, 0, 60, 0, caption, string.IsNullOrEmpty(caption) ? string.Empty : meta, new AssemblyClip("c0", AssemblyClips.ClipSeconds, 0, null, caption, "CUPE 79", "Health", "Toronto"));

    /// <summary>Indices into an rgb24 frame of the rows [from, to).</summary>
    private static IEnumerable<int> Rows(AssemblyFormat format, int from, int to) =>
        Enumerable.Range(from * format.Width * 3, (to - from) * format.Width * 3);

    /// <summary>Renders the entry with the product's renderer and returns its frame at 1 s (after the fade) as rgb24.</summary>
    private async Task<byte[]> FrameAsync(TimelineEntry entry, AssemblyFormat format, string name)
    {
        var workDir = Path.Combine(clips.Folder, "scripts " + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workDir);
        var output = Path.Combine(workDir, "segment.mp4");
        await Renderer.RenderAsync(entry, format, entry.Clip is null ? null : clips.Clips[0], entry.Clip is null ? null : clips.Shapes[0], workDir, output, CancellationToken.None);
        var frame = await Tool.RunBytesAsync("ffmpeg", ["-v", "error", "-ss", "1", "-i", output, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
        Assert.Equal(format.Width * format.Height * 3, frame.Length);
        if (Environment.GetEnvironmentVariable("KEEP_FRAMES_DIR") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            await Tool.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-y", "-ss", "1", "-i", output, "-frames:v", "1", Path.Combine(keep, name + "-" + format.Name + ".png")]);
        }

        return frame;
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning));
        services.AddOptions<MediaOptions>().Configure(o => o.X264Preset = "ultrafast");
        services.AddAssemblyRendering();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
