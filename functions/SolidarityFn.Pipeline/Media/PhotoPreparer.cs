using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using ImageMagick;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SolidarityFn.Pipeline.Media;

/// <summary>The photo after <see cref="PhotoPreparer"/>: upright, sRGB, opaque, without any profile, as a PNG.</summary>
/// <param name="Width">Width of the photo as sent, once upright (the submission's source width).</param>
/// <param name="Height">Height of the photo as sent, once upright.</param>
/// <param name="PngWidth">Width of the written PNG (scaled down to <see cref="MediaOptions.MaxPhotoEdge"/>).</param>
/// <param name="PngHeight">Height of the written PNG.</param>
public sealed record PreparedPhoto(string PngPath, int Width, int Height, int PngWidth, int PngHeight);

/// <summary>
/// Prepares a photo (<see cref="PhotoDecoding"/>) in a process of its own, SolidarityFn.PhotoDecoder, started with the
/// host's own dotnet (<see cref="DotnetMuxer"/>) and an environment holding none of the host's settings. The host never
/// decodes pixels: it waits for the decoder in a lane (<see cref="MediaOptions.PhotoDecodeLanes"/>, one by default, so
/// photos never take every processing slot), watches its resident memory, and kills its process tree when the photo
/// takes too long for its pixels, needs too much memory, or the caller cancels.
/// <para>
/// Whose fault: a refusal the decoder reports, a decode over its time limit and a decoder over its memory limit are the
/// photo's (<see cref="MediaRejectedException"/>, too_large or corrupt: not retried). A decoder that cannot be started,
/// does not read the header in time (start-up on a busy instance) or ends without a result is ours
/// (<see cref="MediaToolException"/>: retried, the upload kept).
/// </para>
/// </summary>
public sealed partial class PhotoPreparer : IDisposable
{
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ExitAllowance = TimeSpan.FromSeconds(15);
    private const int StderrKeptChars = 2000;

    private readonly MediaOptions _options;
    private readonly ILogger<PhotoPreparer> _logger;
    private readonly SemaphoreSlim _lanes;
    private readonly Lazy<string> _muxer = new(DotnetMuxer.Find);

    public PhotoPreparer(IOptions<MediaOptions> options, ILogger<PhotoPreparer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _lanes = new SemaphoreSlim(_options.PhotoDecodeLanes, _options.PhotoDecodeLanes);
    }

    /// <summary>The Magick.NET decoder for a sniffed photo.</summary>
    public static MagickFormat DecoderFor(SniffedMedia sniffed)
    {
        ArgumentNullException.ThrowIfNull(sniffed);
        return sniffed.Format switch
        {
            ContainerFormat.Jpeg => MagickFormat.Jpeg,
            ContainerFormat.Png => MagickFormat.Png,
            ContainerFormat.Webp => MagickFormat.WebP,
            ContainerFormat.Heif when sniffed.Brand is "avif" or "avis" or "avio" => MagickFormat.Avif,
            ContainerFormat.Heif => MagickFormat.Heic,
            _ => throw new ArgumentException("Not a photo format: " + sniffed.Format, nameof(sniffed)),
        };
    }

    /// <summary>What the decoder process is asked for this photo.</summary>
    public PhotoDecodeRequest RequestFor(string inputPath, SniffedMedia sniffed, string pngPath) => new(
        inputPath,
        pngPath,
        DecoderFor(sniffed).ToString(),
        Path.GetDirectoryName(pngPath) ?? throw new ArgumentException("The PNG path needs a folder.", nameof(pngPath)),
        _options.MaxPhotoEdge,
        _options.MaxPixels,
        _options.MaxPhotoSide,
        _options.MaxPhotoAspect,
        _options.PhotoMemoryMib,
        _options.PhotoDiskMib);

    public async Task<PreparedPhoto> PrepareAsync(string inputPath, SniffedMedia sniffed, string pngPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sniffed);
        var request = RequestFor(inputPath, sniffed, pngPath);
        if (!await _lanes.WaitAsync(LaneWait(_options), cancellationToken))
        {
            // A decoder ahead has held the lane past its own limits (it is being killed): ours, retried later, so the
            // claim of this upload is never held longer than ClaimOutlastsMediaLimits counts on.
            Log.NoLane(_logger, LaneWait(_options));
            throw new MediaToolException("No photo decoder lane came free in time.");
        }

        try
        {
            return await RunDecoderAsync(request, sniffed.Format, cancellationToken);
        }
        finally
        {
            _lanes.Release();
        }
    }

    /// <summary>How long a photo waits for a decoder lane: one decode's start-up and wall-clock limits.</summary>
    public static TimeSpan LaneWait(MediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PhotoStartTimeout + options.PhotoDecodeTimeout + ExitAllowance;
    }

    public void Dispose() => _lanes.Dispose();

    private async Task<PreparedPhoto> RunDecoderAsync(PhotoDecodeRequest request, ContainerFormat format, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        using var process = new Process { StartInfo = StartInfo(request) };
        try
        {
            process.Start();
        }
        catch (Exception exception) when (exception is Win32Exception or InvalidOperationException or IOException)
        {
            Log.CouldNotStart(_logger, exception.GetType().Name);
            throw new MediaToolException("The photo decoder could not be started.", exception);
        }

        using var timeLimit = new CancellationTokenSource(_options.PhotoStartTimeout);
        using var memoryLimit = new CancellationTokenSource();
        using var cpuLimit = new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeLimit.Token, memoryLimit.Token, cpuLimit.Token);
        process.StandardInput.Close();

        PhotoDecoderReport? header = null;
        PhotoDecoderReport? result = null;
        var cpuBudget = TimeSpan.Zero;
        TimeSpan? cpuAtHeader = null;
        var stderr = new StringBuilder();
        var readOut = Task.Run(
            async () =>
            {
                while (await process.StandardOutput.ReadLineAsync(CancellationToken.None) is { } line)
                {
                    switch (PhotoDecoderReport.Parse(line))
                    {
                        case { Kind: PhotoDecoderReport.HeaderKind } h when header is null:
                            // From the header on, the decode gets the CPU time its pixels deserve (runtime start-up not
                            // counted), and the wall-clock backstop starts again.
                            cpuBudget = _options.PhotoDecodeCpuTimeFor((long)h.Width!.Value * h.Height!.Value);
                            cpuAtHeader = CpuTime(process);
                            header = h;
                            try
                            {
                                timeLimit.CancelAfter(_options.PhotoDecodeTimeout);
                            }
                            catch (ObjectDisposedException)
                            {
                                // The run is over already.
                            }

                            break;
                        case { Kind: PhotoDecoderReport.PreparedKind or PhotoDecoderReport.RefusedKind } r:
                            result = r;
                            break;
                    }
                }
            },
            CancellationToken.None);
        var readErr = Task.Run(
            async () =>
            {
                while (await process.StandardError.ReadLineAsync(CancellationToken.None) is { } line)
                {
                    stderr.Append(line).Append(" | ");
                    if (stderr.Length > StderrKeptChars * 2)
                    {
                        stderr.Remove(0, stderr.Length - StderrKeptChars);
                    }
                }
            },
            CancellationToken.None);

        var limitBytes = (long)_options.PhotoDecoderMemoryMib * 1024 * 1024;
        long peakSeen = 0;
        var cpuUsed = TimeSpan.Zero;
        var watch = Task.Run(
            async () =>
            {
                // Libheif's buffers are outside ImageMagick's limits: the process's resident set is what is bounded.
                while (!process.HasExited && !stop.IsCancellationRequested)
                {
                    var rss = ProcessMemory.ResidentBytes(process.Id) ?? 0;
                    peakSeen = Math.Max(peakSeen, rss);
                    if (rss > limitBytes)
                    {
                        await memoryLimit.CancelAsync();
                        return;
                    }

                    if (cpuAtHeader is { } atHeader && CpuTime(process) is { } now)
                    {
                        cpuUsed = now - atHeader;
                        if (cpuUsed > cpuBudget)
                        {
                            await cpuLimit.CancelAsync();
                            return;
                        }
                    }

                    await Task.Delay(WatchInterval, CancellationToken.None);
                }
            },
            CancellationToken.None);

        var killed = false;
        try
        {
            await process.WaitForExitAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            KillTree(process);
            killed = true;
        }

        // Streams end when the process (and anything holding its pipes) is gone; bounded all the same.
        await Task.WhenAll(readOut, readErr, watch).WaitAsync(ExitAllowance, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        var elapsed = Stopwatch.GetElapsedTime(started);

        if (killed && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        if (killed && memoryLimit.IsCancellationRequested)
        {
            Log.OverMemory(_logger, format, header?.Width ?? 0, header?.Height ?? 0, _options.PhotoDecoderMemoryMib);
            throw new MediaRejectedException(RejectionReasons.TooLarge, MediaMessages.PhotoTooMuchMemory);
        }

        if (killed && cpuLimit.IsCancellationRequested)
        {
            Log.TooSlow(_logger, format, header?.Width ?? 0, header?.Height ?? 0, cpuBudget.TotalSeconds);
            throw new MediaRejectedException(RejectionReasons.TooLarge, MediaMessages.PhotoTooSlow);
        }

        if (killed && timeLimit.IsCancellationRequested)
        {
            // Not started, or not done, in wall-clock time with CPU to spare: starved or stuck, which says nothing about
            // the photo. Ours to retry (a bounded number of times; the upload is kept).
            if (header is null)
            {
                Log.NoHeader(_logger, format, _options.PhotoStartTimeout.TotalSeconds);
                throw new MediaToolException("The photo decoder did not read the header within its start-up time.");
            }

            Log.Stalled(_logger, format, _options.PhotoDecodeTimeout.TotalSeconds, cpuUsed.TotalSeconds, cpuBudget.TotalSeconds);
            throw new MediaToolException("The photo decoder did not finish within its wall-clock limit, with CPU time to spare.");
        }

        var exitCode = process.HasExited ? process.ExitCode : -1;
        switch (result)
        {
            case { Kind: PhotoDecoderReport.PreparedKind } prepared when exitCode == PhotoDecoderExit.Prepared && File.Exists(request.PngPath):
                var peakMb = Mb(Math.Max(prepared.PeakRssBytes ?? 0, peakSeen));
                Log.Prepared(
                    _logger, format, prepared.Width!.Value, prepared.Height!.Value, prepared.PngWidth!.Value, prepared.PngHeight!.Value,
                    (long)elapsed.TotalMilliseconds, peakMb);
                return new PreparedPhoto(request.PngPath, prepared.Width.Value, prepared.Height.Value, prepared.PngWidth.Value, prepared.PngHeight.Value);
            case { Kind: PhotoDecoderReport.RefusedKind } refused when exitCode == PhotoDecoderExit.Refused:
                Log.Refused(_logger, format, refused.Reason!, refused.Detail ?? "");
                throw new MediaRejectedException(refused.Reason!, refused.Message!);
            default:
                // A crash, a missing dll or runtime, a kill by the system: ours, retried, the upload kept.
                var errors = Redact(stderr.ToString(), request);
                Log.Crashed(_logger, exitCode, errors);
                throw new MediaToolException($"The photo decoder ended with exit code {exitCode} and no result.");
        }
    }

    private ProcessStartInfo StartInfo(PhotoDecodeRequest request)
    {
        var start = new ProcessStartInfo(_muxer.Value)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = request.TempFolder,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(_options.PhotoDecoderDll);
        foreach (var argument in request.ToArguments())
        {
            start.ArgumentList.Add(argument);
        }

        // The decoder reads hostile bytes: it inherits none of the host's settings (storage keys, the organizer key).
        var inherited = start.Environment.Where(e => e.Key is "PATH" or "DOTNET_ROOT" or "DOTNET_ROOT_X64").ToList();
        start.Environment.Clear();
        foreach (var (key, value) in inherited)
        {
            start.Environment[key] = value;
        }

        start.Environment["TMPDIR"] = request.TempFolder;
        start.Environment["DOTNET_gcServer"] = "0";
        // Its managed heap is small (the pixels are native): bounded so a runaway there ends in an OutOfMemoryException.
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x8000000";
        // No diagnostics IPC socket for a process that reads untrusted input.
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        return start;
    }

    /// <summary>The decoder's user + system CPU time so far; null once it has ended.</summary>
    private static TimeSpan? CpuTime(Process process)
    {
        try
        {
            return process.TotalProcessorTime;
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // It ended on its own meanwhile.
        }
    }

    private static long Mb(long bytes) => bytes / 1_000_000;

    private static string Redact(string text, PhotoDecodeRequest request)
    {
        foreach (var path in new[] { request.InputPath, request.PngPath, request.TempFolder }.OrderByDescending(p => p.Length))
        {
            text = text.Replace(path, "<path>", StringComparison.Ordinal);
        }

        return text.Length > StderrKeptChars ? text[^StderrKeptChars..] : text;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "No photo decoder lane came free in {LaneWait}; the upload is handed back for a later attempt")]
        public static partial void NoLane(ILogger logger, TimeSpan laneWait);

        [LoggerMessage(Level = LogLevel.Information, Message = "Photo ({Format}) prepared out of process: {Width}x{Height} upright, PNG {PngWidth}x{PngHeight}, in {ElapsedMs} ms, decoder peak RSS {PeakRssMb} MB")]
        public static partial void Prepared(ILogger logger, ContainerFormat format, int width, int height, int pngWidth, int pngHeight, long elapsedMs, long peakRssMb);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Photo ({Format}) refused by the decoder: {Reason} ({Detail})")]
        public static partial void Refused(ILogger logger, ContainerFormat format, string reason, string detail);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Photo ({Format}) {Width}x{Height} not decoded within its {CpuSeconds} s of CPU: decoder killed, refused as too_large")]
        public static partial void TooSlow(ILogger logger, ContainerFormat format, int width, int height, double cpuSeconds);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Photo ({Format}): the decoder did not finish within {TimeoutSeconds} s having used {CpuSeconds:0.0} of its {BudgetSeconds:0.0} s of CPU; killed, to be retried")]
        public static partial void Stalled(ILogger logger, ContainerFormat format, double timeoutSeconds, double cpuSeconds, double budgetSeconds);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Photo ({Format}) {Width}x{Height}: decoder over {LimitMib} MiB resident, killed, refused as too_large")]
        public static partial void OverMemory(ILogger logger, ContainerFormat format, int width, int height, int limitMib);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Photo ({Format}): the decoder did not read the header within {TimeoutSeconds} s; killed, to be retried")]
        public static partial void NoHeader(ILogger logger, ContainerFormat format, double timeoutSeconds);

        [LoggerMessage(Level = LogLevel.Error, Message = "The photo decoder could not be started: {Error}")]
        public static partial void CouldNotStart(ILogger logger, string error);

        [LoggerMessage(Level = LogLevel.Error, Message = "The photo decoder ended with exit code {ExitCode} and no result: {Errors}")]
        public static partial void Crashed(ILogger logger, int exitCode, string errors);
    }
}
