using System.Net;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Organizers;
using SolidarityFn.Pipeline.Campaigns;

namespace SolidarityFn.IntegrationTests.Signs;

/// <summary>
/// GET /api/campaigns/{id}/signs.pdf against the real DevHost and Azurite; every PDF is read back with poppler
/// (text, word boxes, page size) and rendered to PNG under /tmp/shots/signs-*.png to be looked at.
/// </summary>
[Collection(StackCollection.Name)]
public class SignsApiTests(StackFixture stack)
{
    /// <summary>60 characters with its blank: the longest slogan whose capitals must still be 2 cm high.</summary>
    private const string LongSlogan = "____ stand with Minnesota workers: no raids, no fear, united";

    private static readonly string[] Slogans =
    [
        "Solidarity!",
        LongSlogan,
        "تضامن مع عمال مينيسوتا",
        "我们与明尼苏达州的工人站在一起",
        "ICE out of MN — تضامن",
        "ミネソタの____と連帯します",
    ];

    private async Task<string> CampaignAsync()
    {
        using var organizer = stack.CreateOrganizerClient();
        var id = CampaignApi.NewId("signs");
        var body = CampaignApi.Body();
        body["slogans"] = Slogans;
        body["hashtags"] = new[] { "#MPLS", "#Solidarité", "#1u" };
        await CampaignApi.CreateAsync(organizer, id, body);
        return id;
    }

    private async Task<HttpResponseMessage> SignAsync(string campaignId, string query)
    {
        using var http = stack.CreateClient();
        return await http.GetAsync($"/api/campaigns/{campaignId}/signs.pdf?{query}");
    }

    [Theory]
    [InlineData("a4", 841.89, 595.28)]
    [InlineData("letter", 792, 612)]
    public async Task A_long_slogan_prints_on_one_landscape_page_with_the_filled_blank_and_every_word_inside_the_page(string paper, double width, double height)
    {
        var id = await CampaignAsync();
        using var response = await SignAsync(id, $"slogan=1&from={Uri.EscapeDataString("Toronto teachers")}&paper={paper}&lang=fr");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal($"sign-{id}-2-{paper}.pdf", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var pdf = await PdfTools.SaveAsync(await response.Content.ReadAsByteArrayAsync(), $"signs-long-{paper}");

        var (pages, w, h) = await PdfTools.InfoAsync(pdf);
        Assert.Equal(1, pages);
        // Skia writes the page size in whole points: A4 is 842 × 595 (0.1 mm off), which printers still take as A4.
        Assert.Equal(width, w, 0.5);
        Assert.Equal(height, h, 0.5);
        Assert.Equal("Toronto teachers stand with Minnesota workers: no raids, no fear, united #MPLS #Solidarité #1u", await PdfTools.TextAsync(pdf));
        var words = await PdfTools.WordsAsync(pdf);
        Assert.NotEmpty(words);
        Assert.All(words, word => Assert.True(
            word.XMin >= 0 && word.YMin >= 0 && word.XMax <= w && word.YMax <= h,
            $"{word.Text} at ({word.XMin}, {word.YMin})–({word.XMax}, {word.YMax}) leaves the {w} × {h} page"));

        // The filled blank is printed in red: its words' boxes hold red ink on the rendered page.
        var png = await PdfTools.RenderAsync(pdf);
        var toronto = words.First(word => word.Text == "Toronto");
        var stand = words.First(word => word.Text == "stand");
        Assert.True(RedShare(png, toronto) > 0.1, "the filled blank is red");
        Assert.True(RedShare(png, stand) < 0.01, "the slogan itself is not");
    }

    [Theory]
    [InlineData("a4")]
    [InlineData("letter")]
    public async Task A_short_slogan_fills_the_page_in_one_line(string paper)
    {
        var id = await CampaignAsync();
        using var response = await SignAsync(id, $"slogan=0&paper={paper}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await PdfTools.SaveAsync(await response.Content.ReadAsByteArrayAsync(), $"signs-short-{paper}");
        await PdfTools.RenderAsync(pdf);

        var words = await PdfTools.WordsAsync(pdf);
        var slogan = Assert.Single(words, word => word.Text == "Solidarity!");
        var (_, w, _) = await PdfTools.InfoAsync(pdf);
        Assert.True(slogan.XMax - slogan.XMin > w * 0.7, $"the slogan spans {slogan.XMax - slogan.XMin} of {w} points");
    }

    [Fact]
    public async Task A_blank_left_empty_prints_a_line_to_write_on()
    {
        using var response = await SignAsync(DefaultCampaign.Id, "slogan=1&paper=a4");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await PdfTools.SaveAsync(await response.Content.ReadAsByteArrayAsync(), "signs-default-blank");

        Assert.StartsWith("ICE out of MN: Solidarity from __________", await PdfTools.TextAsync(pdf), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slogan=6", "slogan")]
    [InlineData("slogan=-1", "slogan")]
    [InlineData("slogan=x", "slogan")]
    [InlineData("", "slogan")]
    [InlineData("slogan=0&paper=legal", "paper")]
    [InlineData("slogan=0&lang=de", "lang")]
    public async Task A_bad_slogan_paper_or_language_is_a_400_problem_naming_the_field(string query, string field)
    {
        var id = await CampaignAsync();
        using var response = await SignAsync(id, query);
        using var problem = await UploadApi.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    [Fact]
    public async Task A_from_longer_than_a_union_name_may_be_is_a_400()
    {
        var id = await CampaignAsync();
        using var response = await SignAsync(id, $"slogan=1&from={new string('x', 121)}");
        using var problem = await UploadApi.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("At most 120 characters.", problem.RootElement.GetProperty("errors").GetProperty("from")[0].GetString());
    }

    [Theory]
    [InlineData("Toronto \uE000", "U+E000")]
    [InlineData("བོད་", "U+0F56")]
    [InlineData("Toronto \U0001F600 \uE001", "U+E001")]
    public async Task A_from_the_font_cannot_print_is_a_400_naming_the_character(string from, string name)
    {
        var id = await CampaignAsync();
        using var response = await SignAsync(id, $"slogan=1&from={Uri.EscapeDataString(from)}");
        using var problem = await UploadApi.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(name, problem.RootElement.GetProperty("errors").GetProperty("from")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, null, "a4", "arabic-a4", "تضامن مع عمال مينيسوتا")]
    [InlineData(2, null, "letter", "arabic-letter", "تضامن مع عمال مينيسوتا")]
    [InlineData(3, null, "a4", "chinese-a4", "我们与明尼苏达州的工人站在一起")]
    [InlineData(4, null, "letter", "mixed-letter", "ICE out of MN — تضامن")]
    [InlineData(5, "トロントの教師", "a4", "japanese-a4", "ミネソタのトロントの教師と連帯します")]
    public async Task An_arabic_or_cjk_slogan_prints_shaped_with_every_glyph_inked_and_reads_back(int slogan, string? from, string paper, string name, string expected)
    {
        var id = await CampaignAsync();
        var query = $"slogan={slogan}&paper={paper}" + (from is null ? string.Empty : $"&from={Uri.EscapeDataString(from)}");
        using var response = await SignAsync(id, query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await PdfTools.SaveAsync(await response.Content.ReadAsByteArrayAsync(), $"signs-{name}");
        var (pages, w, h) = await PdfTools.InfoAsync(pdf);
        Assert.Equal(1, pages);

        // Text stays text: read back in logical order once presentation forms are folded (lines joined by spaces, or
        // cut between ideographs).
        var text = await PdfTools.LogicalTextAsync(pdf);
        Assert.Equal(expected.Replace(" ", string.Empty, StringComparison.Ordinal), text.Replace(" ", string.Empty, StringComparison.Ordinal)[..expected.Replace(" ", string.Empty, StringComparison.Ordinal).Length]);

        // Every word lies inside the page, and the slogan's middle band has ink on the rendered page.
        var words = await PdfTools.WordsAsync(pdf);
        Assert.All(words, word => Assert.True(word.XMin >= 0 && word.YMin >= 0 && word.XMax <= w && word.YMax <= h, $"{word.Text} leaves the page"));
        var png = await PdfTools.RenderAsync(pdf);
        var ink = PdfTools.DarkShare(png, w * 0.1, h * 0.25, w * 0.8, h * 0.4);
        Assert.InRange(ink, 0.08, 0.8);
    }

    [Fact]
    public async Task An_unknown_campaign_is_a_404_problem()
    {
        using var response = await SignAsync("no-such-campaign", "slogan=0");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_signs_page_is_served_with_the_pages_security_headers()
    {
        using var http = stack.CreateClient();
        using var response = await http.GetAsync($"/c/{DefaultCampaign.Id}/signs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("/assets/signs.js", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Share of clearly red pixels (red high, green and blue low) in a word's box on a 100 dpi render.</summary>
    private static double RedShare(string png, PdfTools.Word word)
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(png)!;
        var scale = 100 / 72.0;
        int red = 0, total = 0;
        for (var y = (int)(word.YMin * scale); y < (int)(word.YMax * scale); y++)
        {
            for (var x = (int)(word.XMin * scale); x < (int)(word.XMax * scale); x++)
            {
                var c = bitmap.GetPixel(x, y);
                red += c.Red > 140 && c.Green < 90 && c.Blue < 90 ? 1 : 0;
                total++;
            }
        }

        return (double)red / total;
    }
}
