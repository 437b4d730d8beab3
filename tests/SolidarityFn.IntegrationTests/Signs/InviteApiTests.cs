using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Organizers;
using SolidarityFn.Pipeline.Campaigns;

namespace SolidarityFn.IntegrationTests.Signs;

/// <summary>A stack whose public address differs from the one tests call (as behind a front end); few sign permits.</summary>
public sealed class PublicAddressStackFixture : StackFixture
{
    public const string PublicBaseUrl = "https://solidarity.example.org/";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Intake:PublicBaseUrl", PublicBaseUrl),
        new("Intake:RateLimitPermits", "4"),
    ];
}

/// <summary>The invitation kit: the poster (QR decoded back from a rendered page) and the chat messages.</summary>
public class InviteApiTests(PublicAddressStackFixture stack) : IClassFixture<PublicAddressStackFixture>
{
    private const string Link = PublicAddressStackFixture.PublicBaseUrl + "c/" + DefaultCampaign.Id;

    [Theory]
    [InlineData("a4", 595.28, 841.89)]
    [InlineData("letter", 612, 792)]
    public async Task The_poster_holds_the_title_the_call_the_deadline_and_a_qr_code_that_opens_the_public_upload_link(string paper, double width, double height)
    {
        using var organizer = stack.CreateOrganizerClient();
        using var response = await organizer.GetAsync($"/api/campaigns/{DefaultCampaign.Id}/invite.pdf?paper={paper}&lang=en");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await PdfTools.SaveAsync(await response.Content.ReadAsByteArrayAsync(), $"invite-{paper}");

        var (pages, w, h) = await PdfTools.InfoAsync(pdf);
        // Skia writes the page size in whole points: A4 is 595 × 842 (0.1 mm off), which printers still take as A4.
        Assert.Equal(1, pages);
        Assert.Equal(width, w, 0.5);
        Assert.Equal(height, h, 0.5);
        var text = await PdfTools.TextAsync(pdf);
        Assert.Contains("Workers across Canada stand with Minnesota", text, StringComparison.Ordinal);
        Assert.Contains("Send a 5–10 second clip or a photo", text, StringComparison.Ordinal);
        Assert.Contains(Link, text, StringComparison.Ordinal);
        Assert.All(await PdfTools.WordsAsync(pdf), word => Assert.True(word.XMin >= 0 && word.YMin >= 0 && word.XMax <= w && word.YMax <= h, word.Text));

        var png = await PdfTools.RenderAsync(pdf, dpi: 100);
        Assert.Equal(Link, PdfTools.DecodeQr(png));
    }

    [Fact]
    public async Task The_poster_speaks_the_language_asked_for()
    {
        using var organizer = stack.CreateOrganizerClient();
        using var response = await organizer.GetAsync($"/api/campaigns/{DefaultCampaign.Id}/invite.pdf?paper=a4&lang=es");
        var pdf = await PdfTools.SaveAsync(await response.Content.ReadAsByteArrayAsync(), "invite-es");

        Assert.Contains("Envía un video de solidaridad", await PdfTools.TextAsync(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_poster_and_the_messages_are_for_organizers_only()
    {
        using var anonymous = stack.CreateClient();
        using var poster = await anonymous.GetAsync($"/api/campaigns/{DefaultCampaign.Id}/invite.pdf");
        using var messages = await anonymous.GetAsync($"/api/campaigns/{DefaultCampaign.Id}/invitation");

        Assert.Equal(HttpStatusCode.Unauthorized, poster.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, messages.StatusCode);
    }

    [Fact]
    public async Task Bad_paper_is_a_400_and_an_unknown_campaign_a_404()
    {
        using var organizer = stack.CreateOrganizerClient();
        using var paper = await organizer.GetAsync($"/api/campaigns/{DefaultCampaign.Id}/invite.pdf?paper=a3");
        using var unknown = await organizer.GetAsync("/api/campaigns/no-such-campaign/invite.pdf");

        Assert.Equal(HttpStatusCode.BadRequest, paper.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_chat_messages_carry_the_public_link_in_each_language()
    {
        using var organizer = stack.CreateOrganizerClient();
        var id = CampaignApi.NewId("invite");
        var body = CampaignApi.Body();
        body["deadline"] = "2030-03-01T17:00:00Z";
        await CampaignApi.CreateAsync(organizer, id, body);

        var invitation = await organizer.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}/invitation");

        var link = PublicAddressStackFixture.PublicBaseUrl + "c/" + id;
        Assert.Equal(link, invitation.GetProperty("uploadUrl").GetString());
        var messages = invitation.GetProperty("messages");
        Assert.Equal(
            $"Toronto stands with Minnesota\nSend a 2–12 second video or a photo: who you are, where you work, and your message.\n{link}\nDeadline: March 1, 2030, 17:00 UTC",
            messages.GetProperty("en").GetString());
        Assert.Contains("Date limite : 1 mars 2030 à 17:00 UTC", messages.GetProperty("fr").GetString(), StringComparison.Ordinal);
        Assert.Contains(link, messages.GetProperty("es").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signs_are_rate_limited_per_client_like_intake_with_retry_after()
    {
        using var http = stack.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last?.Dispose();
            last = await http.GetAsync($"/api/campaigns/{DefaultCampaign.Id}/signs.pdf?slogan=0");
            statuses.Add(last.StatusCode);
        }

        using (last)
        {
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
            Assert.True(last!.Headers.RetryAfter!.Delta > TimeSpan.Zero);
            // Counted apart from intake: an upload still starts.
            using var upload = await UploadApi.PostAsync(http, UploadApi.ValidBody());
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }
    }
}
