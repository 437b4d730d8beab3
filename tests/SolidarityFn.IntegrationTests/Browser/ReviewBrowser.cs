using System.Text.Json;
using Microsoft.Playwright;
using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Browser;

/// <summary>The review page's own stack (organizer key set by StackFixture), browser and seeded media.</summary>
[CollectionDefinition(Name)]
public sealed class ReviewBrowserCollection : ICollectionFixture<StackFixture>, ICollectionFixture<ChromiumFixture>, ICollectionFixture<ReviewMediaFixture>
{
    public const string Name = "review-browser";
}

internal static class ReviewBrowser
{
    /// <summary>A laptop: 1366 × 800, mouse and keyboard.</summary>
    public static async Task<IBrowserContext> NewLaptopContextAsync(this ChromiumFixture chromium, string locale = "en-US")
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 800 },
            Locale = locale,
        });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    /// <summary>A tablet held upright: 820 × 1180, touch, mobile viewport.</summary>
    public static async Task<IBrowserContext> NewTabletContextAsync(this ChromiumFixture chromium, string locale = "en-US")
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 820, Height = 1180 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
            Locale = locale,
        });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    /// <summary>The organizers' list of one status, read through the API with the organizer key.</summary>
    public static async Task<List<JsonElement>> ListAsync(StackFixture stack, string campaignId, string status)
    {
        using var client = stack.CreateOrganizerClient();
        var items = new List<JsonElement>();
        string? token = null;
        do
        {
            var url = $"api/campaigns/{campaignId}/submissions?status={status}" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            using var page = JsonDocument.Parse(await client.GetStringAsync(url));
            items.AddRange(page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.Clone()));
            token = page.RootElement.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null);
        return items;
    }

    public static string Id(this JsonElement item) => item.GetProperty("submissionId").GetString()!;

    public static string? Text(this JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static double? Number(this JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>Signs in through the page's own form.</summary>
    public static async Task SignInAsync(IPage page, string key, string label = "Organizer key", string button = "Sign in")
    {
        await page.GetByLabel(label, new() { Exact = true }).FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
    }

    /// <summary>True once every thumbnail of the grid has loaded real pixels.</summary>
    public static Task WaitForThumbnailsAsync(IPage page, int count) =>
        page.WaitForFunctionAsync(
            "n => { const imgs = [...document.querySelectorAll('#grid img')]; return imgs.length === n && imgs.every(i => i.complete && i.naturalWidth > 0); }",
            count);

    /// <summary>A finger drag from one point to another through Chromium's touch input (pointer events of type touch).</summary>
    public static async Task TouchDragAsync(IBrowserContext context, IPage page, (float X, float Y) from, (float X, float Y) to)
    {
        var cdp = await context.NewCDPSessionAsync(page);
        static Dictionary<string, object> Touch(string type, float x, float y) => new()
        {
            ["type"] = type,
            ["touchPoints"] = type == "touchEnd" ? Array.Empty<object>() : new object[] { new Dictionary<string, object> { ["x"] = x, ["y"] = y, ["id"] = 1 } },
        };
        await cdp.SendAsync("Input.dispatchTouchEvent", Touch("touchStart", from.X, from.Y));
        const int steps = 10;
        for (var i = 1; i <= steps; i++)
        {
            await cdp.SendAsync("Input.dispatchTouchEvent", Touch("touchMove", from.X + ((to.X - from.X) * i / steps), from.Y + ((to.Y - from.Y) * i / steps)));
        }

        await cdp.SendAsync("Input.dispatchTouchEvent", Touch("touchEnd", to.X, to.Y));
        await cdp.DetachAsync();
    }

    /// <summary>Console lines that are real problems (a 401 while the page finds out it needs a key is expected).</summary>
    public static IEnumerable<string> Problems(PageRecorder recorder) =>
        recorder.Console.Where(m => (m.StartsWith("error", StringComparison.Ordinal) || m.StartsWith("pageerror", StringComparison.Ordinal))
            && !m.Contains("status of 401", StringComparison.Ordinal));
}
