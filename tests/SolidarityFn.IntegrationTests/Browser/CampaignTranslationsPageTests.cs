using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Organizers;
using static Microsoft.Playwright.Assertions;
using static SolidarityFn.IntegrationTests.Browser.BrowserTestHelpers;
using static SolidarityFn.IntegrationTests.Browser.ReviewBrowser;

namespace SolidarityFn.IntegrationTests.Browser;

/// <summary>
/// Campaign texts per language in a real Chromium (issue 13): the settings page edits them side by side, the upload
/// and receipt pages show the contributor's language and mark the default language's fallback with lang.
/// Screenshots in /tmp/shots/i18n-*.
/// </summary>
[Collection(ReviewBrowserCollection.Name)]
public sealed class CampaignTranslationsPageTests(StackFixture stack, ChromiumFixture chromium)
{
    private readonly HttpClient _organizer = stack.CreateOrganizerClient();

    private string Url(string path) => new Uri(stack.BaseAddress, path).ToString();

    private async Task<IBrowserContext> NewContextAsync(int width, int height, string locale)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            TimezoneId = "America/Toronto",
        });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    [Fact]
    public async Task The_french_title_typed_beside_the_english_one_is_what_the_french_upload_page_shows_with_english_fallbacks_marked()
    {
        var id = CampaignApi.NewId("i18n");
        await CampaignApi.CreateAsync(_organizer, id, CampaignApi.Body(title: "Montreal stands with Minnesota"));

        await using var organizer = await NewContextAsync(1280, 800, "en-US");
        var settings = await organizer.NewPageAsync();
        var recorder = PageRecorder.Attach(settings);
        await settings.GotoAsync(Url($"/review/{id}/settings"));
        await SignInAsync(settings, StackFixture.OrganizerKey);

        // Side by side: the default language first and marked, each language's fields labelled with it.
        var columns = settings.Locator(".texts-column");
        await Expect(columns).ToHaveCountAsync(3);
        await Expect(columns.Nth(0)).ToHaveAttributeAsync("data-lang", "en");
        await Expect(columns.Nth(0).Locator(".texts-default")).ToHaveTextAsync("default");
        var frenchTitle = settings.GetByRole(AriaRole.Group, new() { Name = "Français" }).GetByRole(AriaRole.Textbox, new() { Name = "Title (Français)" });
        await Expect(frenchTitle).ToHaveAttributeAsync("lang", "fr");
        await Expect(settings.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync("Montreal stands with Minnesota");

        // Keyboard: Tab goes down the English column (title, subtitle, prompt, slogans, consent, end card), then to the French title.
        await settings.GetByLabel("Title", new() { Exact = true }).FocusAsync();
        for (var i = 0; i < 6; i++)
        {
            await settings.Keyboard.PressAsync("Tab");
        }

        await Expect(frenchTitle).ToBeFocusedAsync();
        await settings.Keyboard.TypeAsync("Montréal solidaire du Minnesota");
        await settings.Locator("#consentText-fr").FillAsync("J’accepte que ma vidéo soit utilisée dans la vidéo publique.");
        await settings.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(settings.Locator("#save-message")).ToHaveTextAsync("Saved.");
        // A French consent text is a new consent text: the version moves on.
        await Expect(settings.Locator("#consent-version")).ToContainTextAsync("Current consent version: 2");
        // The Invitation panel's chat messages are read again after the save: the French one names the French title.
        await Expect(settings.Locator("#invite-message-fr")).ToHaveValueAsync(new Regex("^Montréal solidaire du Minnesota\n"));
        await Expect(settings.Locator("#invite-message-en")).ToHaveValueAsync(new Regex("^Montreal stands with Minnesota\n"));

        using (var stored = JsonDocument.Parse(await _organizer.GetStringAsync($"/api/campaigns/{id}/settings")))
        {
            var french = stored.RootElement.GetProperty("translations").GetProperty("fr");
            Assert.Equal("Montréal solidaire du Minnesota", french.GetProperty("title").GetString());
            Assert.False(french.TryGetProperty("prompt", out _));
            Assert.Equal("Montreal stands with Minnesota", stored.RootElement.GetProperty("title").GetString());
        }

        foreach (var (name, width, height) in new[] { ("laptop", 1280, 800), ("tablet", 768, 1024) })
        {
            await settings.SetViewportSizeAsync(width, height);
            await ScreenshotAsync(settings, $"i18n-settings-{name}");
        }

        await Axe.AssertNoViolationsAsync(settings, "the settings page with its language columns");

        // Choosing French as the default moves its column first, with what was typed; nothing is saved until Save.
        await settings.GetByLabel("Default language").SelectOptionAsync("fr");
        await Expect(columns.Nth(0)).ToHaveAttributeAsync("data-lang", "fr");
        await Expect(settings.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync("Montréal solidaire du Minnesota");
        await Expect(settings.Locator("#title-en")).ToHaveValueAsync("Montreal stands with Minnesota");
        await settings.GetByLabel("Default language").SelectOptionAsync("en");
        Assert.Empty(Problems(recorder));

        // The contributor's page in French: the French title, the English prompt (no French one) marked as English.
        await using var contributor = await NewContextAsync(768, 1024, "fr-CA");
        var upload = await contributor.NewPageAsync();
        await upload.GotoAsync(Url("/c/" + id));
        var title = upload.GetByRole(AriaRole.Heading, new() { Name = "Montréal solidaire du Minnesota", Level = 1 });
        await Expect(title).ToHaveAttributeAsync("lang", "fr");
        await Expect(upload.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(upload.Locator("#campaign-prompt")).ToHaveTextAsync("Send 5 to 10 seconds: who you are, where you work.");
        await Expect(upload.Locator("#campaign-prompt")).ToHaveAttributeAsync("lang", "en");
        await Expect(upload.Locator("#consent-text")).ToHaveTextAsync("J’accepte que ma vidéo soit utilisée dans la vidéo publique.");
        await Expect(upload.Locator("#consent-text")).ToHaveAttributeAsync("lang", "fr");
        await ScreenshotAsync(upload, "i18n-upload-fr-tablet");
        await upload.SetViewportSizeAsync(1280, 800);
        await ScreenshotAsync(upload, "i18n-upload-fr-laptop");
        await Axe.AssertNoViolationsAsync(upload, "the French upload page");

        // Switching the page to English shows the English texts, and a consent ticked under the French text is untied.
        await upload.GetByLabel("J’accepte").CheckAsync();
        await upload.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(upload.GetByRole(AriaRole.Heading, new() { Name = "Montreal stands with Minnesota", Level = 1 })).ToHaveAttributeAsync("lang", "en");
        await Expect(upload.Locator("#consent-text")).ToHaveTextAsync("I agree that my clip may be used.");
        await Expect(upload.GetByLabel("I agree")).Not.ToBeCheckedAsync();

        // Back in French, the page sends the language of the consent text it showed (the request is stopped here:
        // what reaches the server is the API tests' business).
        await upload.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        await Expect(upload.Locator("#consent-text")).ToHaveAttributeAsync("lang", "fr");
        await upload.GetByLabel("Syndicat ou section locale", new() { Exact = true }).FillAsync("CSN");
        await upload.GetByLabel("Secteur ou lieu de travail", new() { Exact = true }).FillAsync("Santé");
        await upload.GetByLabel("Ville", new() { Exact = true }).FillAsync("Montréal");
        await upload.GetByLabel("J’accepte", new() { Exact = true }).CheckAsync();
        await upload.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "clip.mp4", MimeType = "video/mp4", Buffer = new byte[2048] });
        var sent = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await upload.RouteAsync("**/api/campaigns/*/uploads", async route =>
        {
            sent.TrySetResult(route.Request.PostData ?? "{}");
            await route.AbortAsync();
        });
        await upload.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon clip" }).ClickAsync();
        using var body = JsonDocument.Parse(await sent.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(("fr", "fr", 2), (body.RootElement.GetProperty("consentLanguage").GetString(), body.RootElement.GetProperty("language").GetString(), body.RootElement.GetProperty("consentVersion").GetInt32()));
    }

    [Fact]
    public async Task The_receipt_names_the_campaign_in_the_contributors_language_and_the_consent_language_agreed_to()
    {
        var id = CampaignApi.NewId("i18n");
        var body = CampaignApi.Body(title: "Montreal stands with Minnesota");
        body["translations"] = new Dictionary<string, object?>
        {
            ["fr"] = new Dictionary<string, object?> { ["title"] = "Montréal solidaire", ["consentText"] = "J’accepte." },
        };
        await CampaignApi.CreateAsync(_organizer, id, body);
        using var contributor = stack.CreateClient();
        var upload = UploadApi.ValidBody();
        upload["consentLanguage"] = "fr";
        using var response = await UploadApi.PostAsync(contributor, upload, id);
        var ticket = await UploadApi.TicketAsync(response);

        await using var context = await NewContextAsync(768, 1024, "fr-FR");
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(stack.BaseAddress, ticket.ReceiptUrl).ToString());
        await Expect(page.Locator("#receipt-campaign-title")).ToHaveTextAsync("Montréal solidaire");
        await Expect(page.Locator("#receipt-campaign-title")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.Locator("#consent-line")).ToContainTextAsync("version 1 du texte de consentement, en français");
        await ScreenshotAsync(page, "i18n-receipt-fr-tablet");
        await Axe.AssertNoViolationsAsync(page, "the French receipt page");
    }
}
