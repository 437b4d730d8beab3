using Microsoft.Playwright;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Organizers;
using SolidarityFn.IntegrationTests.Signs;
using static Microsoft.Playwright.Assertions;
using static SolidarityFn.IntegrationTests.Browser.BrowserTestHelpers;
using static SolidarityFn.IntegrationTests.Browser.ReviewBrowser;

namespace SolidarityFn.IntegrationTests.Browser;

/// <summary>The organizers' Invitation panel on the review page and the campaign settings, in a real Chromium.</summary>
[Collection(ReviewBrowserCollection.Name)]
public sealed class InvitationPanelTests(StackFixture stack, ChromiumFixture chromium)
{
    [Fact]
    public async Task The_review_page_offers_the_poster_with_a_qr_code_of_the_upload_link_and_a_message_per_language_with_copy()
    {
        using var organizer = stack.CreateOrganizerClient();
        var id = CampaignApi.NewId("invite");
        var body = CampaignApi.Body();
        body["deadline"] = "2030-03-01T17:00:00Z";
        await CampaignApi.CreateAsync(organizer, id, body);
        var link = new Uri(stack.BaseAddress, "/c/" + id).ToString();

        await using var context = await chromium.NewLaptopContextAsync();
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = stack.BaseAddress.ToString().TrimEnd('/') });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(stack.BaseAddress, "/review/" + id).ToString());
        await SignInAsync(page, StackFixture.OrganizerKey);

        var panel = page.Locator("#invitation");
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Invitation" })).ToBeVisibleAsync();
        var english = panel.GetByLabel("Message in English");
        await Expect(english).ToHaveValueAsync($"Toronto stands with Minnesota\nSend a 2–12 second video or a photo: who you are, where you work, and your message.\n{link}\nDeadline: March 1, 2030, 17:00 UTC");
        await Expect(panel.GetByLabel("Message in Français")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Date limite : 1 mars 2030"));
        await Expect(panel.GetByLabel("Message in Español")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Fecha límite"));

        await panel.Locator("[data-lang=en]").GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
        await Expect(panel.Locator("[data-lang=en]").GetByText("Copied.")).ToBeVisibleAsync();
        Assert.Equal(await english.InputValueAsync(), await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await panel.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "invitation-review");

        await panel.GetByLabel("Paper").SelectOptionAsync("letter");
        var download = await page.RunAndWaitForDownloadAsync(() => panel.GetByRole(AriaRole.Button, new() { Name = "Download the poster (PDF)" }).ClickAsync());
        Assert.Equal($"invite-{id}-letter.pdf", download.SuggestedFilename);
        var pdf = Path.Combine(PdfTools.ShotsDirectory, "invitation-review-download.pdf");
        await download.SaveAsAsync(pdf);
        Assert.Equal((1, 612.0, 792.0), await PdfTools.InfoAsync(pdf));
        Assert.Equal(link, PdfTools.DecodeQr(await PdfTools.RenderAsync(pdf)));
        Assert.Contains("Deadline: March 1, 2030, 17:00 UTC", await PdfTools.TextAsync(pdf), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, "review page with the Invitation panel");
    }

    [Fact]
    public async Task The_campaign_settings_show_the_invitation_and_the_servers_upload_link()
    {
        using var organizer = stack.CreateOrganizerClient();
        var id = CampaignApi.NewId("invite");
        await CampaignApi.CreateAsync(organizer, id);

        await using var context = await chromium.NewLaptopContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(stack.BaseAddress, $"/review/{id}/settings").ToString());
        await SignInAsync(page, StackFixture.OrganizerKey);

        var panel = page.Locator("#invitation");
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Invitation" })).ToBeVisibleAsync();
        await Expect(panel.GetByLabel("Message in English")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/c/" + id));
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Upload link for contributors" })).ToHaveValueAsync(new Uri(stack.BaseAddress, "/c/" + id).ToString());
        await panel.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "invitation-settings");
        await Axe.AssertNoViolationsAsync(page, "settings page with the Invitation panel");
    }
}
