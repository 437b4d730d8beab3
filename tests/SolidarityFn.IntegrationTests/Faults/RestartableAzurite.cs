using System.Diagnostics;
using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Faults;

/// <summary>
/// Azurite keeping its data in a folder on disk, so it can be stopped (storage gone: every request refused) and started
/// again on the same ports with the same data, under hosts that keep running.
/// </summary>
public sealed class RestartableAzurite : IAsyncDisposable
{
    private Process? _process;

    public string DataFolder { get; } = Directory.CreateTempSubdirectory("sfn-faults-azurite-").FullName;

    public int BlobPort { get; } = FreePorts.Next();

    public int QueuePort { get; } = FreePorts.Next();

    public int TablePort { get; } = FreePorts.Next();

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AzuriteFixture.AccountName};TableEndpoint=http://127.0.0.1:{TablePort}/{AzuriteFixture.AccountName};";

    public bool Running => _process is { HasExited: false };

    public async Task StartAsync()
    {
        if (Running)
        {
            return;
        }

        _process?.Dispose();
        _process = await AzuriteProcess.StartAsync(
        [
            "--location", DataFolder, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ], BlobPort, TablePort);
    }

    /// <summary>
    /// Stops Azurite as its operator would (SIGTERM: it closes its servers and saves its data). Azurite also saves every
    /// 5 s, so if it has not exited within 15 s it is killed, its data already on disk.
    /// </summary>
    public async Task StopAsync()
    {
        if (!Running)
        {
            return;
        }

        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await term.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Running)
        {
            _process!.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(DataFolder, recursive: true);
    }
}
