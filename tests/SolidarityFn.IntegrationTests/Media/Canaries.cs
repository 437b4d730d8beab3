using System.Net;
using System.Net.Sockets;

namespace SolidarityFn.IntegrationTests.Media;

/// <summary>A loopback TCP listener that counts every connection: a playlist pointing here must never be followed.</summary>
internal sealed class TcpCanary : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    public TcpCanary()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }
}

/// <summary>
/// A named pipe (FIFO) that notices being opened: a writer blocks in open() until some process opens it for reading.
/// A concat script pointing here must never make ffmpeg open it.
/// </summary>
internal sealed class FifoCanary : IDisposable
{
    private readonly Task _writer;
    private volatile bool _releasing;
    private volatile bool _openedByOther;

    private FifoCanary(string path)
    {
        Path = path;
        _writer = Task.Factory.StartNew(
            () =>
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                if (!_releasing)
                {
                    _openedByOther = true;
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    public string Path { get; }

    /// <summary>True once a process other than this canary opened the pipe.</summary>
    public bool Opened => _openedByOther;

    public static async Task<FifoCanary> CreateAsync(string path)
    {
        await Tool.RunAsync("mkfifo", [path]);
        return new FifoCanary(path);
    }

    /// <summary>Waits briefly for a pending open to register (the writer thread may lag the reader by a moment).</summary>
    public async Task<bool> OpenedWithinAsync(TimeSpan wait)
    {
        var until = DateTime.UtcNow + wait;
        while (!Opened && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }

        return Opened;
    }

    public void Dispose()
    {
        _releasing = true;
        if (!_writer.IsCompleted)
        {
            // Unblock the writer by opening the read end ourselves.
            using var reader = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            _writer.Wait(TimeSpan.FromSeconds(5));
        }

        File.Delete(Path);
    }
}
