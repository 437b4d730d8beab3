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
/// Running a campaign from the pages, in a real Chromium against the DevHost and Azurite: the campaign list, the
/// settings page (create, edit, a stale save's conflict), the upload page's countdown and closed state, and axe-core
/// on each organizer and contributor page. Screenshots at 1280×800 (laptop) and 768×1024 (tablet) go to /tmp/shots.
/// </summary>
[Collection(ReviewBrowserCollection.Name)]
public sealed class CampaignDeskPageTests(StackFixture stack, ChromiumFixture chromium)
{
    private static readonly (string Name, int Width, int Height)[] Viewports = [("laptop", 1280, 800), ("tablet", 768, 1024)];

    private readonly HttpClient _organizer = stack.CreateOrganizerClient();

    private async Task<IBrowserContext> NewContextAsync(int width, int height, string locale = "en-US")
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

    private string Url(string path) => new Uri(stack.BaseAddress, path).ToString();

    private async Task<string> CreateAsync(string title, DateTimeOffset? deadline, bool isOpen = true)
    {
        var id = CampaignApi.NewId("desk");
        var body = CampaignApi.Body(title: title);
        body["deadline"] = deadline;
        body["isOpen"] = isOpen;
        await CampaignApi.CreateAsync(_organizer, id, body);
        return id;
    }

    [Fact]
    public async Task The_campaign_list_shows_each_campaign_with_counts_deadline_and_state_and_links_to_its_pages()
    {
        // Deadlines later than any other test's, so these two lead the list.
        var open = await CreateAsync("Desk list: Toronto stands with Minnesota", new DateTimeOffset(9998, 3, 1, 17, 0, 0, TimeSpan.Zero));
        var closed = await CreateAsync("Desk list: last year's call", new DateTimeOffset(9998, 2, 1, 17, 0, 0, TimeSpan.Zero), isOpen: false);

        foreach (var (name, width, height) in Viewports)
        {
            await using var context = await NewContextAsync(width, height);
            var page = await context.NewPageAsync();
            var recorder = PageRecorder.Attach(page);
            await page.GotoAsync(Url("/review"));
            await SignInAsync(page, StackFixture.OrganizerKey);

            var first = page.Locator(".campaign-card").First;
            await Expect(first).ToHaveAttributeAsync("data-id", open);
            await Expect(page.Locator(".campaign-card").Nth(1)).ToHaveAttributeAsync("data-id", closed);
            await Expect(first.Locator(".badge")).ToHaveTextAsync("Open");
            await Expect(page.Locator($".campaign-card[data-id='{closed}'] .badge")).ToHaveTextAsync("Closed");
            // 17:00 UTC is noon in Toronto (EST), the browser's zone here.
            await Expect(first.Locator(".campaign-card-deadline")).ToContainTextAsync("12:00");
            await Expect(first.Locator(".count-ready dd")).ToHaveTextAsync("0");
            await Expect(first.GetByRole(AriaRole.Link, new() { Name = "Desk list: Toronto stands with Minnesota", Exact = true })).ToHaveAttributeAsync("href", "/review/" + open);
            await Expect(first.GetByRole(AriaRole.Link, new() { Name = "Settings of Desk list: Toronto stands with Minnesota" })).ToHaveAttributeAsync("href", $"/review/{open}/settings");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New campaign" })).ToBeVisibleAsync();
            await ScreenshotAsync(page, $"campdesk-list-{name}");
            await Axe.AssertNoViolationsAsync(page, "the campaign list");
            Assert.Empty(Problems(recorder));
        }
    }

    [Fact]
    public async Task A_campaign_made_through_the_settings_page_has_an_upload_link_that_opens_its_form_with_a_countdown()
    {
        var id = CampaignApi.NewId("made");
        await using var context = await NewContextAsync(1280, 800);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = stack.BaseAddress.GetLeftPart(UriPartial.Authority) });
        var page = await context.NewPageAsync();
        var recorder = PageRecorder.Attach(page);
        await page.GotoAsync(Url("/review"));
        await SignInAsync(page, StackFixture.OrganizerKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "New campaign" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New campaign", Level = 1 })).ToBeVisibleAsync();

        // A wrong id is refused in the page, with the rule beside the field.
        await page.GetByLabel("Campaign id").FillAsync("Not A Slug");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Made in the page");
        await page.GetByLabel("What to send", new() { Exact = true }).FillAsync("Ten seconds: who you are and where you work.");
        await page.GetByLabel("Slogans (optional), one per line", new() { Exact = true }).FillAsync("Solidarity forever\nAn injury to one is an injury to all");
        await page.GetByLabel("Hashtags (optional)").FillAsync("#MPLS nohash");
        await page.GetByLabel("Consent text", new() { Exact = true }).FillAsync("I agree that my clip may be shown in the video.");
        var deadline = DateTimeOffset.UtcNow.AddDays(3).AddHours(2);
        var local = TimeZoneInfo.ConvertTime(deadline, TimeZoneInfo.FindSystemTimeZoneById("America/Toronto"));
        await page.GetByLabel("Deadline (optional), your local time").FillAsync(local.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create campaign" }).ClickAsync();
        await Expect(page.Locator("#campaignId-error")).ToContainTextAsync("lowercase letters");
        await Expect(page.GetByLabel("Campaign id")).ToBeFocusedAsync();

        // A hashtag without # is caught in the page as well, beside its field.
        await page.GetByLabel("Campaign id").FillAsync(id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create campaign" }).ClickAsync();
        await Expect(page.Locator("#hashtags-error")).ToContainTextAsync("A hashtag is #");
        await Expect(page.Locator("#hashtags-error")).ToContainTextAsync("nohash");
        await Expect(page.GetByLabel("Hashtags (optional)")).ToHaveAttributeAsync("aria-invalid", "true");

        // What only the server knows (a character the video's fonts cannot draw) comes back as its field error.
        await page.GetByLabel("Hashtags (optional)").FillAsync("#MPLS #Solidarité");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Made in the page \uE000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create campaign" }).ClickAsync();
        await Expect(page.Locator("#title-error")).ToHaveTextAsync("The character U+E000 cannot be drawn on the video: remove it.");
        await Expect(page.GetByLabel("Title", new() { Exact = true })).ToBeFocusedAsync();

        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Made in the page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create campaign" }).ClickAsync();
        await Expect(page.Locator("#save-message")).ToHaveTextAsync("Campaign created. Share its upload link below.");
        Assert.EndsWith($"/review/{id}/settings", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#consent-version")).ToContainTextAsync("Current consent version: 1");

        var link = await page.GetByRole(AriaRole.Textbox, new() { Name = "Upload link for contributors" }).InputValueAsync();
        Assert.Equal(Url("/c/" + id), link);
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        await Expect(page.Locator("#copy-status")).ToHaveTextAsync("Link copied.");
        Assert.Equal(link, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        // Stored as typed: the deadline in UTC, slogans one per line, the limits at their defaults.
        using var stored = JsonDocument.Parse(await _organizer.GetStringAsync($"/api/campaigns/{id}/settings"));
        var root = stored.RootElement;
        Assert.Equal(new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, local.Offset).ToUniversalTime(), root.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal(["Solidarity forever", "An injury to one is an injury to all"], root.GetProperty("slogans").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["#MPLS", "#Solidarité"], root.GetProperty("hashtags").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(30, root.GetProperty("retentionDays").GetInt32());
        Assert.Equal(500L * 1024 * 1024, root.GetProperty("limits").GetProperty("maxUploadBytes").GetInt64());

        foreach (var (name, width, height) in Viewports)
        {
            await page.SetViewportSizeAsync(width, height);
            await ScreenshotAsync(page, $"campdesk-settings-{name}");
        }

        await Axe.AssertNoViolationsAsync(page, "the settings page");

        // The link works: the form is there, with the deadline as a countdown.
        var upload = await context.NewPageAsync();
        await upload.GotoAsync(link);
        await Expect(upload.GetByRole(AriaRole.Heading, new() { Name = "Made in the page" })).ToBeVisibleAsync();
        await Expect(upload.Locator("#upload-form")).ToBeVisibleAsync();
        await Expect(upload.Locator("#campaign-deadline")).ToContainTextAsync("Closes in 3 days");
        foreach (var (name, width, height) in Viewports)
        {
            await upload.SetViewportSizeAsync(width, height);
            await ScreenshotAsync(upload, $"campdesk-upload-countdown-{name}");
        }

        await Axe.AssertNoViolationsAsync(upload, "the upload page");
        Assert.DoesNotContain(Problems(recorder), m => !m.Contains("status of 400", StringComparison.Ordinal));   // the 400 was the hashtag's
    }

    [Fact]
    public async Task The_settings_page_says_what_to_fix_in_the_organizers_language_before_anything_is_sent()
    {
        var id = CampaignApi.NewId("fixfr");
        await using var context = await NewContextAsync(1280, 800, "fr-CA");
        var page = await context.NewPageAsync();
        var recorder = PageRecorder.Attach(page);
        var saves = 0;
        page.Request += (_, request) => saves += request.Method == "PUT" && request.Url.Contains("/api/campaigns/", StringComparison.Ordinal) ? 1 : 0;
        await page.GotoAsync(Url("/review/campaigns/new"));
        await SignInAsync(page, StackFixture.OrganizerKey, "Clé d’organisateur", "Se connecter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nouvelle campagne", Level = 1 })).ToBeVisibleAsync();

        // No title, a hashtag without #, a retention of 0 days, the shortest clip longer than the longest.
        await page.GetByLabel("Identifiant de la campagne").FillAsync(id);
        await page.GetByLabel("Mots-clics (facultatif)").FillAsync("#MPLS solidarité");
        await page.Locator("#retentionDays").FillAsync("0");
        await page.Locator("#minClipSeconds").FillAsync("12");
        await page.Locator("#maxClipSeconds").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la campagne" }).ClickAsync();

        await Expect(page.Locator("#title-error")).ToHaveTextAsync("Ce texte est obligatoire.");
        await Expect(page.Locator("#prompt-error")).ToHaveTextAsync("Ce texte est obligatoire.");
        await Expect(page.Locator("#hashtags-error")).ToHaveTextAsync("Un mot-clic est un # suivi de 1 à 60 lettres, chiffres ou _ (sans espace ni ponctuation) : solidarité");
        await Expect(page.Locator("#retentionDays-error")).ToHaveTextAsync("Un nombre de 1 à 365.");
        await Expect(page.Locator("#minClipSeconds-error")).ToHaveTextAsync("Le clip le plus court doit durer moins que le plus long.");
        await Expect(page.Locator("#save-message")).ToContainTextAsync("Des champs sont à corriger");
        await Expect(page.Locator("#title")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#title")).ToBeFocusedAsync();
        Assert.Equal(0, saves);
        await ScreenshotAsync(page, "campdesk-local-errors-fr");
        Assert.Empty(Problems(recorder));
    }

    [Theory]
    [InlineData("/review")]
    [InlineData("/review/{campaign}")]
    public async Task A_key_kept_from_before_that_no_longer_works_is_dropped_and_the_page_says_so_then_signing_in_works(string path)
    {
        // Both organizer page kinds share one sign-in form: the campaign list (organizer-session.js) and the review page.
        var campaign = await CreateAsync("Desk key: stale key", null);
        await using var context = await NewContextAsync(1280, 800);
        await context.AddInitScriptAsync("if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1'); sessionStorage.setItem('solidarity.organizerKey', 'a-key-that-was-changed-since-0000'); }");
        var page = await context.NewPageAsync();
        var recorder = PageRecorder.Attach(page);
        await page.GotoAsync(Url(path.Replace("{campaign}", campaign, StringComparison.Ordinal)));

        await Expect(page.Locator("#sign-in-notice")).ToHaveTextAsync("Your key is no longer accepted (it may have been changed). Sign in again.");
        await Expect(page.GetByLabel("Organizer key")).ToBeFocusedAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('solidarity.organizerKey')"));

        // An empty key is refused in the page; typing clears the error; the right key opens the page and is kept.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator("#organizer-key-error")).ToHaveTextAsync("Enter the organizer key.");
        await page.GetByLabel("Organizer key").PressSequentiallyAsync("x");
        await Expect(page.Locator("#organizer-key-error")).ToBeHiddenAsync();
        await page.GetByLabel("Organizer key").FillAsync(StackFixture.OrganizerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Expect(page.Locator("#sign-in")).ToBeHiddenAsync();
        Assert.Equal(StackFixture.OrganizerKey, await page.EvaluateAsync<string?>("() => sessionStorage.getItem('solidarity.organizerKey')"));
        Assert.Empty(Problems(recorder));
    }

    [Fact]
    public async Task A_stale_save_shows_what_changed_meanwhile_instead_of_overwriting_and_keep_mine_saves_over_it()
    {
        var id = await CreateAsync("Conflict: the first title", null);
        await using var context = await NewContextAsync(1280, 800);
        var first = await context.NewPageAsync();
        var second = await context.NewPageAsync();
        foreach (var page in new[] { first, second })
        {
            await page.GotoAsync(Url($"/review/{id}/settings"));
            await SignInAsync(page, StackFixture.OrganizerKey);
            await Expect(page.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync("Conflict: the first title");
        }

        await first.GetByLabel("Title", new() { Exact = true }).FillAsync("Conflict: saved in the other tab");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(first.Locator("#save-message")).ToHaveTextAsync("Saved.");

        await second.GetByLabel("What to send", new() { Exact = true }).FillAsync("My own prompt, typed in the stale tab.");
        await second.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var conflict = second.GetByRole(AriaRole.Region, new() { Name = "Someone else changed this campaign meanwhile" });
        await Expect(conflict).ToBeVisibleAsync();
        await Expect(conflict).ToBeFocusedAsync();
        await Expect(conflict.Locator("tr[data-field='title'] td")).ToHaveTextAsync(["Conflict: the first title", "Conflict: saved in the other tab"]);
        await Expect(conflict.Locator("tr[data-field='prompt'] td")).ToHaveTextAsync(["My own prompt, typed in the stale tab.", "Send 5 to 10 seconds: who you are, where you work."]);
        await Expect(conflict.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(conflict.Locator("tr[data-field='title'] th")).ToContainTextAsync("You did not change this");
        await Expect(conflict.Locator("tr[data-field='prompt'] th")).Not.ToContainTextAsync("You did not change this");

        // Nothing was overwritten.
        using (var meanwhile = JsonDocument.Parse(await _organizer.GetStringAsync($"/api/campaigns/{id}/settings")))
        {
            Assert.Equal("Conflict: saved in the other tab", meanwhile.RootElement.GetProperty("title").GetString());
            Assert.Equal("Send 5 to 10 seconds: who you are, where you work.", meanwhile.RootElement.GetProperty("prompt").GetString());
        }

        foreach (var (name, width, height) in Viewports)
        {
            await second.SetViewportSizeAsync(width, height);
            await ScreenshotAsync(second, $"campdesk-conflict-{name}");
        }

        await Axe.AssertNoViolationsAsync(second, "the settings page with a conflict");

        await conflict.GetByRole(AriaRole.Button, new() { Name = "Keep mine" }).ClickAsync();
        await Expect(second.Locator("#save-message")).ToHaveTextAsync("Saved.");
        await Expect(conflict).ToBeHiddenAsync();
        using var after = JsonDocument.Parse(await _organizer.GetStringAsync($"/api/campaigns/{id}/settings"));
        Assert.Equal("Conflict: the first title", after.RootElement.GetProperty("title").GetString());
        Assert.Equal("My own prompt, typed in the stale tab.", after.RootElement.GetProperty("prompt").GetString());

        // Take theirs, the other way round: the form shows the saved version and nothing is sent.
        await first.GetByLabel("Subtitle (optional)", new() { Exact = true }).FillAsync("A subtitle nobody will save");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var firstConflict = first.GetByRole(AriaRole.Region, new() { Name = "Someone else changed this campaign meanwhile" });
        await firstConflict.GetByRole(AriaRole.Button, new() { Name = "Take theirs" }).ClickAsync();
        await Expect(first.GetByLabel("What to send", new() { Exact = true })).ToHaveValueAsync("My own prompt, typed in the stale tab.");
        await Expect(first.GetByLabel("Subtitle (optional)", new() { Exact = true })).ToHaveValueAsync("Clips from the rally");
        await Expect(firstConflict).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_closed_campaign_or_one_past_its_deadline_has_no_form_and_the_countdown_speaks_the_contributors_language()
    {
        var closedByHand = await CreateAsync("Closed by hand", DateTimeOffset.UtcNow.AddDays(5), isOpen: false);
        var pastDeadline = await CreateAsync("Past its deadline", DateTimeOffset.UtcNow.AddMinutes(-5));
        var lastHours = await CreateAsync("Last hours", DateTimeOffset.UtcNow.AddHours(5).AddMinutes(30));

        foreach (var (name, width, height) in Viewports)
        {
            await using var context = await NewContextAsync(width, height);
            var page = await context.NewPageAsync();
            foreach (var id in new[] { closedByHand, pastDeadline })
            {
                await page.GotoAsync(Url("/c/" + id));
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This call is closed" })).ToBeVisibleAsync();
                await Expect(page.Locator("#upload-form")).ToBeHiddenAsync();
                await Expect(page.Locator("#campaign-deadline")).ToBeHiddenAsync();
                await Expect(page.Locator("#campaign-prompt")).ToBeHiddenAsync();
                Assert.Equal(0, await page.Locator("input:visible, textarea:visible, button[type=submit]:visible").CountAsync());
            }

            await ScreenshotAsync(page, $"campdesk-closed-{name}");
            await Axe.AssertNoViolationsAsync(page, "the closed upload page");
        }

        await using var french = await NewContextAsync(768, 1024, "fr-CA");
        var fr = await french.NewPageAsync();
        await fr.GotoAsync(Url("/c/" + lastHours));
        await Expect(fr.Locator("#campaign-deadline")).ToContainTextAsync(new Regex("^Fermeture dans 5 heures"));
        await Expect(fr.Locator("#upload-form")).ToBeVisibleAsync();

        await using var spanish = await NewContextAsync(768, 1024, "es-MX");
        var es = await spanish.NewPageAsync();
        await es.GotoAsync(Url("/c/" + lastHours));
        await Expect(es.Locator("#campaign-deadline")).ToContainTextAsync(new Regex("^Cierra dentro de 5 horas"));
    }

    [Fact]
    public async Task The_review_page_and_the_receipt_page_have_no_axe_violations()
    {
        var id = await ReviewSeed.CampaignAsync(stack);
        await using var context = await NewContextAsync(1280, 800);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/review/" + id));
        await Axe.AssertNoViolationsAsync(page, "the review page's sign-in");
        await SignInAsync(page, StackFixture.OrganizerKey);
        await Expect(page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^To review") })).ToBeVisibleAsync();
        await Expect(page.Locator("#list-empty")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToHaveAttributeAsync("href", $"/review/{id}/settings");
        await Axe.AssertNoViolationsAsync(page, "the review page");

        using var contributor = stack.CreateClient();
        var ticket = await UploadApi.IssueAsync(contributor);
        var receipt = await context.NewPageAsync();
        await receipt.GotoAsync(new Uri(stack.BaseAddress, ticket.ReceiptUrl).ToString());
        await Expect(receipt.GetByRole(AriaRole.Button, new() { Name = "Withdraw my submission" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(receipt, "the receipt page");
    }
}
