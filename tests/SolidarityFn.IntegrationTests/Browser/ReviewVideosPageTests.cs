using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Microsoft.Playwright;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Storage;
using static Microsoft.Playwright.Assertions;
using static SolidarityFn.IntegrationTests.Browser.BrowserTestHelpers;
using static SolidarityFn.IntegrationTests.Browser.ReviewBrowser;

namespace SolidarityFn.IntegrationTests.Browser;

/// <summary>
/// The review page's Videos panel in a real Chromium against the real DevHost and Azurite: the campaign's assemblies
/// with their files, and Delete on a finished one, confirmed in place; Follow, Watch and Make it again beside them.
/// The assemblies are written as the assembly handler leaves them (row + files under final/{campaignId}/{assemblyId}/);
/// making real ones is the API tests' job.
/// </summary>
[Collection(ReviewBrowserCollection.Name)]
public sealed class ReviewVideosPageTests(StackFixture stack, ChromiumFixture chromium, ReviewMediaFixture media)
{
    private static readonly string[] Files = ["landscape.mp4", "captions.vtt", "captions.srt", "credits.txt"];

    [Fact]
    public async Task Organizer_deletes_a_finished_video_after_confirming_and_it_leaves_the_list_and_storage()
    {
        var campaign = await ReviewSeed.CampaignAsync(stack);
        var now = DateTimeOffset.UtcNow;
        var running = await SeedAsync(campaign, AssemblyState.Running, now.AddMinutes(-1), withFiles: false);
        var done = await SeedAsync(campaign, AssemblyState.Succeeded, now.AddHours(-2), withFiles: true);
        var retracted = await SeedAsync(campaign, AssemblyState.Retracted, now.AddDays(-1), withFiles: false);

        await using var context = await chromium.NewLaptopContextAsync();
        var page = await context.NewPageAsync();
        var recorder = PageRecorder.Attach(page);
        await page.GotoAsync(new Uri(stack.BaseAddress, "/review/" + campaign).ToString());
        await SignInAsync(page, StackFixture.OrganizerKey);

        // Newest first; files as links; the running one shows its progress and cannot be deleted.
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Videos" });
        await Expect(panel.Locator(".assembly")).ToHaveCountAsync(3);
        Assert.Equal([running, done, retracted], await panel.Locator(".assembly").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.id)"));
        var doneItem = Item(page, done);
        await Expect(doneItem.Locator(".assembly-status")).ToHaveTextAsync("Ready");
        await Expect(doneItem.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Landscape video (16:9)", "Captions (WebVTT)", "Captions (SRT)", "Credits"]);
        await Expect(Item(page, running).Locator(".assembly-status")).ToHaveTextAsync("Being made: 40%");
        await Expect(Item(page, running).GetByRole(AriaRole.Button)).ToHaveTextAsync(["Follow"]); // no Delete
        await Expect(doneItem.GetByRole(AriaRole.Button)).ToHaveTextAsync(["Watch", "Delete…"]);
        await Expect(Item(page, retracted).GetByRole(AriaRole.Button)).ToHaveTextAsync(["Make it again", "Delete…"]);
        await Expect(Item(page, retracted).GetByRole(AriaRole.Button, new() { Name = "Delete…" })).ToBeVisibleAsync();

        // Delete… asks first, focus on the harmless answer; Escape takes the question back and changes nothing.
        var delete = doneItem.GetByRole(AriaRole.Button, new() { Name = "Delete…" });
        await Expect(delete).ToHaveAccessibleDescriptionAsync(await doneItem.Locator(".assembly-title").InnerTextAsync());
        await delete.ClickAsync();
        var question = doneItem.GetByRole(AriaRole.Group);
        await Expect(question).ToContainTextAsync("Delete this video for good");
        await Expect(question).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("^Delete this video for good.*Made "));
        await Expect(question.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await ScreenshotAsync(page, "review-videos-confirm");
        await page.Keyboard.PressAsync("Escape");
        await Expect(question).ToBeHiddenAsync();
        await Expect(delete).ToBeFocusedAsync();
        Assert.Equal(Files.Length, (await FilesAsync(campaign, done)).Count);
        Assert.DoesNotContain(recorder.Requests, r => r.Method == "DELETE");

        // Confirmed: gone from the list, the page says so, focus moves to the next video's Delete.
        await delete.ClickAsync();
        await doneItem.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page.Locator($".assembly[data-id='{done}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#status-message")).ToContainTextAsync("was deleted.");
        await Expect(Item(page, retracted).GetByRole(AriaRole.Button, new() { Name = "Delete…" })).ToBeFocusedAsync();
        await Expect(panel.Locator(".assembly")).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "review-videos-deleted");

        // A plain DELETE went (no body, no type), and storage agrees: the files and the row are gone, the others stay.
        var sent = Assert.Single(recorder.Requests, r => r.Method == "DELETE");
        Assert.EndsWith($"/api/campaigns/{campaign}/assemblies/{done}", new Uri(sent.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Null(sent.PostData);
        Assert.False((await sent.AllHeadersAsync()).ContainsKey("content-type"));
        Assert.Empty(await FilesAsync(campaign, done));
        var table = stack.Tables.GetTableClient(StorageNames.AssembliesTable);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(campaign, done)).HasValue);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(campaign, running)).HasValue);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(campaign, retracted)).HasValue);
        // In French too, the question fits beside its two answers.
        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        var panelFr = page.GetByRole(AriaRole.Region, new() { Name = "Vidéos" });
        await panelFr.GetByRole(AriaRole.Button, new() { Name = "Supprimer…" }).ClickAsync();
        await Expect(panelFr.GetByRole(AriaRole.Group)).ToContainTextAsync("Supprimer définitivement cette vidéo");
        await Expect(Item(page, retracted).Locator(".assembly-status")).ToHaveTextAsync("Retirée");
        await Expect(Item(page, retracted).Locator(".assembly-message")).ToContainTextAsync("retiré son consentement");
        await ScreenshotAsync(page, "review-videos-fr-confirm");
        Assert.Empty(Problems(recorder));
    }

    private static ILocator Item(IPage page, string assemblyId) => page.Locator($".assembly[data-id='{assemblyId}']");

    /// <summary>An assembly row as the handler leaves it, and for a finished one its four files (a real video among them).</summary>
    private async Task<string> SeedAsync(string campaign, AssemblyState state, DateTimeOffset createdAt, bool withFiles)
    {
        var id = Guid.NewGuid().ToString("N");
        var outputs = new List<string>();
        if (withFiles)
        {
            var container = stack.Blobs.GetBlobContainerClient(StorageNames.FinalContainer);
            foreach (var name in Files)
            {
                var blob = container.GetBlobClient(StorageNames.AssemblyPrefix(campaign, id) + name);
                if (name.EndsWith(".mp4", StringComparison.Ordinal))
                {
                    await blob.UploadAsync(media.Preview, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "video/mp4" } });
                }
                else
                {
                    await blob.UploadAsync(BinaryData.FromString("WEBVTT\n"), overwrite: true);
                }

                outputs.Add(blob.Name);
            }
        }

        var entity = new AssemblyEntity
        {
            PartitionKey = campaign,
            RowKey = id,
            State = state,
            Formats = "landscape",
            TargetSeconds = 120,
            RequestedBy = "key",
            CreatedAt = createdAt,
            StartedAt = createdAt.AddSeconds(5),
            Progress = state == AssemblyState.Running ? 0.4 : 1,
            ClipCount = 3,
            OutputsJson = withFiles ? JsonSerializer.Serialize(outputs) : null,
            FinishedAt = state == AssemblyState.Running ? null : createdAt.AddMinutes(2),
            Message = state == AssemblyState.Retracted ? AssemblyRetraction.RetractedMessage : null,
        };
        await stack.Tables.GetTableClient(StorageNames.AssembliesTable).AddEntityAsync(entity);
        return id;
    }

    private async Task<List<string>> FilesAsync(string campaign, string assemblyId)
    {
        var names = new List<string>();
        var container = stack.Blobs.GetBlobContainerClient(StorageNames.FinalContainer);
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, StorageNames.AssemblyPrefix(campaign, assemblyId), CancellationToken.None))
        {
            names.Add(item.Name);
        }

        return names;
    }
}
