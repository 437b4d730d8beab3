using System.Net;
using Microsoft.Playwright;
using SolidarityFn.IntegrationTests.Assembly;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Queue;
using static Microsoft.Playwright.Assertions;
using static SolidarityFn.IntegrationTests.Browser.ReviewBrowser;

namespace SolidarityFn.IntegrationTests.Browser;

/// <summary>
/// Make the video from the review page in a real Chromium against the real DevHost, Azurite and ffmpeg: three real
/// approved clips, the server's plan, Start, the progress, and three playable videos with working download links.
/// The queue pump is run by the test (as the API tests do), so the page can be seen waiting, then running. The stack
/// is the assembly tests' (libx264 ultrafast), so three formats render within the suite's time budget.
/// </summary>
[Collection(UltrafastAssemblyStackCollection.Name)]
public sealed class ReviewMakeVideoPageTests(UltrafastAssemblyStackFixture stack, ChromiumFixture chromium, AssemblyClips clips)
    : IClassFixture<AssemblyClips>, IClassFixture<ChromiumFixture>
{
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "shots");

    [Fact]
    public async Task Organizer_makes_the_video_from_the_panel_and_watches_and_downloads_all_three_formats()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        string[] captions = ["We stand with Minnesota", "Solidarity from Windsor", "One union, one voice"];
        for (var i = 0; i < captions.Length; i++)
        {
            // The landscape clip each time: seeded rows carry no picture-size metadata, which the portrait and square
            // clips need to be framed (the API tests seed those with it).
            await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clips.Clips[0], captions[i]);
        }

        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(stack.BaseAddress, "/review/" + campaign).ToString());
        await SignInAsync(page, StackFixture.OrganizerKey);

        // The panel opens with every format checked, 2:00, the campaign's card texts, and the server's plan.
        var open = page.GetByRole(AriaRole.Button, new() { Name = "Make the video" });
        await open.ClickAsync();
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Make the video" });
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Make the video" })).ToBeFocusedAsync();
        foreach (var name in new[] { "Landscape 16:9", "Vertical 9:16", "Square 1:1" })
        {
            await Expect(panel.GetByLabel(name)).ToBeCheckedAsync();
        }

        await Expect(panel.GetByLabel("Target length (minutes:seconds)")).ToHaveValueAsync("120");
        await Expect(panel.GetByLabel("Title card: title")).ToHaveValueAsync("Toronto stands with Minnesota");
        await Expect(panel.GetByLabel("Title card: subtitle")).ToHaveValueAsync("Clips from the rally");
        await Expect(panel.Locator("#make-plan-body")).ToContainTextAsync("3 approved clips, 0:09 in all.");
        await Expect(panel.Locator("#make-plan-body")).ToContainTextAsync("Every clip fits whole.");
        await Expect(panel.Locator("#make-plan-body")).ToContainTextAsync("The video will be 0:18 long");

        // The shortest target: the plan is asked again and says the same length (the clips fit 0:20 too).
        await panel.GetByLabel("Target length (minutes:seconds)").SelectOptionAsync("20");
        await Expect(panel.Locator("#make-plan-body")).ToContainTextAsync("(target 0:20)");
        await page.EvaluateAsync("() => document.activeElement.blur()");
        await ShotAsync(page, "asmdesk-plan-1280");
        Assert.Empty(await Axe.ViolationsAsync(page));

        // Start: the job waits for a worker, then runs with a progress bar while the page stays usable.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(page.Locator("#make-step")).ToHaveTextAsync("Waiting to start…");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Approved" }).ClickAsync(); // the page still works

        var pump = stack.Services.GetRequiredService<QueuePump>();
        var running = Task.Run(async () =>
        {
            for (var run = 0; run < 5 && await page.Locator("#make-result video").CountAsync() == 0; run++)
            {
                await pump.RunAsync(new PumpLimits(TimeSpan.FromMinutes(5), 10, 1), CancellationToken.None);
                await Task.Delay(TimeSpan.FromSeconds(3)); // the page polls every 2 s
            }
        });
        try
        {
            await page.WaitForFunctionAsync(
                "() => { const p = document.getElementById('make-progress'); return !p.hidden && p.hasAttribute('value') && p.value > 0 && p.value < 1; }",
                null, new() { Timeout = 240_000, PollingInterval = 200 });
            await ShotAsync(page, "asmdesk-running-1280");
            await page.SetViewportSizeAsync(768, 1024);
            await ShotAsync(page, "asmdesk-running-768");
            await page.SetViewportSizeAsync(1280, 800);
            await Expect(page.Locator("#make-step")).ToContainTextAsync("%");
            // The Videos list follows the panel's fresher status without waiting for the page's 15 s poll.
            await Expect(page.Locator(".assembly .assembly-status").First).ToContainTextAsync("Being made", new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            // Finished between two polls of the page: nothing to see running, the rest still holds.
        }

        // Done: three players that load, and a download per file.
        await running;
        var made = await organizer.GetStringAsync($"/api/campaigns/{campaign}/assemblies");
        Assert.Contains("\"status\":\"Succeeded\"", made, StringComparison.Ordinal);
        await Expect(panel.Locator("video")).ToHaveCountAsync(3, new() { Timeout = 15_000 });
        await Expect(page.Locator("#make-step")).ToContainTextAsync("The video is ready. It took");
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('#make-result video')].every(v => v.readyState >= 1 && v.duration > 17 && v.duration < 19)",
            null, new() { Timeout = 60_000 });
        Assert.Equal(["landscape", "vertical", "square"], await panel.Locator(".make-player").EvaluateAllAsync<string[]>("f => f.map(x => x.dataset.format)"));
        var links = panel.Locator(".make-downloads a");
        await Expect(links).ToHaveTextAsync([
            "Download: Landscape video (16:9)", "Download: Vertical video (9:16)", "Download: Square video (1:1)",
            "Download: Captions (WebVTT)", "Download: Captions (SRT)", "Download: Credits",
        ]);
        using var http = new HttpClient();
        foreach (var href in await links.EvaluateAllAsync<string[]>("a => a.map(x => x.href)"))
        {
            using var response = await http.GetAsync(href, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Expect(panel).ToContainTextAsync("Every clip is in it, whole.");
        await ShotAsync(page, "asmdesk-done-1280");
        Assert.Empty(await Axe.ViolationsAsync(page));

        // Escape from inside the panel closes it and gives focus back to the button; the Videos list has the video.
        await links.First.FocusAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(panel).ToBeHiddenAsync();
        await Expect(open).ToBeFocusedAsync();
        await Expect(page.Locator(".assembly[data-status='Succeeded']")).ToHaveCountAsync(1);

        // The same page at tablet size: panel with plan, and the finished video.
        await page.SetViewportSizeAsync(768, 1024);
        await page.Locator(".assembly[data-status='Succeeded']").GetByRole(AriaRole.Button, new() { Name = "Watch" }).ClickAsync();
        await Expect(panel.Locator("video")).ToHaveCountAsync(3);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#make-result video')].every(v => v.readyState >= 1)");
        await ShotAsync(page, "asmdesk-done-768");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Make another" }).ClickAsync();
        await Expect(panel.Locator("#make-plan-body")).ToContainTextAsync("3 approved clips");
        await ShotAsync(page, "asmdesk-plan-768");
    }

    [Fact]
    public async Task The_panel_works_from_the_keyboard_alone_and_Escape_gives_focus_back_to_its_button()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clips.Clips[0], "Keyboard caption");

        await using var context = await chromium.NewLaptopContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(stack.BaseAddress, "/review/" + campaign).ToString());
        await SignInAsync(page, StackFixture.OrganizerKey);
        var open = page.GetByRole(AriaRole.Button, new() { Name = "Make the video" });
        await Expect(open).ToBeVisibleAsync();
        await open.FocusAsync();

        // Enter opens it with focus on its heading; Tab walks the controls in reading order.
        await page.Keyboard.PressAsync("Enter");
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Make the video" });
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Make the video" })).ToBeFocusedAsync();
        var order = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            order.Add(await page.EvaluateAsync<string>("() => document.activeElement.id || document.activeElement.value"));
        }

        Assert.Equal(["make-close", "landscape", "vertical", "square", "make-target", "make-title-text", "make-subtitle", "make-end-card", "make-start"], order);

        // Space unchecks a format and the plan follows; no format at all is said and Start is not sent.
        await page.Keyboard.PressAsync("Shift+Tab"); // end card
        for (var i = 0; i < 4; i++)
        {
            await page.Keyboard.PressAsync("Shift+Tab");
        }

        await Expect(panel.GetByLabel("Square 1:1")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(panel.GetByLabel("Square 1:1")).Not.ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Space");
        await Expect(panel.GetByLabel("Vertical 9:16")).Not.ToBeCheckedAsync();
        await Expect(panel.Locator("#make-plan-body")).ToContainTextAsync("1 approved clip, 0:03 long.");

        // Escape (from anywhere in the panel) closes it and focus returns to the button that opened it.
        await page.Keyboard.PressAsync("Escape");
        await Expect(panel).ToBeHiddenAsync();
        await Expect(open).ToBeFocusedAsync();

        // Space opens it too; Enter in a field starts the video, and it stays keyboard-reachable while queued.
        await page.Keyboard.PressAsync("Space");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel.Locator("#make-plan-body")).ToContainTextAsync("1 approved clip");
        await panel.GetByLabel("Title card: title").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#make-step")).ToHaveTextAsync("Waiting to start…");
        await ShotAsync(page, "asmdesk-queued-keyboard");
        await page.Keyboard.PressAsync("Escape");
        await Expect(open).ToBeFocusedAsync();
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Shots);
        // The viewport as the organizer sees it (laptop 1280 × 800, tablet 768 × 1024).
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, name + ".png"), FullPage = false });
    }
}
