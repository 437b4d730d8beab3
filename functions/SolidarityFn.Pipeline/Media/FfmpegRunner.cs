using System.Diagnostics;
using System.Text.Json;
using FFMpegCore;
using FFMpegCore.Arguments;
using FFMpegCore.Exceptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SolidarityFn.Pipeline.Media;

/// <summary>
/// Runs ffmpeg and ffprobe through FFMpegCore with a wall-clock timeout that kills the process, and turns failures into
/// <see cref="MediaRejectedException"/> (the media's fault), <see cref="MediaToolException"/> (worth a retry) or
/// <see cref="OperationCanceledException"/> (the caller cancelled).
/// </summary>
/// <remarks>
/// How the kill works: FFMpegCore's <c>CancellableThrough(token, gracePeriod)</c> answers a cancelled token by writing
/// "q" to ffmpeg's stdin and, once the grace period is over, calling <c>Process.Kill()</c> (SIGKILL). Every run has
/// -nostdin, so "q" is ignored by design and the grace period is zero: the timeout token kills at once. ffprobe runs
/// through Instances' <c>WaitForExitAsync(token)</c>, which also calls <c>Process.Kill()</c> on cancellation. Behind that,
/// ffmpeg's own -timelimit makes the kernel end a run that somehow outlives the kill (RLIMIT_CPU), and the wait for
/// FFMpegCore is itself bounded so a stuck library call cannot hold a worker forever.
/// </remarks>
public sealed partial class FfmpegRunner
{
    /// <summary>How long after the timeout we still wait for FFMpegCore to report the killed process.</summary>
    private static readonly TimeSpan KillAllowance = TimeSpan.FromSeconds(15);

    private readonly MediaOptions _options;
    private readonly ILogger<FfmpegRunner> _logger;
    private readonly Lock _buildGate = new();
    private Task<string>? _build;

    public FfmpegRunner(IOptions<MediaOptions> options, ILogger<FfmpegRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>
    /// ffmpeg's version line ("ffmpeg version 5.1.8-0+deb12u1 …"), read once per process. Cache keys of encoded segments
    /// include it: segments made by two different builds must never be joined by stream copy.
    /// </summary>
    public Task<string> EncoderBuildAsync(CancellationToken cancellationToken)
    {
        Task<string> build;
        lock (_buildGate)
        {
            // A failed read (ffmpeg missing for a moment) is tried again by the next caller, not remembered.
            if (_build is null || _build.IsFaulted)
            {
                _build = ReadBuildAsync();
            }

            build = _build;
        }

        return build.WaitAsync(cancellationToken);
    }

    private async Task<string> ReadBuildAsync()
    {
        // Not the caller's token: the one read serves every later caller, so one caller's cancellation must not poison it.
        var version = await Health.ToolVersionProbe.GetVersionAsync(_options.FfmpegExecutable, TimeSpan.FromSeconds(30), CancellationToken.None);
        return version ?? throw new MediaToolException("ffmpeg -version did not answer; the encoder build is unknown.");
    }

    /// <summary>The limits a run with this wall-clock timeout gets.</summary>
    public FfmpegLimits LimitsFor(TimeSpan timeout) =>
        new(_options.MaxPixels, SafeArguments.CpuSecondsFor(timeout, Environment.ProcessorCount));

    /// <summary>
    /// FFMpegCore's view of a command: global and input options go before each "-i path" (FFMpegCore 6 has no separate
    /// global list, so they lead the first input's options), then the output options and the output path. Every
    /// argument is quoted by <see cref="CommandLine"/>; FFMpegCore's own quoting (a bare pair of double quotes) is not used.
    /// </summary>
    public static FFMpegArgumentProcessor ToProcessor(FfmpegCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Inputs.Count == 0)
        {
            throw new ArgumentException("An ffmpeg command needs an input.", nameof(command));
        }

        FFMpegArguments? arguments = null;
        for (var i = 0; i < command.Inputs.Count; i++)
        {
            var input = command.Inputs[i];
            IReadOnlyList<string> options = i == 0 ? [.. command.Global, .. input.Options] : input.Options;
            Action<FFMpegInputOptions> configure = o =>
            {
                if (options.Count > 0)
                {
                    o.WithCustomArgument(CommandLine.Join(options));
                }
            };
            var argument = new QuotedInput(input.Path);
            arguments = arguments is null ? FFMpegArguments.FromInput(argument, configure) : arguments.AddInput(argument, configure);
        }

        // FFMpegCore knows one output, written last: earlier outputs go, with their paths, into its custom arguments.
        List<string> outputOptions = [.. command.Output];
        var last = command.OutputPath;
        foreach (var more in command.MoreOutputs)
        {
            outputOptions.Add(last);
            outputOptions.AddRange(more.Options);
            last = more.Path;
        }

        return arguments!.OutputTo(new QuotedOutput(last), o =>
        {
            if (outputOptions.Count > 0)
            {
                o.WithCustomArgument(CommandLine.Join(outputOptions));
            }
        });
    }

    /// <summary>Runs one ffmpeg command; every output must exist and be non-empty afterwards.</summary>
    /// <param name="step">A short name for logs ("thumbnail", "clip", ...).</param>
    /// <param name="sensitivePaths">Paths to keep out of the logs (they can contain names chosen upstream).</param>
    public async Task RunAsync(
        string step,
        FfmpegCommand command,
        TimeSpan timeout,
        IReadOnlyCollection<string> sensitivePaths,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        var processor = ToProcessor(command);
        var workingDirectory = Path.GetDirectoryName(command.OutputPath) ?? Path.GetTempPath();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        FFMpegResult? result = null;
        var cancelled = false;
        try
        {
            result = await processor
                .CancellableThrough(timeoutSource.Token, TimeSpan.Zero)
                .ProcessAsynchronously(throwOnError: false, FfOptions(workingDirectory), CancellationToken.None)
                .WaitAsync(timeout + KillAllowance, CancellationToken.None);
        }
        catch (TimeoutException exception)
        {
            Log.NotEnded(_logger, step, timeout.TotalSeconds);
            throw new MediaToolException($"ffmpeg ({step}) did not end after its time limit.", exception);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
        {
            cancelled = true;
        }
        catch (Exception exception) when (IsStartFailure(exception))
        {
            // Not the media: ffmpeg missing or not runnable.
            Log.CouldNotStart(_logger, step, exception.GetType().Name);
            throw new MediaToolException($"ffmpeg ({step}) could not be run.", exception);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (cancelled || result is null || result.Cancelled || (timeoutSource.IsCancellationRequested && result.ExitCode != 0))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Log.TimedOut(_logger, step, timeout.TotalSeconds);
            throw new MediaRejectedException(RejectionReasons.Timeout, MediaMessages.Timeout);
        }

        if (result.ExitCode != 0)
        {
            var kind = FfmpegFailure.Classify(result.ExitCode, result.StandardError);
            var errors = Redact(result.StandardError, sensitivePaths);
            Log.Failed(_logger, step, result.ExitCode, kind, errors);
            throw ToException(step, kind);
        }

        if (command.OutputPaths.Select(path => new FileInfo(path)).Any(output => !output.Exists || output.Length == 0))
        {
            // ffmpeg ends "successfully" when nothing could be decoded (no frame at the seek point, say).
            Log.EmptyOutput(_logger, step);
            throw new MediaRejectedException(RejectionReasons.Corrupt, MediaMessages.Corrupt);
        }

        Log.Ran(_logger, step, (long)elapsed.TotalMilliseconds);
    }

    /// <summary>ffprobe's analysis of one input (streams and format), with the forced demuxer and the file protocol only.</summary>
    public Task<IMediaAnalysis> ProbeAsync(
        string inputPath,
        string demuxer,
        IReadOnlyCollection<string> sensitivePaths,
        CancellationToken cancellationToken) =>
        RunProbeAsync(
            "probe",
            (options, token) => FFProbe.AnalyseAsync(
                inputPath, options, CommandLine.Join(ProbeArguments.Build(demuxer, _options.MaxPixels)), token),
            inputPath,
            sensitivePaths,
            cancellationToken);

    /// <summary>The packets of the first video stream over the first <paramref name="seconds"/> (to measure a video without a stated length).</summary>
    public Task<FFProbePackets> ScanPacketsAsync(
        string inputPath,
        string demuxer,
        double seconds,
        IReadOnlyCollection<string> sensitivePaths,
        CancellationToken cancellationToken) =>
        RunProbeAsync(
            "packet-scan",
            (options, token) => FFProbe.GetPacketsAsync(
                inputPath, options, CommandLine.Join(ProbeArguments.PacketScan(demuxer, _options.MaxPixels, seconds)), token),
            inputPath,
            sensitivePaths,
            cancellationToken);

    private async Task<T> RunProbeAsync<T>(
        string step,
        Func<FFOptions, CancellationToken, Task<T>> probe,
        string inputPath,
        IReadOnlyCollection<string> sensitivePaths,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        EnsureQuotable(inputPath);
        var timeout = _options.ProbeTimeout;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await probe(FfOptions(Path.GetDirectoryName(inputPath)!), timeoutSource.Token)
                .WaitAsync(timeout + KillAllowance, CancellationToken.None);
            var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Log.Ran(_logger, step, elapsedMs);
            return result;
        }
        catch (TimeoutException exception)
        {
            Log.NotEnded(_logger, step, timeout.TotalSeconds);
            throw new MediaToolException($"ffprobe ({step}) did not end after its time limit.", exception);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Log.TimedOut(_logger, step, timeout.TotalSeconds);
            throw new MediaRejectedException(RejectionReasons.Timeout, MediaMessages.Timeout);
        }
        catch (FFProbeProcessException exception)
        {
            var kind = FfmpegFailure.Classify(exception.ExitCode, exception.StandardError);
            // ffprobe that cannot read the input at all: the file is not what its first bytes claimed, or damaged.
            kind = kind == FfmpegFailureKind.Failed ? FfmpegFailureKind.Corrupt : kind;
            var errors = Redact(exception.StandardError, sensitivePaths);
            Log.Failed(_logger, step, exception.ExitCode, kind, errors);
            throw ToException(step, kind);
        }
        catch (Exception exception) when (exception is FormatNullException or JsonException)
        {
            Log.Failed(_logger, step, 0, FfmpegFailureKind.Corrupt, exception.GetType().Name);
            throw new MediaRejectedException(RejectionReasons.Corrupt, MediaMessages.Corrupt, exception);
        }
        catch (Exception exception) when (IsStartFailure(exception))
        {
            Log.CouldNotStart(_logger, step, exception.GetType().Name);
            throw new MediaToolException($"ffprobe ({step}) could not be run.", exception);
        }
    }

    /// <summary>
    /// FFMpegCore puts ffprobe's input between a bare pair of double quotes, so a path containing a double quote (or
    /// ending in a backslash) cannot be passed intact. The work folders are generated by the pipeline; refuse rather than
    /// mangle.
    /// </summary>
    public static void EnsureQuotable(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Contains('"', StringComparison.Ordinal) || path.EndsWith('\\') || path.Any(char.IsControl))
        {
            throw new ArgumentException("Media paths may not contain double quotes, control characters or a trailing backslash.", nameof(path));
        }
    }

    private static bool IsStartFailure(Exception exception) =>
        exception is FFMpegException or Instances.Exceptions.InstanceException or System.ComponentModel.Win32Exception;

    private static Exception ToException(string step, FfmpegFailureKind kind) => kind switch
    {
        FfmpegFailureKind.Corrupt => new MediaRejectedException(RejectionReasons.Corrupt, MediaMessages.Corrupt),
        FfmpegFailureKind.TooLarge => new MediaRejectedException(RejectionReasons.TooLarge, MediaMessages.PictureTooLarge),
        FfmpegFailureKind.Timeout => new MediaRejectedException(RejectionReasons.Timeout, MediaMessages.Timeout),
        FfmpegFailureKind.Transient => new MediaToolException($"ffmpeg ({step}) was interrupted; the media may be fine."),
        _ => new MediaRejectedException(RejectionReasons.ProcessingFailed, MediaMessages.Failed),
    };

    private FFOptions FfOptions(string workingDirectory)
    {
        // FFMpegCore quietly falls back to PATH when the configured folder lacks a tool. A missing ffmpeg is not a
        // start-up error (the host must start so /api/health can say 503), but it must never run another binary.
        if (!string.IsNullOrWhiteSpace(_options.FfmpegPath) && (!File.Exists(_options.FfmpegExecutable) || !File.Exists(_options.FfprobeExecutable)))
        {
            throw new MediaToolException("Media:FfmpegPath does not hold both ffmpeg and ffprobe.");
        }

        return new FFOptions
        {
            BinaryFolder = _options.FfmpegPath ?? string.Empty,
            WorkingDirectory = workingDirectory,
            LogLevel = null,
        };
    }

    private static string Redact(IReadOnlyList<string> lines, IReadOnlyCollection<string> sensitivePaths)
    {
        // The last few error lines are the useful ones; paths become placeholders.
        var text = string.Join(" | ", lines.TakeLast(6));
        foreach (var path in sensitivePaths.Where(p => !string.IsNullOrEmpty(p)).OrderByDescending(p => p.Length))
        {
            text = text.Replace(path, "<path>", StringComparison.Ordinal);
        }

        return text.Length > 1000 ? text[..1000] : text;
    }

    /// <summary>"-i" and the input path as one quoted argument.</summary>
    private sealed class QuotedInput(string path) : IInputArgument
    {
        public string Text => "-i " + CommandLine.Quote(path);

        public void Pre(FFOptions options)
        {
        }

        public Task During(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public void Post()
        {
        }
    }

    /// <summary>The output path as one quoted argument (overwrite comes from the global -y).</summary>
    private sealed class QuotedOutput(string path) : IOutputArgument
    {
        public string Text => CommandLine.Quote(path);

        public void Pre(FFOptions options)
        {
        }

        public Task During(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public void Post()
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "ffmpeg {Step} finished in {ElapsedMs} ms")]
        public static partial void Ran(ILogger logger, string step, long elapsedMs);

        [LoggerMessage(Level = LogLevel.Warning, Message = "ffmpeg {Step} failed with exit code {ExitCode} ({Kind}): {Errors}")]
        public static partial void Failed(ILogger logger, string step, int exitCode, FfmpegFailureKind kind, string errors);

        [LoggerMessage(Level = LogLevel.Warning, Message = "ffmpeg {Step} reached its {TimeoutSeconds} s limit and was killed")]
        public static partial void TimedOut(ILogger logger, string step, double timeoutSeconds);

        [LoggerMessage(Level = LogLevel.Error, Message = "ffmpeg {Step} did not end after its {TimeoutSeconds} s limit and the kill")]
        public static partial void NotEnded(ILogger logger, string step, double timeoutSeconds);

        [LoggerMessage(Level = LogLevel.Error, Message = "ffmpeg {Step} could not be started: {Error}")]
        public static partial void CouldNotStart(ILogger logger, string step, string error);

        [LoggerMessage(Level = LogLevel.Warning, Message = "ffmpeg {Step} wrote no output")]
        public static partial void EmptyOutput(ILogger logger, string step);
    }
}
