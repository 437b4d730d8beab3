using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Signs;

namespace SolidarityFn.Tests.Signs;

public class InvitePosterTests
{
    private static InviteContent Content(string prompt = "Record a short video saying who you are, where you work, and that you stand with Minnesota workers.") => new(
        "Send a video of solidarity",
        "Workers across Canada stand with Minnesota",
        prompt,
        "Deadline: December 6, 2026, 23:59 UTC",
        "Scan with your phone’s camera to send your clip",
        "https://solidarity.example.org/c/minnesota-solidarity");

    [Theory]
    [InlineData(SignPaper.A4)]
    [InlineData(SignPaper.Letter)]
    public void A_portrait_poster_keeps_every_text_and_the_code_inside_the_margins(SignPaper paper)
    {
        var layout = InvitePoster.Layout(Content(string.Join(' ', Enumerable.Repeat("A long call for clips that goes on.", 40))), paper, new ShapedTextMeasure(ShippedFonts.Shaper));

        Assert.True(layout.Height > layout.Width, "portrait");
        foreach (var text in layout.Texts)
        {
            Assert.True(text.X >= SignLayout.Margin - 0.01 && text.X + text.Width <= layout.Width - SignLayout.Margin + 0.01, text.Text);
            Assert.True(text.Top >= SignLayout.Margin - 0.01 && text.Top + text.Height <= layout.Height - SignLayout.Margin + 0.01, text.Text);
        }

        var qr = layout.Qr!;
        Assert.True(qr.Side >= 72 / 2.54 * 7, $"code side {qr.Side / 72 * 2.54:0.0} cm");
        Assert.True(qr.X >= SignLayout.Margin && qr.X + qr.Side <= layout.Width - SignLayout.Margin);
        var above = layout.Texts.Where(t => t.Role is "kicker" or "title" or "call" or "deadline").Max(t => t.Top + t.Height);
        var below = layout.Texts.Where(t => t.Role is "scan" or "link").Min(t => t.Top);
        Assert.True(qr.Y >= above && qr.Y + qr.Side <= below, "the code sits between the call and the link, overlapping neither");
        Assert.EndsWith("…", layout.Texts.Last(t => t.Role == "call").Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("عمال كندا متضامنون مع عمال مينيسوتا", "سجّل فيديو قصيراً تقول فيه من أنت وأين تعمل وأنك تقف مع عمال مينيسوتا.")]
    [InlineData("加拿大工人与明尼苏达州工人站在一起", "录制一段短视频，说出你是谁、在哪里工作，以及你支持明尼苏达州的工人。")]
    public void An_arabic_or_chinese_title_and_call_stay_inside_the_margins_and_arabic_is_set_right_to_left(string title, string call)
    {
        var layout = InvitePoster.Layout(Content(call) with { Title = title }, SignPaper.A4, new ShapedTextMeasure(ShippedFonts.Shaper));

        foreach (var text in layout.Texts)
        {
            Assert.True(text.X >= SignLayout.Margin - 0.01 && text.X + text.Width <= layout.Width - SignLayout.Margin + 0.01, text.Text);
            Assert.True(text.Top >= SignLayout.Margin - 0.01 && text.Top + text.Height <= layout.Height - SignLayout.Margin + 0.01, text.Text);
        }

        var titleLines = layout.Texts.Where(t => t.Role is "title" or "call").ToList();
        Assert.Equal(string.Concat(title, call).Replace(" ", string.Empty, StringComparison.Ordinal), string.Concat(titleLines.Select(t => t.Text)).Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.All(titleLines, t => Assert.Equal(title.StartsWith('ع') ? 1 : 0, t.Level));

        // Drawn for looking at (/tmp/shots/unit-invite-*.pdf): the QR code and texts of the real renderer.
        var pdf = SignPdf.Render(layout, title, ShippedFonts.Shaper, Content().Link);
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "shots"));
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "shots", $"unit-invite-{(title.StartsWith('ع') ? "arabic" : "chinese")}.pdf"), pdf);
    }

    [Fact]
    public void The_link_is_printed_whole_even_when_it_must_break_between_characters()
    {
        var link = "https://solidarity.example.org/c/" + new string('a', 64);
        var layout = InvitePoster.Layout(Content() with { Link = link }, SignPaper.A4, new ShapedTextMeasure(ShippedFonts.Shaper));

        Assert.Equal(link, string.Concat(layout.Texts.Where(t => t.Role == "link").Select(t => t.Text)));
    }

    [Fact]
    public void The_chat_message_carries_the_title_what_to_send_the_link_and_the_deadline_in_each_language()
    {
        var campaign = new Campaign
        {
            Id = "minnesota-solidarity",
            Title = "Workers across Canada stand with Minnesota",
            Prompt = "p",
            ConsentText = "c",
            Deadline = new DateTimeOffset(2026, 12, 6, 23, 59, 0, TimeSpan.Zero),
            Limits = new CampaignLimits { MinClipSeconds = 5, MaxClipSeconds = 10 },
        };
        const string link = "https://solidarity.example.org/c/minnesota-solidarity";

        Assert.Equal(
            "Workers across Canada stand with Minnesota\nSend a 5–10 second video or a photo: who you are, where you work, and your message.\n" + link + "\nDeadline: December 6, 2026, 23:59 UTC",
            SignPrinting.Message(campaign, "en", link));
        Assert.Contains("Date limite : 6 décembre 2026 à 23:59 UTC", SignPrinting.Message(campaign, "fr", link), StringComparison.Ordinal);
        Assert.Contains("de 5 à 10 secondes", SignPrinting.Message(campaign, "fr", link), StringComparison.Ordinal);
        Assert.Contains("Fecha límite: 6 de diciembre de 2026, 23:59 UTC", SignPrinting.Message(campaign, "es", link), StringComparison.Ordinal);
        Assert.DoesNotContain("Deadline", SignPrinting.Message(campaign with { Deadline = null }, "en", link), StringComparison.Ordinal);
    }

    [Fact]
    public void The_qr_code_holds_a_quiet_zone_and_finder_patterns()
    {
        var modules = SignPdf.QrModules("https://solidarity.example.org/c/minnesota-solidarity");
        var n = modules.GetLength(0);

        Assert.Equal(n, modules.GetLength(1));
        Assert.All(Enumerable.Range(0, n), i => Assert.False(modules[0, i] || modules[i, 0] || modules[3, i] || modules[n - 1, i]));
        Assert.True(modules[4, 4] && modules[4, 10] && modules[10, 4], "top-left finder's corners");
    }
}
