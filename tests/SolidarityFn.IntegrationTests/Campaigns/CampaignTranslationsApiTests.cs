using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Organizers;

namespace SolidarityFn.IntegrationTests.Campaigns;

/// <summary>Campaign texts per language through the DevHost and Azurite (issue 13): settings, public texts, consent.</summary>
[Collection(StackCollection.Name)]
public class CampaignTranslationsApiTests(StackFixture stack)
{
    private readonly HttpClient _organizer = stack.CreateOrganizerClient();
    private readonly HttpClient _public = stack.CreateClient();

    private static Dictionary<string, object?> Bilingual()
    {
        var body = CampaignApi.Body(title: "Montreal stands with Minnesota");
        body["endCardText"] = "Thank you, Minnesota.";
        body["translations"] = new Dictionary<string, object?>
        {
            ["fr"] = new Dictionary<string, object?>
            {
                ["title"] = "Montréal solidaire du Minnesota",
                ["slogans"] = new[] { "Solidarité avec le Minnesota !" },
                ["consentText"] = "J’accepte que ma vidéo soit utilisée.",
                ["endCardText"] = "Merci, Minnesota.",
            },
        };
        return body;
    }

    private async Task<string> CreateAsync(Dictionary<string, object?> body)
    {
        var id = CampaignApi.NewId("i18n");
        await CampaignApi.CreateAsync(_organizer, id, body);
        return id;
    }

    [Fact]
    public async Task A_put_with_translations_is_read_back_by_the_settings_with_the_default_language()
    {
        var id = await CreateAsync(Bilingual());

        var settings = await _organizer.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}/settings");

        Assert.Equal("en", settings.GetProperty("defaultLanguage").GetString());
        Assert.Equal("Thank you, Minnesota.", settings.GetProperty("endCardText").GetString());
        var french = settings.GetProperty("translations").GetProperty("fr");
        Assert.Equal("Montréal solidaire du Minnesota", french.GetProperty("title").GetString());
        Assert.Equal(["Solidarité avec le Minnesota !"], french.GetProperty("slogans").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("Merci, Minnesota.", french.GetProperty("endCardText").GetString());
        Assert.False(settings.GetProperty("translations").TryGetProperty("es", out _));

        // A PUT that does not know translations (an older client) keeps them.
        using var older = await CampaignApi.PutAsync(_organizer, id, CampaignApi.Body(title: "Montreal, second call"));
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
        var kept = await CampaignApi.JsonAsync(older);
        Assert.Equal("Montréal solidaire du Minnesota", kept.GetProperty("translations").GetProperty("fr").GetProperty("title").GetString());
        Assert.Equal(1, kept.GetProperty("consentVersion").GetInt32());
    }

    [Fact]
    public async Task The_public_campaign_in_french_falls_back_field_by_field_and_says_which_language_each_text_is_in()
    {
        var id = await CreateAsync(Bilingual());

        var french = await _public.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}?lang=fr");
        Assert.Equal("fr", french.GetProperty("language").GetString());
        Assert.Equal("Montréal solidaire du Minnesota", french.GetProperty("title").GetString());
        Assert.Equal("Send 5 to 10 seconds: who you are, where you work.", french.GetProperty("prompt").GetString());
        Assert.Equal("Clips from the rally", french.GetProperty("subtitle").GetString());
        Assert.Equal("J’accepte que ma vidéo soit utilisée.", french.GetProperty("consentText").GetString());
        var languages = french.GetProperty("textLanguages");
        Assert.Equal(
            ("fr", "en", "en", "fr", "fr"),
            (languages.GetProperty("title").GetString(), languages.GetProperty("subtitle").GetString(), languages.GetProperty("prompt").GetString(),
             languages.GetProperty("slogans").GetString(), languages.GetProperty("consentText").GetString()));
        Assert.Equal(["en", "fr"], french.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));

        // Accept-Language when the page names none; a language without texts gets the default's.
        using var accept = new HttpRequestMessage(HttpMethod.Get, $"/api/campaigns/{id}");
        accept.Headers.TryAddWithoutValidation("Accept-Language", "fr-CA,fr;q=0.9,en;q=0.8");
        using var byHeader = await _public.SendAsync(accept);
        Assert.Equal("Montréal solidaire du Minnesota", (await CampaignApi.JsonAsync(byHeader)).GetProperty("title").GetString());
        var spanish = await _public.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}?lang=es");
        Assert.Equal("Montreal stands with Minnesota", spanish.GetProperty("title").GetString());
        Assert.Equal("en", spanish.GetProperty("textLanguages").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_translation_over_its_limit_is_a_400_naming_the_language_and_field()
    {
        var body = Bilingual();
        body["translations"] = new Dictionary<string, object?> { ["es"] = new Dictionary<string, object?> { ["title"] = new string('t', 121) } };

        using var response = await CampaignApi.PutAsync(_organizer, CampaignApi.NewId("i18n"), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = await UploadApi.ProblemAsync(response);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("translations.es.title", out _));
    }

    [Fact]
    public async Task An_upload_with_consent_language_fr_is_recorded_and_shown_on_the_receipt()
    {
        var id = await CreateAsync(Bilingual());
        var body = UploadApi.ValidBody();
        body["language"] = "fr";
        body["consentLanguage"] = "fr";

        using var response = await UploadApi.PostAsync(_public, body, id);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ticket = await UploadApi.TicketAsync(response);

        using var receipt = await _public.SendAsync(UploadApi.Receipt(HttpMethod.Get, ticket.SubmissionId, ticket.ReceiptToken));
        var json = await CampaignApi.JsonAsync(receipt);
        Assert.Equal(id, json.GetProperty("campaignId").GetString());
        Assert.Equal("fr", json.GetProperty("consent").GetProperty("language").GetString());
        Assert.Equal(1, json.GetProperty("consent").GetProperty("version").GetInt32());

        // Spanish has no consent text of its own here: nobody was shown one.
        body["consentLanguage"] = "es";
        using var refused = await UploadApi.PostAsync(_public, body, id);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var problem = await UploadApi.ProblemAsync(refused);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("consentLanguage", out _));
    }

    [Fact]
    public async Task A_change_to_the_french_consent_text_refuses_uploads_that_agreed_to_the_previous_version_in_english_too()
    {
        var id = await CreateAsync(Bilingual());
        var changed = Bilingual();
        ((Dictionary<string, object?>)((Dictionary<string, object?>)changed["translations"]!)["fr"]!)["consentText"] = "J’accepte, et je peux retirer ma vidéo.";
        using var put = await CampaignApi.PutAsync(_organizer, id, changed);
        Assert.Equal(2, (await CampaignApi.JsonAsync(put)).GetProperty("consentVersion").GetInt32());

        foreach (var language in new[] { "en", "fr" })
        {
            var body = UploadApi.ValidBody();
            body["consentLanguage"] = language;
            body["consentVersion"] = 1;
            using var stale = await UploadApi.PostAsync(_public, body, id);
            Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
            using var problem = await UploadApi.ProblemAsync(stale);
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("consentVersion", out _));

            body["consentVersion"] = 2;
            using var current = await UploadApi.PostAsync(_public, body, id);
            Assert.Equal(HttpStatusCode.Created, current.StatusCode);
        }
    }
}
