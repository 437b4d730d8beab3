using System.Net;
using System.Net.Http.Json;
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

        // The panel opens with the three first formats checked (4:5 is offered, unchecked), 2:00, the campaign's card texts, and the server's plan.
        var open = page.GetByRole(AriaRole.Button, new() { Name = "Make the video" });
        await open.ClickAsync();
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Make the video" });
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Make the video" })).ToBeFocusedAsync();
        foreach (var name in new[] { "Landscape 16:9", "Vertical 9:16", "Square 1:1" })
        {
            await Expect(panel.GetByLabel(name)).ToBeCheckedAsync();
        }

        await Expect(panel.GetByLabel("Portrait 4:5 (feeds)")).Not.ToBeCheckedAsync();

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

        // A player not yet played shows the title card, not the black first frame of its fade-in.
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('#make-result video')].every(v => v.readyState >= 2 && Math.abs(v.currentTime - 1) < 0.05 && !v.seeking)",
            null, new() { Timeout = 30_000 });
        var player = await panel.Locator("video").First.ScreenshotAsync();
        Assert.True(MeanLuma(player) > 25, $"The unplayed player is dark (mean luma {MeanLuma(player):0.0}): it shows the fade-in, not the title card.");
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
        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            order.Add(await page.EvaluateAsync<string>("() => document.activeElement.id || document.activeElement.value"));
        }

        // The music's checkbox and level are disabled while the campaign has no music: its file button is next, then the
        // logo line's link to the settings (issue 16).
        Assert.Equal(["make-close", "landscape", "vertical", "square", "portrait", "make-target", "make-title-text", "make-subtitle", "make-end-card", "make-music-file", "make-logo-link", "make-start"], order);

        // Space unchecks a format and the plan follows; no format at all is said and Start is not sent.
        await page.Keyboard.PressAsync("Shift+Tab"); // the logo's settings link
        await page.Keyboard.PressAsync("Shift+Tab"); // the music file
        await page.Keyboard.PressAsync("Shift+Tab"); // end card
        for (var i = 0; i < 5; i++)
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

    [Fact]
    public async Task The_music_fieldset_adds_the_campaign_s_music_sets_this_video_s_level_and_removes_it()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, clips.Clips[0], "Music caption");
        var wav = Path.Combine(clips.Folder, "music " + Guid.NewGuid().ToString("N") + ".wav");
        await SolidarityFn.IntegrationTests.Media.Tool.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.2:duration=12", wav]);

        await using var context = await chromium.NewLaptopContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(stack.BaseAddress, "/review/" + campaign).ToString());
        await SignInAsync(page, StackFixture.OrganizerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the video" }).ClickAsync();
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Make the video" });
        var music = panel.GetByRole(AriaRole.Group, new() { Name = "Music" });
        await Expect(music).ToContainTextAsync("This campaign has no music yet.");
        await Expect(music.GetByLabel("Music under the video")).ToBeDisabledAsync();

        // The file goes as its bytes; the server's answer says how long it is, and the controls come alive.
        await panel.Locator("#make-music-file").SetInputFilesAsync(wav);
        // The server probes, measures and transcodes it before answering: seconds, more on a loaded machine.
        await Expect(music.Locator("#make-music-status")).ToHaveTextAsync("The music is ready.", new() { Timeout = 120_000 });
        await Expect(music).ToContainTextAsync("Music: 0:12, looped if the video is longer");
        var level = music.GetByLabel("Music level");
        await Expect(level).ToBeEnabledAsync();
        await level.FocusAsync();
        for (var i = 0; i < 5; i++)
        {
            await page.Keyboard.PressAsync("ArrowLeft");
        }

        await Expect(music.Locator("#make-music-level-value")).ToHaveTextAsync("25 %");
        await ShotAsync(page, "music-panel");
        Assert.Empty(await Axe.ViolationsAsync(page));

        // Start sends this video's music settings.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(page.Locator("#make-step")).ToHaveTextAsync("Waiting to start…");
        var list = await organizer.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/campaigns/{campaign}/assemblies");
        var started = list.GetProperty("items")[0];
        Assert.True(started.GetProperty("music").GetBoolean());
        Assert.Equal(25, started.GetProperty("musicLevel").GetInt32());

        // Removed from the panel: the campaign has no music again.
        await page.Keyboard.PressAsync("Escape");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the video" }).ClickAsync();
        await Expect(music).ToContainTextAsync("Music: 0:12");
        await music.GetByRole(AriaRole.Button, new() { Name = "Remove the music" }).ClickAsync();
        await Expect(music.Locator("#make-music-status")).ToHaveTextAsync("The music was removed.");
        await Expect(music).ToContainTextAsync("This campaign has no music yet.");
        var settings = await organizer.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/campaigns/{campaign}/settings");
        Assert.False(settings.GetProperty("hasMusic").GetBoolean());
        await stack.Services.GetRequiredService<TableQueue>().CompleteByKeyAsync(SolidarityFn.Pipeline.Assembly.AssemblyWork.QueueName, started.GetProperty("assemblyId").GetString()!, CancellationToken.None);
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Shots);
        // The viewport as the organizer sees it (laptop 1280 × 800, tablet 768 × 1024).
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, name + ".png"), FullPage = false });
    }

    /// <summary>Mean luma (BT.709, 0–255) of a PNG screenshot.</summary>
    private static double MeanLuma(byte[] png)
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        double sum = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                sum += (0.2126 * c.Red) + (0.7152 * c.Green) + (0.0722 * c.Blue);
            }
        }

        return sum / (((bitmap.Height + 1) / 2) * ((bitmap.Width + 1) / 2));
    }
}
