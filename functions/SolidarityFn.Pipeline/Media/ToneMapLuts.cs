using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// The tone-map LUT files (<see cref="ToneMapLut"/>), made on first need once per process and kept in the temp folder,
/// where a later process finds them (the name carries a hash of the chain). About half a second of ffmpeg, once.
/// </summary>
public sealed partial class ToneMapLuts : IDisposable
{
    private readonly FfmpegRunner _runner;
    private readonly MediaOptions _options;
    private readonly ILogger<ToneMapLuts> _logger;
    private readonly ConcurrentDictionary<SourceColour, string> _ready = new();
    private readonly SemaphoreSlim _making = new(1, 1);

    public ToneMapLuts(FfmpegRunner runner, IOptions<MediaOptions> options, ILogger<ToneMapLuts> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _options = options.Value;
        _logger = logger;
        Folder = Path.Combine(Path.GetTempPath(), "solidarityfn-tonemap");
    }

    /// <summary>Where the LUTs are kept.</summary>
    public string Folder { get; }

    /// <summary>The LUT of an HDR transfer (HLG or PQ), made now if this process has not got it yet.</summary>
    public async Task<string> PathForAsync(SourceColour transfer, CancellationToken cancellationToken)
    {
        if (_ready.TryGetValue(transfer, out var known))
        {
            return known;
        }

        await _making.WaitAsync(cancellationToken);
        try
        {
            if (_ready.TryGetValue(transfer, out known))
            {
                return known;
            }

            var path = Path.Combine(Folder, ToneMapLut.FileName(transfer));
            if (!File.Exists(path) || new FileInfo(path).Length == 0)
            {
                await MakeAsync(transfer, path, cancellationToken);
            }

            _ready[transfer] = path;
            return path;
        }
        finally
        {
            _making.Release();
        }
    }

    public void Dispose() => _making.Dispose();

    private async Task MakeAsync(SourceColour transfer, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var unique = Guid.NewGuid().ToString("N");
        var lattice = Path.Combine(Folder, unique + ".lattice");
        var sampled = Path.Combine(Folder, unique + ".sampled");
        var cube = Path.Combine(Folder, unique + ".cube.tmp");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await File.WriteAllBytesAsync(lattice, ToneMapLut.Lattice(), cancellationToken);
            var timeout = _options.ThumbnailTimeout;
            await _runner.RunAsync(
                "tonemap-lut",
                ToneMapLut.Command(transfer, lattice, sampled, _runner.LimitsFor(timeout)),
                timeout,
                [Folder],
                cancellationToken);
            var text = ToneMapLut.ToCube(await File.ReadAllBytesAsync(sampled, cancellationToken), transfer);
            await File.WriteAllTextAsync(cube, text, cancellationToken);

            // Another process may be making the same file: both write the same content, the move is atomic.
            File.Move(cube, path, overwrite: true);
            var elapsedMs = (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Log.Made(_logger, transfer, elapsedMs);
        }
        catch (MediaRejectedException exception)
        {
            // Not the upload's fault: this ffmpeg cannot run the chain (built without zimg, say). Worth a retry elsewhere.
            throw new MediaToolException("The tone-map LUT could not be made with this ffmpeg.", exception);
        }
        finally
        {
            foreach (var leftover in new[] { lattice, sampled, cube })
            {
                File.Delete(leftover);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Tone-map LUT for {Transfer} made in {ElapsedMs} ms")]
        public static partial void Made(ILogger logger, SourceColour transfer, long elapsedMs);
    }
}
