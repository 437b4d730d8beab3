using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Playwright;
using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Browser;

/// <summary>
/// The local stack with small upload blocks (256 KiB, the smallest the intake allows), so a ~1 MB clip goes up
/// in several Put Block requests and the page's block logic (order, retries, commit) is really exercised.
/// </summary>
public sealed class BrowserStackFixture : StackFixture
{
    public const int BlockSizeBytes = 256 * 1024;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Intake:BlockSizeBytes", BlockSizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}

/// <summary>Debian's Chromium driven by Playwright's .NET driver (which runs the node driver inside the NuGet package).</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _driver;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ExecutablePath} (apt-get install chromium).");
        }

        _driver = await Playwright.CreateAsync();
        Browser = await _driver.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>A fresh phone: 360 × 740, touch, mobile viewport, its own storage.</summary>
    public async Task<IBrowserContext> NewPhoneContextAsync(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
            Locale = locale,
        });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _driver?.Dispose();
    }
}

/// <summary>A real 6 s H.264/AAC clip made with ffmpeg's lavfi sources, in a temp dir removed afterwards.</summary>
public sealed class TestClipFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "solidarityfn-browser-" + Guid.NewGuid().ToString("N"));

    public string FilePath => Path.Combine(_directory, "clip.mp4");

    public long Length { get; private set; }

    public string Sha256 { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var arg in new[]
        {
            "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30",
            "-f", "lavfi", "-i", "sine=frequency=440",
            "-t", "6", "-c:v", "libx264", "-b:v", "1500k", "-c:a", "aac", "-shortest", FilePath,
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start ffmpeg.");
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed ({process.ExitCode}): {await stderr}");
        }

        var bytes = await File.ReadAllBytesAsync(FilePath);
        Length = bytes.Length;
        Sha256 = Convert.ToHexString(SHA256.HashData(bytes));
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserStackFixture>, ICollectionFixture<ChromiumFixture>, ICollectionFixture<TestClipFixture>
{
    public const string Name = "browser";
}
