using System.Text.Json;
using Microsoft.Playwright;
using SkiaSharp;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Organizers;
using static Microsoft.Playwright.Assertions;
using static SolidarityFn.IntegrationTests.Browser.BrowserTestHelpers;
using static SolidarityFn.IntegrationTests.Browser.ReviewBrowser;

namespace SolidarityFn.IntegrationTests.Browser;

/// <summary>
/// The settings page's Logo part (issue 16) in a real Chromium against the DevHost and Azurite: a logo chosen with the
/// keyboard is stored and previewed, a file that is not an image is refused with the server's message in text, Remove
/// takes it away, the corner-mark checkbox is saved with the form, the Make-the-video panel says where the logo goes,
/// and axe-core finds nothing.
/// </summary>
[Collection(ReviewBrowserCollection.Name)]
public sealed class CampaignLogoPageTests(StackFixture stack, ChromiumFixture chromium)
{
    private readonly HttpClient _organizer = stack.CreateOrganizerClient();

    [Fact]
    public async Task A_logo_is_added_previewed_refused_in_text_when_not_an_image_removed_and_the_corner_mark_saved_with_the_form()
    {
        var id = CampaignApi.NewId("logo");
        await CampaignApi.CreateAsync(_organizer, id);
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "logo-page-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var png = Path.Combine(folder, "union-logo.png");
            using (var bitmap = new SKBitmap(300, 100))
            {
                bitmap.Erase(SKColors.Crimson);
                using var image = SKImage.FromBitmap(bitmap);
                await File.WriteAllBytesAsync(png, image.Encode(SKEncodedImageFormat.Png, 100).ToArray());
            }

            var text = Path.Combine(folder, "notes.png");
            await File.WriteAllTextAsync(text, "not a picture");

            await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            context.SetDefaultTimeout(30_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(stack.BaseAddress, $"/review/{id}/settings").ToString());
            await SignInAsync(page, StackFixture.OrganizerKey);
            await Expect(page.Locator("#logo-about")).ToHaveTextAsync("This campaign has no logo yet. It is shown above the title on the title and end cards.");

            // The file input has its label and is reached with the keyboard; the file goes at once.
            var input = page.GetByLabel("Add or replace the logo (PNG, JPEG or SVG, up to 2 MB)");
            await input.FocusAsync();
            await Expect(input).ToBeFocusedAsync();
            await input.SetInputFilesAsync(text);
            await Expect(page.Locator("#logo-status")).ToContainTextAsync("This file is not a logo we can use.");
            await Expect(page.Locator("#logo-status")).ToHaveAttributeAsync("role", "alert");

            await input.SetInputFilesAsync(png);
            await Expect(page.Locator("#logo-status")).ToHaveTextAsync("The logo is saved.");
            await Expect(page.Locator("#logo-about")).ToContainTextAsync("300×100 pixels");
            var preview = page.GetByRole(AriaRole.Img, new() { Name = "The campaign’s logo as stored" });
            await Expect(preview).ToBeVisibleAsync();
            Assert.True(await preview.EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 300"));
            await ScreenshotAsync(page, "logo-settings");
            await Axe.AssertNoViolationsAsync(page, "the settings page with a logo");

            // The corner mark is a look field saved with the form.
            var mark = page.GetByLabel("Also show the logo as a small mark in the top corner of every clip");
            await mark.FocusAsync();
            await page.Keyboard.PressAsync("Space");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.Locator("#save-message")).ToHaveTextAsync("Saved.");
            using (var saved = JsonDocument.Parse(await _organizer.GetStringAsync($"/api/campaigns/{id}/settings")))
            {
                Assert.True(saved.RootElement.GetProperty("look").GetProperty("logoOnClips").GetBoolean());
                Assert.True(saved.RootElement.GetProperty("hasLogo").GetBoolean());
            }

            // The Make-the-video panel says where the logo goes, with a link to these settings.
            var review = await context.NewPageAsync();
            await review.GotoAsync(new Uri(stack.BaseAddress, $"/review/{id}").ToString());
            await SignInAsync(review, StackFixture.OrganizerKey);
            await review.GetByRole(AriaRole.Button, new() { Name = "Make the video" }).ClickAsync();
            var panel = review.GetByRole(AriaRole.Region, new() { Name = "Make the video" });
            await Expect(panel.Locator("#make-logo-text")).ToHaveTextAsync("Logo: on the title and end cards, and as a small mark in the corner of each clip.");
            await Expect(panel.GetByRole(AriaRole.Link, new() { Name = "Change the logo in the campaign settings" })).ToHaveAttributeAsync("href", $"/review/{id}/settings");
            await ScreenshotAsync(review, "logo-make-panel");
            await Axe.AssertNoViolationsAsync(review, "the Make-the-video panel with its logo line");

            // Remove, with the keyboard: the logo is gone and focus returns to the file input.
            var remove = page.GetByRole(AriaRole.Button, new() { Name = "Remove the logo" });
            await remove.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#logo-status")).ToHaveTextAsync("The logo was removed.");
            await Expect(preview).ToBeHiddenAsync();
            await Expect(input).ToBeFocusedAsync();
            using (var after = JsonDocument.Parse(await _organizer.GetStringAsync($"/api/campaigns/{id}/settings")))
            {
                Assert.False(after.RootElement.GetProperty("hasLogo").GetBoolean());
            }

            await Axe.AssertNoViolationsAsync(page, "the settings page after removing the logo");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
