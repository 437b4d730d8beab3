using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.IntegrationTests.Media;

/// <summary>
/// What one normalisation did: its result or rejection, when the thumbnail was handed over, and whether the clip's
/// ffmpeg run had already ended by then (the thumbnail must not wait for it).
/// </summary>
internal sealed record NormalizeRun(
    NormalizedMedia? Result,
    MediaRejectedException? Rejection,
    TimeSpan Elapsed,
    TimeSpan? ThumbnailAt,
    bool ClipFinishedAtThumbnail,
    string WorkDir)
{
    public NormalizedMedia Ok => Result ?? throw new Xunit.Sdk.XunitException(
        $"Expected success, got {Rejection?.Reason}: {Rejection?.Message}");
}

/// <summary>
/// The media engine as the app registers it (AddMediaProcessing), real ffmpeg/ffprobe from PATH and Magick.NET, with
/// every log line captured so tests can check that no path reaches the logs.
/// </summary>
internal sealed class MediaHarness : IDisposable
{
    public static readonly MediaLimits DefaultLimits = new(MinClipSeconds: 1, MaxClipSeconds: 10, PhotoSeconds: 4);

    private readonly ServiceProvider _services;
    private readonly CapturingLoggerProvider _logs = new();

    public MediaHarness(Action<MediaOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders().AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        services.AddOptions<MediaOptions>().Configure(options => configure?.Invoke(options));
        services.AddMediaProcessing();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Directory.CreateDirectory(WorkRoot);
    }

    /// <summary>Work folders live under a name with spaces, an apostrophe and a percent sign.</summary>
    public string WorkRoot { get; } = Path.Combine(Path.GetTempPath(), $"media work it's 100% {Guid.NewGuid():N}");

    public IMediaNormalizer Normalizer => _services.GetRequiredService<IMediaNormalizer>();

    public FfmpegRunner Runner => _services.GetRequiredService<FfmpegRunner>();

    public IReadOnlyCollection<string> Logs => _logs.Lines;

    /// <summary>Copies a sample into a fresh work folder (as the storage side downloads it) and normalises it.</summary>
    public async Task<NormalizeRun> RunAsync(string sample, MediaLimits? limits = null, CancellationToken cancellationToken = default)
    {
        var workDir = Path.Combine(WorkRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workDir);
        var input = Path.Combine(workDir, "upload 'from phone' 100%");
        File.Copy(sample, input);

        var started = Stopwatch.StartNew();
        TimeSpan? thumbnailAt = null;
        var clipFinished = false;
        var logsBefore = _logs.Lines.Count;
        try
        {
            var result = await Normalizer.NormalizeAsync(
                input,
                limits ?? DefaultLimits,
                workDir,
                (thumbnail, _) =>
                {
                    thumbnailAt = started.Elapsed;
                    // FfmpegRunner logs "ffmpeg {Step} finished" as the run ends, before it returns.
                    clipFinished = _logs.Lines.Skip(logsBefore).Any(line =>
                        line.Contains("ffmpeg clip finished", StringComparison.Ordinal) || line.Contains("ffmpeg still-clip finished", StringComparison.Ordinal));
                    Assert.True(File.Exists(thumbnail));
                    return Task.CompletedTask;
                },
                cancellationToken);
            return new NormalizeRun(result, null, started.Elapsed, thumbnailAt, clipFinished, workDir);
        }
        catch (MediaRejectedException rejection)
        {
            return new NormalizeRun(null, rejection, started.Elapsed, thumbnailAt, clipFinished, workDir);
        }
    }

    /// <summary>No log line carries a path: upload names and folders stay out of the logs.</summary>
    public void AssertLogsHaveNoPaths()
    {
        Assert.NotEmpty(Logs);
        Assert.DoesNotContain(Logs, line => line.Contains(WorkRoot, StringComparison.Ordinal));
        Assert.DoesNotContain(Logs, line => line.Contains("from phone", StringComparison.Ordinal));
        Assert.DoesNotContain(Logs, line => line.Contains(Path.GetTempPath(), StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _services.Dispose();
        try
        {
            Directory.Delete(WorkRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Lines, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
        }
    }
}
