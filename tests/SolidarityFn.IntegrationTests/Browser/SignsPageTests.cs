using Microsoft.Playwright;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Signs;
using SolidarityFn.Pipeline.Campaigns;
using static Microsoft.Playwright.Assertions;
using static SolidarityFn.IntegrationTests.Browser.BrowserTestHelpers;

namespace SolidarityFn.IntegrationTests.Browser;

/// <summary>The signs page in a real Chromium on a phone: from the upload page's "Print a sign" to a downloaded PDF.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignsPageTests(BrowserStackFixture stack, ChromiumFixture chromium)
{
    [Fact]
    public async Task Print_a_sign_from_the_upload_page_opens_the_signs_page_with_the_blank_prefilled_and_downloads_the_pdf()
    {
        await using var context = await chromium.NewPhoneContextAsync("fr-CA");
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(stack.BaseAddress, "/c/" + DefaultCampaign.Id).ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).TapAsync();
        await page.GetByLabel("Sector or workplace").FillAsync("teachers");
        await page.GetByLabel("City").FillAsync("Toronto");

        var popup = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Print a sign" }).TapAsync());
        await Expect(popup.GetByRole(AriaRole.Heading, new() { Name = "Print a sign", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith($"/c/{DefaultCampaign.Id}/signs", popup.Url, StringComparison.Ordinal);

        // The first slogan with a blank is chosen, its blank prefilled from the upload page; fr-CA prints on Letter.
        await Expect(popup.GetByLabel("ICE out of MN: Solidarity from ____")).ToBeCheckedAsync();
        await Expect(popup.GetByLabel("Fills the blank (____)")).ToHaveValueAsync("Toronto teachers");
        await Expect(popup.GetByLabel("US Letter")).ToBeCheckedAsync();
        await ScreenshotAsync(popup, "signs-page");

        var download = await popup.RunAndWaitForDownloadAsync(() => popup.GetByRole(AriaRole.Button, new() { Name = "Download PDF" }).TapAsync());
        Assert.Equal($"sign-{DefaultCampaign.Id}-2-letter.pdf", download.SuggestedFilename);
        var pdf = Path.Combine(PdfTools.ShotsDirectory, "signs-page-download.pdf");
        Directory.CreateDirectory(PdfTools.ShotsDirectory);
        await download.SaveAsAsync(pdf);
        Assert.Equal("ICE out of MN: Solidarity from Toronto teachers #AbolishICE #MPLS", await PdfTools.TextAsync(pdf));
        Assert.Equal((1, 792.0, 612.0), await PdfTools.InfoAsync(pdf));
        await Expect(popup.GetByText("Your sign is downloaded.", new() { Exact = false })).ToBeVisibleAsync();

        // A slogan without a blank hides the field; a character the font lacks is shown under the field.
        await popup.GetByLabel("We support Minnesota workers!").CheckAsync();
        await Expect(popup.GetByLabel("Fills the blank (____)")).ToBeHiddenAsync();
        await popup.GetByLabel("ICE out of MN: Solidarity from ____").CheckAsync();
        await popup.GetByLabel("Fills the blank (____)").FillAsync("བོད");
        await popup.GetByRole(AriaRole.Button, new() { Name = "Download PDF" }).TapAsync();
        await Expect(popup.Locator("#from-error")).ToContainTextAsync("U+0F56");
        await ScreenshotAsync(popup, "signs-page-error");
        await Axe.AssertNoViolationsAsync(popup, "signs page");
    }
}
