using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Submissions;
using static Microsoft.Playwright.Assertions;
using static SolidarityFn.IntegrationTests.Browser.BrowserTestHelpers;
using static SolidarityFn.IntegrationTests.Browser.ReviewBrowser;

namespace SolidarityFn.IntegrationTests.Browser;

/// <summary>
/// The organizers' review page in a real Chromium against the real DevHost, review API and Azurite. Clips are seeded
/// through the pipeline's stores with real media; every decision is checked back through the API.
/// </summary>
[Collection(ReviewBrowserCollection.Name)]
public sealed class ReviewPageTests(StackFixture stack, ChromiumFixture chromium, ReviewMediaFixture media)
{
    private const string KeyStorage = "solidarity.organizerKey";

    private string ReviewUrl(string campaignId) => new Uri(stack.BaseAddress, "/review/" + campaignId).ToString();

    private static ILocator Card(IPage page, SubmissionEntity submission) => page.Locator($".card[data-id='{submission.SubmissionId}']");

    [Fact]
    public async Task Organizer_on_a_laptop_approves_with_an_edited_caption_rejects_with_a_reason_and_orders_by_drag_and_keyboard()
    {
        var campaign = await ReviewSeed.CampaignAsync(stack);
        var seeded = await ReviewSeed.ReadyAsync(stack, media, campaign,
            new SeedClip("Windsor auto workers stand with Minnesota", "Unifor Local 444", "Auto", "Windsor", "Dev"),
            new SeedClip("Québec nurses: solidarity!", "FIQ", "Nursing", "Québec"),
            new SeedClip("Blurry clip", "CUPE 79", "City workers", "Toronto", "Sam"),
            new SeedClip("Toronto teachers support Minnesota workers", "ETFO", "Education", "Toronto", "Ana"));
        var (windsor, quebec, blurry, toronto) = (seeded[0], seeded[1], seeded[2], seeded[3]);
        var broken = await ReviewSeed.FailedAsync(stack, campaign, new SeedClip("Half a file", "OPSEU", "Colleges", "Kingston"), "corrupt", "The file is damaged or incomplete.");

        await using var context = await chromium.NewLaptopContextAsync();
        var page = await context.NewPageAsync();
        var recorder = PageRecorder.Attach(page);
        await page.GotoAsync(ReviewUrl(campaign));

        // Locally the API wants the key: the page asks for it.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await SignInAsync(page, StackFixture.OrganizerKey);
        await Expect(page.Locator("#tab-Ready .tab-count")).ToHaveTextAsync("4");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review desk test", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(StackFixture.OrganizerKey, await page.EvaluateAsync<string>($"() => sessionStorage.getItem('{KeyStorage}')"));
        Assert.Null(await page.EvaluateAsync<string?>($"() => localStorage.getItem('{KeyStorage}')"));

        // Newest first, thumbnails really load, alt text names the contributor.
        await WaitForThumbnailsAsync(page, 4);
        Assert.Equal([toronto.SubmissionId, blurry.SubmissionId, quebec.SubmissionId, windsor.SubmissionId],
            await page.Locator("#grid .card").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.id)"));
        await Expect(Card(page, toronto).Locator("img")).ToHaveAttributeAsync("alt", "Still from the clip of Ana, ETFO · Education · Toronto");
        await Expect(Card(page, quebec)).ToContainTextAsync("Anonymous");
        await Expect(page.Locator("#coverage-usable")).ToHaveTextAsync("4");
        await ScreenshotAsync(page, "review-laptop-grid");

        // Keyboard into the grid: j moves, Enter opens; the preview is the seeded video.
        await page.Locator("#tab-Ready").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("j");
        await Expect(Card(page, blurry).Locator(".card-open")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("k");
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.Locator("#detail");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(page.Locator("#detail-title")).ToHaveTextAsync("Clip 1 of 4");
        await Expect(page.Locator("#detail-consent")).ToContainTextAsync("Agreed to the consent text, version 1, on ");
        await page.WaitForFunctionAsync("() => { const v = document.getElementById('detail-video'); return v.readyState >= 1 && v.videoWidth > 0; }");
        Assert.Contains("/preview.mp4", await page.Locator("#detail-video").GetAttributeAsync("src") ?? "", StringComparison.Ordinal);
        Assert.Contains("/thumb.jpg", await page.Locator("#detail-video").GetAttributeAsync("poster") ?? "", StringComparison.Ordinal);

        // Letter shortcuts do nothing while typing: "a" in the caption is text, not an approval.
        await page.GetByLabel("Caption", new() { Exact = true }).FillAsync("Toronto teachers stand with Minnesota");
        await page.GetByLabel("Caption", new() { Exact = true }).PressAsync("a");
        await Expect(page.GetByLabel("Caption", new() { Exact = true })).ToHaveValueAsync("Toronto teachers stand with Minnesotaa");
        await page.GetByLabel("Caption", new() { Exact = true }).PressAsync("Backspace");
        Assert.Empty(await UnlabelledFieldsAsync(page));
        Assert.Equal(3, await page.Locator("#detail input:visible, #detail textarea:visible").CountAsync()); // not vacuous
        await page.GetByLabel("Start, in seconds", new() { Exact = true }).FillAsync("0.5");
        await page.GetByLabel("End, in seconds", new() { Exact = true }).FillAsync("4");
        await ScreenshotAsync(page, "review-laptop-detail");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();

        // The next clip comes up: reject it with r and a reason, then approve the last two with a.
        await Expect(page.Locator("#detail-message")).ToHaveTextAsync("Approved: “Toronto teachers stand with Minnesota”.");
        await Expect(page.Locator("#detail-title")).ToHaveTextAsync("Clip 1 of 3");
        await Expect(page.Locator("#detail-caption")).ToHaveValueAsync("Blurry clip");
        await page.Keyboard.PressAsync("r");
        var reason = page.GetByLabel("Why is this clip rejected?", new() { Exact = true });
        await Expect(reason).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#reject-reason-error")).ToHaveTextAsync("Say why, in a few words.");
        await reason.FillAsync("Out of focus");
        await reason.PressAsync("Enter");
        await Expect(page.Locator("#detail-message")).ToHaveTextAsync("Rejected: “Blurry clip”.");
        await Expect(page.Locator("#detail-caption")).ToHaveValueAsync("Québec nurses: solidarity!");
        await page.Keyboard.PressAsync("a");
        await Expect(page.Locator("#detail-caption")).ToHaveValueAsync("Windsor auto workers stand with Minnesota");
        await page.Keyboard.PressAsync("a");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.Locator("#status-message")).ToHaveTextAsync("Approved: “Windsor auto workers stand with Minnesota”.");
        await Expect(page.Locator("#list-empty")).ToBeVisibleAsync();
        await Expect(page.Locator("#tab-Approved .tab-count")).ToHaveTextAsync("3");
        await Expect(page.Locator("#tab-Rejected .tab-count")).ToHaveTextAsync("1");

        // Approved, in the order of approval; drag the last before the first, then move one up with the keyboard.
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Approved") }).ClickAsync();
        await WaitForThumbnailsAsync(page, 3);
        await Expect(Card(page, toronto).Locator(".card-position")).ToHaveTextAsync("#1");
        await Expect(Card(page, toronto)).ToContainTextAsync("Caption edited");
        await Card(page, windsor).DragToAsync(Card(page, toronto), new() { TargetPosition = new() { X = 10, Y = 60 } });
        await Expect(page.Locator("#status-message")).ToHaveTextAsync("Order saved.");
        await Expect(Card(page, windsor).Locator(".card-position")).ToHaveTextAsync("#1");
        await Card(page, quebec).Locator(".move-up").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(Card(page, quebec).Locator(".move-up")).ToBeFocusedAsync();
        await Expect(page.Locator("#status-message")).ToHaveTextAsync("Order saved.");
        await Expect(Card(page, quebec).Locator(".card-position")).ToHaveTextAsync("#2");
        await Expect(page.Locator("#coverage-approved")).ToHaveTextAsync("3");
        await Expect(page.Locator("#coverage-seconds")).ToHaveTextAsync("0:16 of the 2:00 target: 105 s to go"); // 3.5 + 6 + 6 s
        await ScreenshotAsync(page, "review-laptop-approved");

        // An approved clip opens with its edit kept and the contributor's words beside it.
        await Card(page, toronto).Locator(".card-open").ClickAsync();
        await Expect(page.Locator("#detail-caption-original")).ToHaveTextAsync("Original caption: “Toronto teachers support Minnesota workers”");
        await Expect(page.Locator("#detail-state")).ToHaveTextAsync("Approved: number 3 in the video.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save changes", Exact = true })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#detail")).ToBeHiddenAsync();
        await Expect(Card(page, toronto).Locator(".card-open")).ToBeFocusedAsync();

        // Failed uploads: the reason in words, no preview, nothing to decide.
        await Expect(page.Locator("#tab-Failed .tab-count")).ToHaveTextAsync("1");
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Failed") }).ClickAsync();
        await Expect(Card(page, broken)).ToContainTextAsync("The file is damaged or incomplete.");
        await Expect(Card(page, broken).Locator(".card-nothumb")).ToHaveTextAsync("No preview");
        await Card(page, broken).Locator(".card-open").ClickAsync();
        await Expect(page.Locator("#detail-state")).ToHaveTextAsync("The file is damaged or incomplete.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true })).ToBeHiddenAsync();
        await page.Keyboard.PressAsync("a");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#detail")).ToBeHiddenAsync();

        // Everything happened, as the API tells it.
        var approved = await ListAsync(stack, campaign, "Approved");
        Assert.Equal([windsor.SubmissionId, quebec.SubmissionId, toronto.SubmissionId], approved.Select(i => i.Id()));
        Assert.Equal(broken.SubmissionId, Assert.Single(await ListAsync(stack, campaign, "Failed")).Id());
        var edited = approved.Single(i => i.Id() == toronto.SubmissionId);
        Assert.Equal("Toronto teachers stand with Minnesota", edited.Text("caption"));
        Assert.Equal("Toronto teachers support Minnesota workers", edited.Text("originalCaption"));
        Assert.Equal(0.5, edited.Number("trimStartSeconds"));
        Assert.Equal(4, edited.Number("trimEndSeconds"));
        Assert.Equal("Québec nurses: solidarity!", approved.Single(i => i.Id() == quebec.SubmissionId).Text("caption"));
        var rejected = Assert.Single(await ListAsync(stack, campaign, "Rejected"));
        Assert.Equal(blurry.SubmissionId, rejected.Id());
        Assert.Equal("Out of focus", rejected.Text("rejectionReason"));
        Assert.Empty(await ListAsync(stack, campaign, "Ready"));

        // The key went only in the Authorization header.
        Assert.DoesNotContain(recorder.Requests, r => r.Url.Contains(StackFixture.OrganizerKey, StringComparison.Ordinal));
        var order = recorder.Requests.Last(r => r.Method == "PUT" && r.Url.EndsWith("/order", StringComparison.Ordinal));
        Assert.Equal("Bearer " + StackFixture.OrganizerKey, await order.HeaderValueAsync("authorization"));
        var decision = recorder.Requests.First(r => r.Method == "POST" && r.Url.EndsWith("/approve", StringComparison.Ordinal));
        Assert.False(string.IsNullOrEmpty(await decision.HeaderValueAsync("if-match")), "a decision must carry the ETag it was based on");
        Assert.All(recorder.Requests.Where(r => r.Method is "POST" or "PUT" && r.Url.Contains("/api/", StringComparison.Ordinal)), r =>
            Assert.Equal("application/json", r.Headers["content-type"])); // the API refuses any other change (415)
        Assert.Empty(Problems(recorder));
    }

    [Fact]
    public async Task An_upload_our_faults_kept_is_retried_from_its_Failed_card_and_a_refused_one_has_no_retry()
    {
        var campaign = await ReviewSeed.CampaignAsync(stack);
        var refused = await ReviewSeed.FailedAsync(stack, campaign, new SeedClip("Half a file", "OPSEU", "Colleges", "Kingston"), "corrupt", "The file is damaged or incomplete.");
        var kept = await ReviewSeed.FailedAsync(stack, campaign, new SeedClip("Our fault", "CUPE 79", "City workers", "Toronto"), "processing_failed", SolidarityFn.Pipeline.Processing.UploadProcessor.ProcessingFailedMessage);
        var store = stack.Services.GetRequiredService<SubmissionStore>();
        var row = await store.GetAsync(campaign, kept.SubmissionId, CancellationToken.None);
        row!.OriginalKeptUntil = DateTimeOffset.UtcNow.AddDays(3);
        Assert.True(await store.TryReplaceAsync(row, CancellationToken.None));
        await stack.Blobs.GetBlobContainerClient("uploads").GetBlobClient($"{campaign}/{kept.SubmissionId}").UploadAsync(new BinaryData(new byte[1000]));

        await using var context = await chromium.NewLaptopContextAsync();
        var page = await context.NewPageAsync();
        var recorder = PageRecorder.Attach(page);
        await page.GotoAsync(ReviewUrl(campaign));
        await SignInAsync(page, StackFixture.OrganizerKey);
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Failed") }).ClickAsync();
        await Expect(Card(page, kept)).ToContainTextAsync("Processing failed on our side after several tries");
        await Expect(Card(page, refused).Locator(".card-retry")).ToBeHiddenAsync();
        var retry = Card(page, kept).GetByRole(AriaRole.Button, new() { Name = "Retry", Exact = true });
        await Expect(retry).ToBeVisibleAsync();
        await ScreenshotAsync(page, "review-laptop-failed-retry");

        await retry.ClickAsync();

        await Expect(page.Locator("#status-message")).ToHaveTextAsync("“Our fault” is being processed again. It will appear under “To review” when it is done.");
        await Expect(Card(page, kept)).ToHaveCountAsync(0);
        Assert.Equal(SubmissionStatus.Uploaded, (await store.GetAsync(campaign, kept.SubmissionId, CancellationToken.None))!.StatusValue);
        Assert.Equal(refused.SubmissionId, Assert.Single(await ListAsync(stack, campaign, "Failed")).Id());
        var call = recorder.Requests.Single(r => r.Method == "POST" && r.Url.EndsWith("/retry", StringComparison.Ordinal));
        Assert.Equal("Bearer " + StackFixture.OrganizerKey, await call.HeaderValueAsync("authorization"));
        Assert.Equal("application/json", await call.HeaderValueAsync("content-type"));
        Assert.Equal("{}", call.PostData);
        Assert.Empty(Problems(recorder));
    }

    [Fact]
    public async Task Organizer_on_a_French_tablet_is_told_a_wrong_key_sees_new_clips_announced_and_reorders_by_touch()
    {
        var campaign = await ReviewSeed.CampaignAsync(stack);
        var seeded = await ReviewSeed.ReadyAsync(stack, media, campaign,
            new SeedClip("Laval: solidarité avec le Minnesota", "CSN", "Transport", "Laval"),
            new SeedClip("Les cols bleus de Montréal avec vous", "SCFP 301", "Cols bleus", "Montréal", "Luc"),
            new SeedClip("Solidarité de Sherbrooke", "FIQ", "Soins", "Sherbrooke", "Mei"));
        var (laval, montreal, sherbrooke) = (seeded[0], seeded[1], seeded[2]);

        await using var context = await chromium.NewTabletContextAsync("fr-CA");
        var page = await context.NewPageAsync();
        var recorder = PageRecorder.Attach(page);
        await page.GotoAsync(ReviewUrl(campaign));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");

        // A wrong key: said next to the field, nothing kept.
        var keyField = page.GetByLabel("Clé d’organisateur", new() { Exact = true });
        await keyField.FillAsync("not-the-organizer-key-0000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).TapAsync();
        await Expect(page.Locator("#organizer-key-error")).ToHaveTextAsync("Cette clé n’est pas la bonne. Vérifiez-la et réessayez.");
        await Expect(keyField).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#workspace")).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<string?>($"() => sessionStorage.getItem('{KeyStorage}')"));
        await ScreenshotAsync(page, "review-tablet-wrong-key");

        await keyField.FillAsync(StackFixture.OrganizerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).TapAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^À réviser") })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#tab-Ready .tab-count")).ToHaveTextAsync("3");
        await WaitForThumbnailsAsync(page, 3);
        await AssertNoHorizontalScrollAsync(page, 820);

        // Tap a clip, approve it, and the next one.
        await Card(page, sherbrooke).Locator(".card-open").TapAsync();
        await Expect(page.Locator("#detail-title")).ToHaveTextAsync("Clip 1 sur 3");
        await ScreenshotAsync(page, "review-tablet-detail");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accepter", Exact = true }).TapAsync();
        await Expect(page.Locator("#detail-message")).ToHaveTextAsync("Accepté\u00a0: «\u00a0Solidarité de Sherbrooke\u00a0».");
        await Expect(page.Locator("#detail-title")).ToHaveTextAsync("Clip 1 sur 2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accepter", Exact = true }).TapAsync();
        await Expect(page.Locator("#detail-caption")).ToHaveValueAsync("Laval: solidarité avec le Minnesota");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fermer", Exact = true }).TapAsync();
        await Expect(page.Locator("#detail")).ToBeHiddenAsync();

        // A clip becomes ready meanwhile: announced, not pushed into the grid under the finger.
        var late = await ReviewSeed.ReadyAsync(stack, media, campaign, new SeedClip("Rimouski est là", "SCFP", "Santé", "Rimouski"), DateTimeOffset.UtcNow);
        var banner = page.Locator("#show-new");
        await Expect(banner).ToHaveTextAsync("1 nouveau clip prêt\u00a0: l’afficher", new() { Timeout = 40_000 });
        await Expect(page.Locator("#grid .card")).ToHaveCountAsync(1);
        await Expect(page.Locator("#tab-Ready .tab-count")).ToHaveTextAsync("2");
        await banner.TapAsync();
        await Expect(page.Locator("#grid .card")).ToHaveCountAsync(2);
        await Expect(page.Locator("#grid .card").First).ToHaveAttributeAsync("data-id", late.SubmissionId);
        await Expect(banner).ToBeHiddenAsync();

        // Approved: drag the second clip before the first by its handle, with a finger.
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Acceptés") }).TapAsync();
        await WaitForThumbnailsAsync(page, 2);
        await Expect(Card(page, sherbrooke).Locator(".card-position")).ToHaveTextAsync("n°\u00a01");
        await ScreenshotAsync(page, "review-tablet-approved");
        var handle = (await Card(page, montreal).Locator(".drag-handle").BoundingBoxAsync())!;
        var first = (await Card(page, sherbrooke).BoundingBoxAsync())!;
        await TouchDragAsync(context, page, (handle.X + (handle.Width / 2), handle.Y + (handle.Height / 2)), (first.X + 20, first.Y + (first.Height / 2)));
        await Expect(page.Locator("#status-message")).ToHaveTextAsync("Ordre enregistré.");
        await Expect(Card(page, montreal).Locator(".card-position")).ToHaveTextAsync("n°\u00a01");
        Assert.Equal([montreal.SubmissionId, sherbrooke.SubmissionId], (await ListAsync(stack, campaign, "Approved")).Select(i => i.Id()));
        Assert.Equal([late.SubmissionId, laval.SubmissionId], (await ListAsync(stack, campaign, "Ready")).Select(i => i.Id()));

        // Signing out forgets the key in this tab.
        await page.WaitForTimeoutAsync(1000); // a tap right after a touch drag reads as a double tap
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter", Exact = true }).TapAsync();
        await Expect(page.Locator("#sign-in-notice")).ToHaveTextAsync("Vous êtes déconnecté. La clé a été retirée de cet onglet.");
        Assert.Null(await page.EvaluateAsync<string?>($"() => sessionStorage.getItem('{KeyStorage}')"));
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Clé d’organisateur", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#workspace")).ToBeHiddenAsync();
        Assert.Empty(Problems(recorder));
    }

    [Fact]
    public async Task Refusals_show_next_to_the_field_and_a_clip_changed_or_withdrawn_behind_the_page_is_reloaded_not_overwritten()
    {
        var campaign = await ReviewSeed.CampaignAsync(stack);
        var seeded = await ReviewSeed.ReadyAsync(stack, media, campaign,
            new SeedClip("Older clip", "USW 1005", "Steel", "Hamilton"),
            new SeedClip("Newer clip", "OPSEU", "Colleges", "Ottawa"));
        var (older, newer) = (seeded[0], seeded[1]);
        var store = stack.Services.GetRequiredService<SubmissionStore>();

        await using var context = await chromium.NewLaptopContextAsync();
        var page = await context.NewPageAsync();
        var recorder = PageRecorder.Attach(page);
        await page.GotoAsync(ReviewUrl(campaign));
        await SignInAsync(page, StackFixture.OrganizerKey);
        await Card(page, newer).Locator(".card-open").ClickAsync();
        await Expect(page.Locator("#detail-caption")).ToHaveValueAsync("Newer clip");

        // The API's own field error (a control character the page lets through) shows under the caption.
        var caption = page.GetByLabel("Caption", new() { Exact = true });
        await caption.FillAsync("Bell\u0007 ringing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Expect(page.Locator("#detail-caption-error")).ToContainTextAsync("on one line");
        await Expect(caption).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(caption).ToBeFocusedAsync();
        await caption.FillAsync("Newer clip");
        await Expect(page.Locator("#detail-caption-error")).ToBeHiddenAsync();

        // Another writer changes the clip after the page listed it.
        var row = (await store.GetAsync(campaign, newer.SubmissionId, CancellationToken.None))!;
        row.Caption = "Newer clip, fixed by someone else";
        Assert.True(await store.TryReplaceAsync(row, CancellationToken.None));

        await caption.FillAsync("My own wording");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Expect(page.Locator("#detail-message")).ToContainTextAsync("Someone else changed this clip since you loaded it.");
        await Expect(page.Locator("#detail-message")).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(page.Locator("#detail-caption")).ToHaveValueAsync("My own wording");
        await ScreenshotAsync(page, "review-conflict-412");
        Assert.Equal(SubmissionStatus.Ready, (await store.GetAsync(campaign, newer.SubmissionId, CancellationToken.None))!.StatusValue);

        // Approving again now is a decision on what the organizer has seen.
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Expect(page.Locator("#detail-caption")).ToHaveValueAsync("Older clip");

        // The contributor withdraws the next one while it is on screen: the API refuses it as withdrawn (409), so the
        // page says so and lets it go.
        row = (await store.GetAsync(campaign, older.SubmissionId, CancellationToken.None))!;
        SubmissionLifecycle.Withdraw(row, DateTimeOffset.UtcNow, SubmissionActor.Contributor, NullLogger.Instance);
        Assert.True(await store.TryReplaceAsync(row, CancellationToken.None));
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Expect(page.Locator("#detail")).ToBeHiddenAsync();
        await Expect(page.Locator("#status-message")).ToHaveTextAsync("“Older clip” can no longer be decided here (withdrawn, failed or already decided elsewhere). It was removed from the list.");
        await Expect(page.Locator("#grid .card")).ToHaveCountAsync(0);
        await Expect(page.Locator("#tab-Ready .tab-count")).ToHaveTextAsync("0");

        var approved = Assert.Single(await ListAsync(stack, campaign, "Approved"));
        Assert.Equal(newer.SubmissionId, approved.Id());
        Assert.Equal("My own wording", approved.Text("caption"));
        Assert.Equal(SubmissionStatus.Withdrawn, (await store.GetAsync(campaign, older.SubmissionId, CancellationToken.None))!.StatusValue);
        // The browser logs the refused requests themselves (400, 409, 412); nothing else may go wrong.
        Assert.DoesNotContain(Problems(recorder), m => !Regex.IsMatch(m, "status of (400|409|412)"));
    }

    [Fact]
    public async Task A_clip_sent_under_720p_carries_a_low_resolution_badge_in_english_and_french()
    {
        var campaign = await ReviewSeed.CampaignAsync(stack);
        var seeded = await ReviewSeed.ReadyAsync(stack, media, campaign,
            new SeedClip("Sharp 720p clip", "ETFO", "Education", "Toronto", SourceWidth: 1280, SourceHeight: 720),
            new SeedClip("Old flip phone clip", "CUPE 79", "City workers", "Toronto", SourceWidth: 176, SourceHeight: 144),
            new SeedClip("Portrait phone clip", "Unifor", "Auto", "Windsor", SourceWidth: 320, SourceHeight: 568));
        var (sharp, flip, portrait) = (seeded[0], seeded[1], seeded[2]);

        await using var context = await chromium.NewLaptopContextAsync();
        var page = await context.NewPageAsync();
        var recorder = PageRecorder.Attach(page);
        await page.GotoAsync(ReviewUrl(campaign));
        await SignInAsync(page, StackFixture.OrganizerKey);
        await WaitForThumbnailsAsync(page, 3);

        await Expect(Card(page, flip).Locator(".card-lowres")).ToBeVisibleAsync();
        await Expect(Card(page, flip).Locator(".card-lowres")).ToHaveTextAsync("Low resolution");
        await Expect(Card(page, flip).Locator(".card-lowres")).ToHaveAttributeAsync("title", "Sent at 176×144: under 720p, it may look soft in the video.");
        await Expect(Card(page, portrait).Locator(".card-lowres")).ToBeVisibleAsync();
        await Expect(Card(page, sharp).Locator(".card-lowres")).ToBeHiddenAsync();
        await Card(page, flip).ScrollIntoViewIfNeededAsync();
        await Card(page, flip).ScreenshotAsync(new() { Path = Path.Combine(ShotsDirectory, "review-card-low-resolution-en.png") });
        await ScreenshotAsync(page, "review-low-resolution-grid");

        await using var french = await chromium.NewLaptopContextAsync("fr-CA");
        var pageFr = await french.NewPageAsync();
        await pageFr.GotoAsync(ReviewUrl(campaign));
        await SignInAsync(pageFr, StackFixture.OrganizerKey, "Clé d’organisateur", "Se connecter");
        await WaitForThumbnailsAsync(pageFr, 3);
        await Expect(Card(pageFr, flip).Locator(".card-lowres")).ToHaveTextAsync("Basse résolution");
        await Expect(Card(pageFr, sharp).Locator(".card-lowres")).ToBeHiddenAsync();
        await Card(pageFr, flip).ScreenshotAsync(new() { Path = Path.Combine(ShotsDirectory, "review-card-low-resolution-fr.png") });
        Assert.Empty(Problems(recorder));
    }

    /// <summary>Visible form fields without a visible, non-empty label.</summary>
    private static Task<string[]> UnlabelledFieldsAsync(IPage page) =>
        page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input, textarea, select')]
              .filter(el => el.type !== 'hidden' && el.getClientRects().length > 0)
              .filter(el => ![...(el.labels || [])].some(label => label.getClientRects().length > 0 && label.textContent.trim().length > 0))
              .map(el => el.id || el.outerHTML)
            """);

    private static async Task AssertNoHorizontalScrollAsync(IPage page, int width)
    {
        var scroll = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scroll <= width, $"the page scrolls sideways ({scroll} > {width})");
    }
}
