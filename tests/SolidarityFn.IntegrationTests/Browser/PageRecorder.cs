using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Web;
using Azure.Storage.Blobs;
using Microsoft.Playwright;

namespace SolidarityFn.IntegrationTests.Browser;

/// <summary>What a page did: every request it made and everything it wrote to the console.</summary>
internal sealed class PageRecorder
{
    private readonly ConcurrentQueue<IRequest> _requests = new();
    private readonly ConcurrentQueue<string> _console = new();

    private PageRecorder(IPage page)
    {
        page.Request += (_, request) => _requests.Enqueue(request);
        page.Console += (_, message) => _console.Enqueue($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => _console.Enqueue("pageerror: " + error);
    }

    public static PageRecorder Attach(IPage page) => new(page);

    public IReadOnlyList<IRequest> Requests => [.. _requests];

    public IReadOnlyList<string> Console => [.. _console];

    /// <summary>POSTs that asked the API for an upload link.</summary>
    public int UploadRequests => Requests.Count(r => r.Method == "POST" && new Uri(r.Url).AbsolutePath.EndsWith("/uploads", StringComparison.Ordinal));

    /// <summary>Put Block requests sent to blob storage, by block id (attempts aborted on the way count too).</summary>
    public IReadOnlyDictionary<string, int> PutBlocksById() =>
        Requests.Where(r => r.Method == "PUT" && BlobComp(r.Url) == "block")
            .GroupBy(r => BlockId(r.Url)!)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public static string? BlobComp(string url) => HttpUtility.ParseQueryString(new Uri(url).Query)["comp"];

    public static string? BlockId(string url) => HttpUtility.ParseQueryString(new Uri(url).Query)["blockid"];
}

internal static class BrowserTestHelpers
{
    public static string ShotsDirectory { get; } = Path.Combine(Path.GetTempPath(), "shots");

    /// <summary>The id the page uses for block n: base64 of "block-" and n in six digits.</summary>
    public static string BlockIdFor(int index) =>
        Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"block-{index:D6}"));

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ShotsDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShotsDirectory, name + ".png"), FullPage = true });
    }

    public static async Task<string> Sha256Async(BlobClient blob)
    {
        await using var stream = await blob.OpenReadAsync();
        return Convert.ToHexString(await SHA256.HashDataAsync(stream));
    }

    /// <summary>Splits a receipt link (/r/{submissionId}#{token}) into its parts.</summary>
    public static (string SubmissionId, string Token) ParseReceiptUrl(string receiptUrl)
    {
        var uri = new Uri(receiptUrl);
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, segments.Length);
        Assert.Equal("r", segments[0]);
        Assert.StartsWith("#", uri.Fragment, StringComparison.Ordinal);
        return (segments[1], uri.Fragment[1..]);
    }

    /// <summary>Fills the form the way a contributor does; the file is chosen through its visible label.</summary>
    public static async Task FillFormAsync(IPage page, string clipPath, string union = "CUPE Local 3903")
    {
        await page.GetByLabel("Your name (optional)", new() { Exact = true }).FillAsync("Amira K.");
        await page.GetByLabel("Union or local", new() { Exact = true }).FillAsync(union);
        await page.GetByLabel("Sector or workplace", new() { Exact = true }).FillAsync("Education workers");
        await page.GetByLabel("City", new() { Exact = true }).FillAsync("Toronto");
        await page.GetByRole(AriaRole.Button, new() { Name = "ICE out of MN: Solidarity from ____" }).TapAsync();
        await page.GetByLabel("I agree", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Choose a video or photo").SetInputFilesAsync(clipPath);
    }
}
