using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Playwright;
using SolidarityFn.Pipeline.Campaigns;
using static Microsoft.Playwright.Assertions;
using static SolidarityFn.IntegrationTests.Browser.BrowserTestHelpers;

namespace SolidarityFn.IntegrationTests.Browser;

/// <summary>
/// The contributor's pages in a real Chromium on a phone-sized screen, against the real DevHost and Azurite:
/// no mocks. Uploads go straight from the page to blob storage with the SAS the API hands out.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UploadPageTests(BrowserStackFixture stack, ChromiumFixture chromium, TestClipFixture clip)
{
    private const string CampaignId = DefaultCampaign.Id;

    private string CampaignUrl => new Uri(stack.BaseAddress, "/c/" + CampaignId).ToString();

    private int ExpectedBlocks => (int)((clip.Length + BrowserStackFixture.BlockSizeBytes - 1) / BrowserStackFixture.BlockSizeBytes);

    [Fact]
    public async Task Contributor_on_a_phone_uploads_a_clip_and_gets_a_receipt()
    {
        Assert.True(ExpectedBlocks >= 3, $"the test clip should need several blocks, not {ExpectedBlocks}");
        await using var context = await chromium.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        var recorder = PageRecorder.Attach(page);

        await page.GotoAsync(CampaignUrl);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Workers across Canada stand with Minnesota", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Solidarity from coast to coast")).ToBeVisibleAsync();
        await Expect(page.GetByText("#AbolishICE")).ToBeVisibleAsync();
        await Expect(page.GetByText("I can withdraw at any time with my receipt link", new() { Exact = false })).ToBeVisibleAsync();

        await FillFormAsync(page, clip.FilePath);

        // The slogan went into the caption with the typed city in its blank, and the counter follows it.
        var caption = page.GetByLabel("Caption", new() { Exact = true });
        await Expect(caption).ToHaveValueAsync("ICE out of MN: Solidarity from Toronto");
        await Expect(page.Locator("#caption-counter")).ToHaveTextAsync("38 / 300 characters");
        await caption.FillAsync("ICE out of MN: Solidarity from Toronto teachers!");
        await Expect(page.Locator("#caption-counter")).ToHaveTextAsync("48 / 300 characters");
        await Expect(page.GetByText("Selected: clip.mp4")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "upload-filled");

        // Record every value the progress bar takes, to prove it moves with the bytes rather than jumping to the end.
        await page.EvaluateAsync("""
            () => {
              window.__progressValues = [];
              const bar = document.getElementById('progress');
              new MutationObserver(() => window.__progressValues.push(Number(bar.value)))
                .observe(bar, { attributes: true, attributeFilter: ['value'] });
            }
            """);

        await page.GetByRole(AriaRole.Button, new() { Name = "Send my clip" }).TapAsync();

        var receiptLink = page.Locator("#receipt-link");
        await Expect(receiptLink).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("#progress")).ToHaveAttributeAsync("value", "100");
        await Expect(page.Locator("#progress-text")).ToHaveTextAsync("100%");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you!" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy link" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Keep this link private", new() { Exact = false })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "upload-done");

        var progressValues = await page.EvaluateAsync<int[]>("() => window.__progressValues");
        Assert.Equal(100, progressValues[^1]);
        Assert.Contains(progressValues, v => v is > 0 and < 100);
        Assert.Equal(progressValues.Order(), progressValues); // never goes backwards

        var receiptUrl = await receiptLink.GetAttributeAsync("href") ?? throw new InvalidOperationException("no href");
        Assert.Equal(receiptUrl, await receiptLink.TextContentAsync());
        Assert.Equal(receiptUrl, await page.GetByRole(AriaRole.Link, new() { Name = "Open my receipt" }).GetAttributeAsync("href"));
        var (submissionId, token) = ParseReceiptUrl(receiptUrl);

        // The bytes in storage are the bytes on the phone.
        var blob = stack.Blobs.GetBlobContainerClient("uploads").GetBlobClient($"{CampaignId}/{submissionId}");
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(clip.Length, properties.ContentLength);
        Assert.Equal("video/mp4", properties.ContentType);
        Assert.Equal(clip.Sha256, await Sha256Async(blob));

        // The blocks went up once each, in the block size the API chose, and were committed once.
        var blocks = recorder.PutBlocksById();
        Assert.Equal(ExpectedBlocks, blocks.Count);
        Assert.All(Enumerable.Range(0, ExpectedBlocks), i => Assert.Equal(1, blocks.GetValueOrDefault(BlockIdFor(i))));
        Assert.Single(recorder.Requests, r => r.Method == "PUT" && PageRecorder.BlobComp(r.Url) == "blocklist");
        Assert.Equal(1, recorder.UploadRequests);

        // What the contributor typed is what the submission holds.
        var row = (await stack.Tables.GetTableClient("Submissions").GetEntityAsync<TableEntity>(CampaignId, submissionId)).Value;
        Assert.Equal("Amira K.", row.GetString("DisplayName"));
        Assert.Equal("CUPE Local 3903", row.GetString("Union"));
        Assert.Equal("Education workers", row.GetString("Sector"));
        Assert.Equal("Toronto", row.GetString("City"));
        Assert.Equal("ICE out of MN: Solidarity from Toronto teachers!", row.GetString("Caption"));
        Assert.Equal("en", row.GetString("Language"));

        // The receipt: status in words, then withdraw with a confirm step.
        await page.GotoAsync(receiptUrl);
        await Expect(page.Locator("#status-label")).ToHaveTextAsync("Uploaded");
        await Expect(page.GetByText("Your file arrived safely", new() { Exact = false })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "receipt-uploaded");

        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw my submission" }).TapAsync();
        await Expect(page.GetByText("This cannot be undone", new() { Exact = false })).ToBeVisibleAsync();
        Assert.True(await blob.ExistsAsync(), "nothing may be deleted before the contributor confirms");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, withdraw and delete" }).TapAsync();
        await Expect(page.Locator("#withdrawn-done")).ToHaveTextAsync("Withdrawn: your media has been deleted.");
        await Expect(page.Locator("#status-label")).ToHaveTextAsync("Withdrawn");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Withdraw my submission" })).ToBeHiddenAsync();
        await ScreenshotAsync(page, "receipt-withdrawn");

        Assert.False(await blob.ExistsAsync(), "withdrawing deletes the upload");
        row = (await stack.Tables.GetTableClient("Submissions").GetEntityAsync<TableEntity>(CampaignId, submissionId)).Value;
        Assert.Equal("Withdrawn", row.GetString("Status"));

        // The token travelled only in the X-Receipt-Token header: never in a URL, never in the console.
        Assert.DoesNotContain(recorder.Requests, r => r.Url.Contains(token, StringComparison.Ordinal));
        var receiptCalls = recorder.Requests.Where(r => r.Url.Contains("/api/submissions/" + submissionId, StringComparison.Ordinal)).ToList();
        Assert.Contains(receiptCalls, r => r.Method == "GET");
        Assert.Contains(receiptCalls, r => r.Method == "DELETE");
        foreach (var call in receiptCalls)
        {
            Assert.Equal(token, await call.HeaderValueAsync("x-receipt-token"));
        }

        Assert.DoesNotContain(recorder.Console, m => m.Contains(token, StringComparison.Ordinal) || m.Contains("sig=", StringComparison.Ordinal));
        Assert.DoesNotContain(recorder.Console, m => m.StartsWith("error", StringComparison.Ordinal) || m.StartsWith("pageerror", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_survives_a_dropped_connection_without_resending_finished_blocks()
    {
        await using var context = await chromium.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        var recorder = PageRecorder.Attach(page);

        // Every Put Block attempt goes through here; the first attempt of the second block dies on the wire.
        var attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var secondBlock = BlockIdFor(1);
        await page.RouteAsync(
            url => PageRecorder.BlobComp(url) == "block",
            async route =>
            {
                if (route.Request.Method != "PUT")
                {
                    await route.ContinueAsync();
                    return;
                }

                var id = PageRecorder.BlockId(route.Request.Url) ?? "";
                var attempt = attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
                if (id == secondBlock && attempt == 1)
                {
                    await route.AbortAsync("connectionreset");
                    return;
                }

                await route.ContinueAsync();
            });

        await page.GotoAsync(CampaignUrl);
        await FillFormAsync(page, clip.FilePath);
        await page.EvaluateAsync("""
            () => {
              window.__states = [];
              const el = document.getElementById('progress-state');
              new MutationObserver(() => window.__states.push(el.textContent))
                .observe(el, { childList: true, characterData: true, subtree: true });
            }
            """);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my clip" }).TapAsync();

        var receiptLink = page.Locator("#receipt-link");
        await Expect(receiptLink).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("#progress-text")).ToHaveTextAsync("100%");

        // The person was told what was going on while it waited to retry.
        var states = await page.EvaluateAsync<string[]>("() => window.__states");
        Assert.Contains(states, s => s.StartsWith("Connection problem. Trying again in", StringComparison.Ordinal));

        // The second block took two attempts; every other block, the first included, exactly one.
        Assert.Equal(2, attempts.GetValueOrDefault(secondBlock));
        Assert.Equal(1, attempts.GetValueOrDefault(BlockIdFor(0)));
        Assert.Equal(ExpectedBlocks, attempts.Count);
        Assert.All(Enumerable.Range(0, ExpectedBlocks).Where(i => i != 1), i => Assert.Equal(1, attempts[BlockIdFor(i)]));
        Assert.Equal(attempts.OrderBy(a => a.Key), recorder.PutBlocksById().OrderBy(a => a.Key));

        // Nothing was lost or doubled: the committed blob is the file.
        var (submissionId, _) = ParseReceiptUrl(await receiptLink.GetAttributeAsync("href") ?? "");
        var blob = stack.Blobs.GetBlobContainerClient("uploads").GetBlobClient($"{CampaignId}/{submissionId}");
        Assert.Equal(clip.Length, (await blob.GetPropertiesAsync()).Value.ContentLength);
        Assert.Equal(clip.Sha256, await Sha256Async(blob));
        Assert.Equal(1, recorder.UploadRequests);
    }

    [Fact]
    public async Task Missing_fields_and_a_disallowed_file_are_refused_in_the_page_before_any_upload_request()
    {
        await using var context = await chromium.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        var recorder = PageRecorder.Attach(page);
        await page.GotoAsync(CampaignUrl);

        // No union, no consent.
        await page.GetByLabel("Sector or workplace", new() { Exact = true }).FillAsync("Hospital nurses");
        await page.GetByLabel("City", new() { Exact = true }).FillAsync("Montréal");
        await page.GetByLabel("Choose a video or photo").SetInputFilesAsync(clip.FilePath);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my clip" }).TapAsync();

        var union = page.GetByLabel("Union or local", new() { Exact = true });
        await Expect(page.Locator("#union-error")).ToHaveTextAsync("This field is required.");
        await Expect(union).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(union).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex(@"\bunion-error\b"));
        await Expect(union).ToBeFocusedAsync();
        await Expect(page.Locator("#consent-error")).ToHaveTextAsync("Tick “I agree” to send your clip.");
        await Expect(page.GetByLabel("I agree", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Some fields need attention.");
        await Expect(page.Locator("#sector-error")).ToBeHiddenAsync();
        await ScreenshotAsync(page, "upload-errors");

        // Each message sits right under its own field.
        Assert.True(await ErrorSitsUnderItsFieldAsync(page, "union"), "the union error is not next to the union field");
        Assert.True(await ErrorSitsUnderItsFieldAsync(page, "consent"), "the consent error is not next to the consent box");
        Assert.Equal(0, recorder.UploadRequests);

        // Typing clears the error; a text file is refused as soon as it is chosen, and again on submit.
        await union.FillAsync("FIQ");
        await Expect(page.Locator("#union-error")).ToBeHiddenAsync();
        await Expect(union).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await page.GetByLabel("I agree", new() { Exact = true }).CheckAsync();
        var fileInput = page.Locator("#file");
        await fileInput.SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "not a video"u8.ToArray() });
        var typeError = "This kind of file is not accepted. Send a photo (JPEG, PNG, WebP, HEIC, AVIF) or a video (MP4, MOV, 3GP, WebM).";
        await Expect(page.Locator("#file-error")).ToHaveTextAsync(typeError);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my clip" }).TapAsync();
        await Expect(page.Locator("#file-error")).ToHaveTextAsync(typeError);
        await Expect(fileInput).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(fileInput).ToBeFocusedAsync();

        // A file with no type and an unknown extension is refused too.
        await fileInput.SetInputFilesAsync(new FilePayload { Name = "clip.xyz", MimeType = "", Buffer = new byte[1024] });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my clip" }).TapAsync();
        await Expect(page.Locator("#file-error")).ToHaveTextAsync(typeError);
        Assert.Equal(0, recorder.UploadRequests);

        // Positive control: with a real clip the same form does ask for an upload link.
        await fileInput.SetInputFilesAsync(clip.FilePath);
        await Expect(page.Locator("#file-error")).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my clip" }).TapAsync();
        await Expect(page.Locator("#receipt-link")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Equal(1, recorder.UploadRequests);
    }

    [Fact]
    public async Task A_phone_file_without_a_type_is_sent_with_the_type_of_its_extension()
    {
        await using var context = await chromium.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(CampaignUrl);
        await FillFormAsync(page, clip.FilePath);

        // Some phones give no MIME type for their own .MOV files.
        var bytes = await File.ReadAllBytesAsync(clip.FilePath);
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "IMG_0042.MOV", MimeType = "", Buffer = bytes });
        await Expect(page.Locator("#file-error")).ToBeHiddenAsync();

        var request = await page.RunAndWaitForRequestAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Send my clip" }).TapAsync(),
            r => r.Method == "POST" && r.Url.EndsWith("/uploads", StringComparison.Ordinal));
        using var body = JsonDocument.Parse(request.PostData ?? "{}");
        Assert.Equal("video/quicktime", body.RootElement.GetProperty("contentType").GetString());
        Assert.Equal(bytes.Length, body.RootElement.GetProperty("sizeBytes").GetInt64());
        Assert.Equal("IMG_0042.MOV", body.RootElement.GetProperty("fileName").GetString());
        Assert.True(body.RootElement.GetProperty("consent").GetBoolean());
        Assert.Equal(1, body.RootElement.GetProperty("consentVersion").GetInt32());

        var receiptLink = page.Locator("#receipt-link");
        await Expect(receiptLink).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var (submissionId, _) = ParseReceiptUrl(await receiptLink.GetAttributeAsync("href") ?? "");
        var blob = stack.Blobs.GetBlobContainerClient("uploads").GetBlobClient($"{CampaignId}/{submissionId}");
        Assert.Equal("video/quicktime", (await blob.GetPropertiesAsync()).Value.ContentType);
    }

    [Fact]
    public async Task Page_fits_a_360px_phone_labels_every_field_and_switches_to_French()
    {
        await using var context = await chromium.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        var recorder = PageRecorder.Attach(page);
        await page.GotoAsync(CampaignUrl);
        await Expect(page.Locator("#upload-form")).ToBeVisibleAsync();

        await AssertNoHorizontalScrollAsync(page, "empty form");
        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input, textarea, select')]
              .filter(el => el.type !== 'hidden')
              .filter(el => ![...(el.labels || [])].some(label => {
                const box = label.getBoundingClientRect();
                const style = getComputedStyle(label);
                return box.width > 10 && box.height > 10 && style.visibility === 'visible' && style.display !== 'none'
                  && Number(style.opacity) > 0 && label.textContent.trim().length > 0;
              }))
              .map(el => el.id || el.name || el.outerHTML)
            """);
        Assert.Empty(unlabelled);
        // The check above was not vacuous: the form's seven controls and the two identity-protection choices.
        Assert.Equal(9, await page.Locator("input, textarea, select").CountAsync());

        // The consent says how long media are kept, from the campaign's retentionDays (30 for the seeded campaign).
        await Expect(page.Locator("#consent-retention")).ToContainTextAsync("deleted 30 days after this campaign ends");

        // Big touch targets: every button, and the file chooser, at least 44 px high.
        var small = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('button, .file-button, .check')]
              .filter(el => el.offsetParent !== null && el.getBoundingClientRect().height < 44)
              .map(el => el.textContent.trim())
            """);
        Assert.Empty(small);

        // Text is at least 18 px everywhere it is visible.
        var tiny = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')]
              .filter(el => el.offsetParent !== null && [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
              .filter(el => parseFloat(getComputedStyle(el).fontSize) < 18)
              .map(el => `${el.tagName}.${el.className}: ${getComputedStyle(el).fontSize}`)
            """);
        Assert.Empty(tiny);

        // Long content and errors still fit.
        await FillFormAsync(page, clip.FilePath);
        await page.GetByLabel("Union or local", new() { Exact = true }).FillAsync("");
        await page.GetByLabel("Caption", new() { Exact = true }).FillAsync(new string('W', 120));
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my clip" }).TapAsync();
        await Expect(page.Locator("#union-error")).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(page, "form with errors and a long caption");

        // French, chosen with the visible button, changes every string and survives a reload.
        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).TapAsync();
        await Expect(page.Locator("#submit")).ToHaveTextAsync("Envoyer mon clip");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Français" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("#union-error")).ToHaveTextAsync("Ce champ est obligatoire.");
        await Expect(page.GetByText("Syndicat ou section locale", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#consent-retention")).ToContainTextAsync("supprimés 30\u00a0jours après la fin de cette campagne");
        await AssertNoHorizontalScrollAsync(page, "French form");
        await ScreenshotAsync(page, "upload-french-errors");

        await page.ReloadAsync();
        await Expect(page.Locator("#submit")).ToHaveTextAsync("Envoyer mon clip");
        await Expect(page.GetByLabel("Votre nom (facultatif)", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("Choisir une vidéo ou une photo")).ToBeVisibleAsync();

        // Back to English.
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).TapAsync();
        await Expect(page.Locator("#submit")).ToHaveTextAsync("Send my clip");
        Assert.DoesNotContain(recorder.Console, m => m.StartsWith("error", StringComparison.Ordinal) || m.StartsWith("pageerror", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Spanish_phone_gets_the_page_in_Spanish_and_sends_language_es()
    {
        await using var context = await chromium.NewPhoneContextAsync("es-MX");
        var page = await context.NewPageAsync();
        await page.GotoAsync(CampaignUrl);
        await Expect(page.Locator("#submit")).ToHaveTextAsync("Enviar mi clip");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await AssertNoHorizontalScrollAsync(page, "Spanish form");
        await Expect(page.Locator("#consent-retention")).ToContainTextAsync("se borran 30 días después del final de esta campaña");

        await page.GetByLabel("Sindicato o sección local", new() { Exact = true }).FillAsync("SEIU Local 26");
        await page.GetByLabel("Sector o lugar de trabajo", new() { Exact = true }).FillAsync("Limpieza");
        await page.GetByLabel("Ciudad", new() { Exact = true }).FillAsync("Minneapolis");
        await page.GetByLabel("Acepto", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Elegir un video o una foto").SetInputFilesAsync(clip.FilePath);
        var request = await page.RunAndWaitForRequestAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Enviar mi clip" }).TapAsync(),
            r => r.Method == "POST" && r.Url.EndsWith("/uploads", StringComparison.Ordinal));
        using var body = JsonDocument.Parse(request.PostData ?? "{}");
        Assert.Equal("es", body.RootElement.GetProperty("language").GetString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "¡Gracias!" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }

    [Fact]
    public async Task Unknown_or_closed_campaigns_and_wrong_receipt_links_get_friendly_messages()
    {
        await using var context = await chromium.NewPhoneContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(stack.BaseAddress, "/c/no-such-campaign").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link is not valid" })).ToBeVisibleAsync();
        await Expect(page.Locator("#upload-form")).ToBeHiddenAsync();

        var closedId = "closed-" + Guid.NewGuid().ToString("N")[..8];
        var campaigns = stack.Services.GetRequiredService<CampaignStore>();
        await campaigns.AddIfAbsentAsync(DefaultCampaign.Create() with { Id = closedId, IsOpen = false }, CancellationToken.None);
        await page.GotoAsync(new Uri(stack.BaseAddress, "/c/" + closedId).ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This call is closed" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Thank you for your support.", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.Locator("#upload-form")).ToBeHiddenAsync();
        Assert.Equal(0, await page.Locator("input:visible, textarea:visible").CountAsync());

        // A receipt link with a wrong token, or none, reveals nothing.
        var recorder = PageRecorder.Attach(page);
        await page.GotoAsync(new Uri(stack.BaseAddress, "/r/abcdefghij0123456789#not-the-token").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Receipt not found" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Withdraw my submission" })).ToBeHiddenAsync();
        Assert.DoesNotContain(recorder.Requests, r => r.Url.Contains("not-the-token", StringComparison.Ordinal));

        await page.GotoAsync(new Uri(stack.BaseAddress, "/r/abcdefghij0123456789").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Receipt not found" })).ToBeVisibleAsync();
    }

    private static async Task AssertNoHorizontalScrollAsync(IPage page, string when)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= 360 && widths[1] <= 360, $"{when}: the page scrolls sideways (scrollWidth {widths[0]}/{widths[1]}, viewport {widths[2]})");
    }

    private static Task<bool> ErrorSitsUnderItsFieldAsync(IPage page, string field) =>
        page.EvaluateAsync<bool>(
            """
            (field) => {
              const error = document.getElementById(field + '-error');
              const input = document.getElementById(field);
              const box = input.closest('.field');
              const e = error.getBoundingClientRect();
              const f = (field === 'consent' ? input.closest('label') : input).getBoundingClientRect();
              return box.contains(error) && e.top >= f.bottom - 1 && e.top - f.bottom < 40;
            }
            """,
            field);
}
