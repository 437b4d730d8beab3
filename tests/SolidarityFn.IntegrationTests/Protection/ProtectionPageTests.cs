using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Playwright;
using SolidarityFn.IntegrationTests.Assembly;
using SolidarityFn.IntegrationTests.Browser;
using SolidarityFn.IntegrationTests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace SolidarityFn.IntegrationTests.Protection;

/// <summary>
/// The organizer's protection check in a real Chromium against the real stack: the detector proposed the frontal face
/// of the real photo's clip; the organizer draws a box over the profile it missed, confirms, and approves.
/// </summary>
[Collection(UltrafastAssemblyStackCollection.Name)]
public sealed class ProtectionPageTests(UltrafastAssemblyStackFixture stack, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IDisposable
{
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "shots", "protect");
    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-protect-page-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Organizer_adds_a_box_the_detector_missed_confirms_and_approves()
    {
        Directory.CreateDirectory(Shots);
        using var contributor = stack.CreateClient();
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        var clip = await ProtectionMedia.FiveSecondClipAsync(_dir);
        var ticket = await ProtectionMedia.UploadProtectedAsync(contributor, campaign, clip, "video/mp4", faces: true, voice: false);
        await AssemblyFlow.WaitReadyAsync(contributor, [ticket], TimeSpan.FromMinutes(3));
        var url = $"/api/campaigns/{campaign}/submissions/{ticket.SubmissionId}/protection";
        var proposed = (await organizer.GetFromJsonAsync<JsonElement>(url)).GetProperty("regions").GetArrayLength();

        await using var context = await chromium.NewLaptopContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(stack.BaseAddress, "/review/" + campaign).ToString());
        await ReviewBrowser.SignInAsync(page, StackFixture.OrganizerKey);
        await Expect(page.Locator("#grid .card-protect")).ToHaveTextAsync("Protect: faces");
        await page.Locator("#grid .card-open").First.ClickAsync();

        var panel = page.Locator("#protect-panel");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel.Locator(".protect-frame")).ToHaveCountAsync(6, new() { Timeout = 60_000 });
        await Expect(panel.Locator(".protect-region")).ToHaveCountAsync(proposed);
        await panel.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "panel-proposed.png"), FullPage = true });

        // Drag over the bearded profile the cascades missed: a new box for the whole clip.
        var layer = await panel.Locator(".protect-layer").BoundingBoxAsync();
        Assert.NotNull(layer);
        var face = ProtectionMedia.ProfileFace;
        await page.Mouse.MoveAsync(layer.X + ((float)face.X * layer.Width), layer.Y + ((float)face.Y * layer.Height));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(layer.X + ((float)(face.X + face.W) * layer.Width), layer.Y + ((float)(face.Y + face.H) * layer.Height), new() { Steps = 8 });
        await page.Mouse.UpAsync();
        await Expect(panel.Locator(".protect-region")).ToHaveCountAsync(proposed + 1);
        await Expect(panel.Locator("#protect-whole")).ToBeCheckedAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "panel-added.png"), FullPage = true });

        await panel.GetByRole(AriaRole.Button, new() { Name = "Confirm protection" }).ClickAsync();
        await Expect(panel.Locator(".protect-message")).ToContainTextAsync("Protection confirmed", new() { Timeout = 120_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "panel-confirmed.png"), FullPage = true });

        await page.Locator("#approve").ClickAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await ReviewBrowser.ListAsync(stack, campaign, "Approved")).Any(i => i.Id() == ticket.SubmissionId))
        {
            Assert.True(DateTime.UtcNow < deadline, "The approval from the page never landed.");
            await Task.Delay(250);
        }

        var state = await organizer.GetFromJsonAsync<JsonElement>(url);
        var regions = state.GetProperty("regions").EnumerateArray().ToList();
        Assert.Equal(proposed + 1, regions.Count);
        var added = regions[^1];
        Assert.InRange(added.GetProperty("x").GetDouble(), face.X - 0.03, face.X + 0.03);
        Assert.InRange(added.GetProperty("width").GetDouble(), face.W - 0.03, face.W + 0.03);
        Assert.Equal(0, added.GetProperty("fromSeconds").GetDouble());
        Assert.Equal(JsonValueKind.String, state.GetProperty("confirmedAt").ValueKind);
    }

    [Fact]
    public async Task On_a_touch_phone_boxes_are_drawn_moved_and_resized_by_touch_and_by_keyboard_alone_and_the_open_panel_passes_axe()
    {
        Directory.CreateDirectory(Shots);
        using var contributor = stack.CreateClient();
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        var clip = await ProtectionMedia.FiveSecondClipAsync(_dir);
        var ticket = await ProtectionMedia.UploadProtectedAsync(contributor, campaign, clip, "video/mp4", faces: true, voice: true);
        await AssemblyFlow.WaitReadyAsync(contributor, [ticket], TimeSpan.FromMinutes(3));
        var url = $"/api/campaigns/{campaign}/submissions/{ticket.SubmissionId}/protection";
        var proposed = (await organizer.GetFromJsonAsync<JsonElement>(url)).GetProperty("regions").GetArrayLength();

        // A 390 × 844 phone with touch (an iPhone 12-14's CSS size).
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(stack.BaseAddress, "/review/" + campaign).ToString());
        await ReviewBrowser.SignInAsync(page, StackFixture.OrganizerKey);
        await Expect(page.Locator("#grid .card-protect")).ToHaveTextAsync("Protect: faces / voice");
        await page.Locator("#grid .card-open").First.ClickAsync();
        var panel = page.Locator("#protect-panel");
        await Expect(panel.Locator(".protect-frame")).ToHaveCountAsync(6, new() { Timeout = 60_000 });
        await Expect(panel.Locator(".protect-region")).ToHaveCountAsync(proposed);
        await Axe.AssertNoViolationsAsync(page, "review page with the protection panel open");

        // Touch: draw a box over the profile, drag it right, drag its corner out (real touch input through the
        // DevTools protocol, so the page sees pointer events of type "touch" as from a finger).
        var cdp = await context.NewCDPSessionAsync(page);
        var editor = panel.Locator(".protect-layer");
        await editor.ScrollIntoViewIfNeededAsync();
        var layer = (await editor.BoundingBoxAsync())!;
        (double, double) At(double fx, double fy) => (layer.X + (fx * layer.Width), layer.Y + (fy * layer.Height));
        var face = ProtectionMedia.ProfileFace;
        await TouchDragAsync(cdp, At(face.X, face.Y), At(face.X + face.W, face.Y + face.H));
        await Expect(panel.Locator(".protect-region")).ToHaveCountAsync(proposed + 1);
        var touched = panel.Locator($".protect-region[data-index='{proposed}']");
        var box = (await touched.BoundingBoxAsync())!;
        await TouchDragAsync(cdp, (box.X + (box.Width / 2), box.Y + (box.Height / 2)), (box.X + (box.Width / 2) - (0.05 * layer.Width), box.Y + (box.Height / 2)));
        box = (await touched.BoundingBoxAsync())!;
        await TouchDragAsync(cdp, (box.X + box.Width, box.Y + box.Height), (box.X + box.Width + (0.02 * layer.Width), box.Y + box.Height + (0.02 * layer.Height)));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "panel-phone-touch.png"), FullPage = true });

        // Keyboard alone: Add box makes a centred box and focuses it; Tab reaches the boxes; arrows move, Shift+arrows
        // resize, Delete removes; each change is announced.
        var add = panel.GetByRole(AriaRole.Button, new() { Name = "Add box" });
        await add.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(panel.Locator(".protect-region")).ToHaveCountAsync(proposed + 2);
        var live = panel.Locator("#protect-live");
        await Expect(live).ToHaveTextAsync($"Box {proposed + 2} added in the middle of the picture, for the whole clip.");
        Assert.Equal($"Box {proposed + 2}", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-label')"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.matches(':focus-visible')"), "the focused box shows its focus");
        for (var i = 0; i < 3; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await Expect(live).ToHaveTextAsync($"Box {proposed + 2}: left 43 %, top 40 %.");
        await page.Keyboard.PressAsync("Shift+ArrowDown");
        await page.Keyboard.PressAsync("Shift+ArrowDown");
        await Expect(live).ToHaveTextAsync($"Box {proposed + 2}: 20 % wide, 22 % high.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "panel-phone-keyboard.png"), FullPage = true });

        // A third box, added and deleted again by keyboard; focus lands on a box, not on the page.
        await add.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(panel.Locator(".protect-region")).ToHaveCountAsync(proposed + 3);
        await page.Keyboard.PressAsync("Delete");
        await Expect(panel.Locator(".protect-region")).ToHaveCountAsync(proposed + 2);
        await Expect(live).ToHaveTextAsync($"Box {proposed + 3} removed. {proposed + 2} left.");
        Assert.Equal("protect-region", await page.EvaluateAsync<string>("() => document.activeElement.className.split(' ')[0]"));
        await add.FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("protect-region", await page.EvaluateAsync<string>("() => document.activeElement.className.split(' ')[0]"));
        await Axe.AssertNoViolationsAsync(page, "protection panel with boxes added");

        await panel.Locator("#protect-confirm").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(panel.Locator(".protect-message")).ToContainTextAsync("Protection confirmed", new() { Timeout = 120_000 });
        await page.Locator("#approve").TapAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await ReviewBrowser.ListAsync(stack, campaign, "Approved")).Any(i => i.Id() == ticket.SubmissionId))
        {
            Assert.True(DateTime.UtcNow < deadline, "The approval from the page never landed.");
            await Task.Delay(250);
        }

        var regions = (await organizer.GetFromJsonAsync<JsonElement>(url)).GetProperty("regions").EnumerateArray().ToList();
        Assert.Equal(proposed + 2, regions.Count);
        var drawn = regions[proposed];
        Assert.InRange(drawn.GetProperty("x").GetDouble(), face.X - 0.05 - 0.02, face.X - 0.05 + 0.02);
        Assert.InRange(drawn.GetProperty("y").GetDouble(), face.Y - 0.02, face.Y + 0.02);
        Assert.InRange(drawn.GetProperty("width").GetDouble(), face.W + 0.02 - 0.02, face.W + 0.02 + 0.02);
        Assert.InRange(drawn.GetProperty("height").GetDouble(), face.H + 0.02 - 0.02, face.H + 0.02 + 0.02);
        var keyed = regions[proposed + 1];
        Assert.Equal(0.43, keyed.GetProperty("x").GetDouble(), 3);
        Assert.Equal(0.40, keyed.GetProperty("y").GetDouble(), 3);
        Assert.Equal(0.20, keyed.GetProperty("width").GetDouble(), 3);
        Assert.Equal(0.22, keyed.GetProperty("height").GetDouble(), 3);
    }

    [Fact]
    public async Task Upload_page_protection_choices_are_labelled_keyboard_reachable_reach_the_receipt_and_the_receipt_can_only_add_one()
    {
        Directory.CreateDirectory(Shots);
        using var organizer = stack.CreateOrganizerClient();
        using var contributor = stack.CreateClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(stack.BaseAddress, "/c/" + campaign).ToString());
        await Expect(page.Locator("#upload-form")).ToBeVisibleAsync();

        // Labelled: found by their visible words, inside a group named "Protect my identity".
        var group = page.GetByRole(AriaRole.Group, new() { Name = "Protect my identity" });
        var faces = group.GetByRole(AriaRole.Checkbox, new() { Name = "Hide faces" });
        var voice = group.GetByRole(AriaRole.Checkbox, new() { Name = "Remove my voice" });
        await Expect(faces).Not.ToBeCheckedAsync();
        await Expect(voice).Not.ToBeCheckedAsync();

        await page.GetByLabel("Your name (optional)", new() { Exact = true }).FillAsync("Amira K.");
        await page.GetByLabel("Union or local", new() { Exact = true }).FillAsync("CUPE Local 3903");
        await page.GetByLabel("Sector or workplace", new() { Exact = true }).FillAsync("Education workers");
        await page.GetByLabel("City", new() { Exact = true }).FillAsync("Toronto");
        await page.GetByLabel("Caption", new() { Exact = true }).FillAsync("Solidarity from Toronto");
        await page.GetByLabel("Choose a video or photo").SetInputFilesAsync(ProtectionMedia.Photo);

        // Keyboard-reachable: Tab from the consent box reaches "Hide faces" and then "Remove my voice"; Space ticks.
        await page.Locator("#consent").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("#consent")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("protect-faces", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("protect-voice", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await Expect(faces).ToBeCheckedAsync();
        await Expect(voice).Not.ToBeCheckedAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "upload-protect-phone.png"), FullPage = true });

        var request = page.WaitForRequestAsync(r => r.Method == "POST" && r.Url.EndsWith("/uploads", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my clip" }).TapAsync();
        var sent = JsonDocument.Parse((await request).PostData!);
        Assert.True(sent.RootElement.GetProperty("protect").GetProperty("faces").GetBoolean());
        Assert.False(sent.RootElement.GetProperty("protect").GetProperty("voice").GetBoolean());
        var receiptLink = page.Locator("#receipt-link");
        await Expect(receiptLink).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var receiptUrl = await receiptLink.GetAttributeAsync("href") ?? "";
        var (submissionId, token) = BrowserTestHelpers.ParseReceiptUrl(receiptUrl);

        // The receipt API and the receipt page both show what was ticked.
        var ticket = new UploadApi.Ticket(submissionId, new Uri("http://unused.invalid/"), token, receiptUrl, 0, DateTimeOffset.UtcNow);
        await AssemblyFlow.WaitReadyAsync(contributor, [ticket], TimeSpan.FromMinutes(3));
        using (var response = await contributor.SendAsync(UploadApi.Receipt(HttpMethod.Get, submissionId, token)))
        {
            var protect = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("protect");
            Assert.True(protect.GetProperty("faces").GetBoolean());
            Assert.False(protect.GetProperty("voice").GetBoolean());
        }

        await page.GotoAsync(receiptUrl);
        await Expect(page.Locator("#protect-state")).ToHaveTextAsync("Faces are hidden");
        // Only what is still off can be turned on: there is no control to turn faces off.
        await Expect(page.Locator("#protect-add-faces")).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove my voice" }).TapAsync();
        await Expect(page.Locator("#protect-state")).ToHaveTextAsync("Faces are hidden · Your voice is removed");
        await Expect(page.Locator("#protect-add-voice")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "receipt-protect-phone.png"), FullPage = true });
        using (var response = await contributor.SendAsync(UploadApi.Receipt(HttpMethod.Get, submissionId, token)))
        {
            var protect = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("protect");
            Assert.True(protect.GetProperty("faces").GetBoolean());
            Assert.True(protect.GetProperty("voice").GetBoolean());
        }
    }

    /// <summary>One finger down at <paramref name="from"/>, moved in steps to <paramref name="to"/>, lifted.</summary>
    private static async Task TouchDragAsync(ICDPSession cdp, (double X, double Y) from, (double X, double Y) to)
    {
        static Dictionary<string, object> Touch(string type, double x, double y) => new()
        {
            ["type"] = type,
            ["touchPoints"] = type == "touchEnd" ? Array.Empty<object>() : new object[] { new Dictionary<string, object> { ["x"] = x, ["y"] = y } },
        };

        await cdp.SendAsync("Input.dispatchTouchEvent", Touch("touchStart", from.X, from.Y));
        for (var step = 1; step <= 8; step++)
        {
            var f = step / 8.0;
            await cdp.SendAsync("Input.dispatchTouchEvent", Touch("touchMove", from.X + ((to.X - from.X) * f), from.Y + ((to.Y - from.Y) * f)));
        }

        await cdp.SendAsync("Input.dispatchTouchEvent", Touch("touchEnd", to.X, to.Y));
    }
}
