using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Bench.Infrastructure;
using SolidarityFn.Bench.Scenarios.Processing;
using SolidarityFn.DevHost;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Storage;

namespace SolidarityFn.Bench.Scenarios;

/// <summary>
/// DESIGN.md §10, processing: a 10 s 1080p vertical phone clip from blob commit to Ready ≤ 1.10 × the bare ffmpeg
/// command with the same filter graph on a local copy, the thumbnail stored ≤ 1.5 s after the commit; and the host's
/// peak RSS ≤ 400 MB while it processes a 1 GB upload. Bare and pipeline alternate in one run on one machine.
/// </summary>
public sealed class ProcessingScenario : IScenario
{
    public const double RatioTarget = 1.10;
    public const double ThumbnailTargetSeconds = 1.5;
    public const long MemoryTargetBytes = 400L * 1000 * 1000;

    private const string WarmRounds = "warm-rounds";
    private const string PollMs = "poll-ms";
    private const string ClientPollMs = "client-poll-ms";
    private const string ReadyPollMs = "ready-poll-ms";
    private const string MemoryOnly = "memory";
    private const string NoMemory = "no-memory";
    private const string MemoryMib = "memory-mib";
    private const string MemoryGc = "memory-gc";
    private const string MemoryHeic = "memory-heic48";

    private static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Name => "processing";

    public string Summary => "blob commit → Ready of a 10 s 1080p phone clip vs the bare ffmpeg command; host RSS on a 1 GB upload (§10)";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(WarmRounds, "n", "unmeasured rounds of both sides before round 1 (JIT, FFMpegCore, Azurite; default 1)"),
        new(PollMs, "ms", "DevHost:BlobPollInterval, the stand-in for Event Grid's delivery (default 100)"),
        new(ClientPollMs, "ms", "after the commit, list the media folder and read the Submissions row this often until thumb.jpg appears (default 20)"),
        new(ReadyPollMs, "ms", "then read the row this often until Ready (default 250; a 20 ms poll slowed the clip encode by 1-2 s here)"),
        new(MemoryOnly, null, "run only the memory phase (1 GB upload, separate DevHost process)"),
        new(NoMemory, null, "skip the memory phase"),
        new(MemoryMib, "MiB", "size of the large upload (default 1024)"),
        new(MemoryHeic, null, "the memory phase uploads a 48-megapixel HEIC (8064×6048, made with ImageMagick's convert) instead of the large video"),
        new(MemoryGc, "mode", "GC of the DevHost process in the memory phase: server (default: as the DevHost is built), workstation (as the Functions worker runs) or both"),
    ];

    public async Task<int> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var rounds = options.WholeNumber(BenchOptions.Rounds, 3, 1, 50);
        var warmRounds = options.WholeNumber(WarmRounds, 1, 0, 10);
        var poll = TimeSpan.FromMilliseconds(options.Number(PollMs, 100, 10, 5000));
        var clientPoll = (Fast: TimeSpan.FromMilliseconds(options.Number(ClientPollMs, 20, 1, 5000)), Slow: TimeSpan.FromMilliseconds(options.Number(ReadyPollMs, 250, 1, 5000)));
        var memoryOnly = options.Flag(MemoryOnly);
        var noMemory = options.Flag(NoMemory);
        if (memoryOnly && noMemory)
        {
            throw new BenchUsageException("--memory and --no-memory exclude each other.");
        }

        var memoryBytes = (long)options.WholeNumber(MemoryMib, 1024, 16, 8192) * 1024 * 1024;
        var gcModes = (options.Text(MemoryGc) ?? "server") switch
        {
            "both" => new bool?[] { true, false },
            "server" => [true],
            "workstation" => [false],
            var other => throw new BenchUsageException($"--memory-gc must be both, server or workstation, not '{other}'."),
        };
        var jsonPath = options.Text(BenchOptions.Json);

        var machine = MachineInfo.Collect();
        var ffmpegVersion = await ProcessingMedia.FfmpegVersionAsync(cancellationToken);
        var folder = Directory.CreateTempSubdirectory("sfn-bench-processing-").FullName;
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var azurite = await AzuriteProcess.StartAsync(context.RepoRoot, cancellationToken);
            Console.WriteLine("== bench processing (DESIGN.md §10: commit → Ready ≤ 1.10 × bare ffmpeg; thumbnail ≤ 1.5 s after commit; host peak RSS ≤ 400 MB on a 1 GB upload)");
            Console.WriteLine($"command: {context.Command}");
            machine.Print(Console.Out, $"Azurite {azurite.Version} (in memory, pid {azurite.ProcessId}); {ffmpegVersion}");

            var clip = await ProcessingMedia.PhoneClipAsync(folder, cancellationToken);
            TimingResult? timing = null;
            if (!memoryOnly)
            {
                timing = await TimingPhaseAsync(azurite, clip, rounds, warmRounds, poll, clientPoll, folder, cancellationToken);
            }

            var memory = new List<MemoryResult>();
            if (!noMemory)
            {
                memory.AddRange(await MemoryPhasesAsync(context, azurite, clip, memoryBytes, options.Flag(MemoryHeic), poll, gcModes, folder, cancellationToken));
            }

            var report = new Report(
                "processing",
                context.Command,
                DateTimeOffset.UtcNow,
                machine,
                ffmpegVersion,
                azurite.Version,
                poll.TotalMilliseconds,
                timing,
                memory,
                MachineInfo.CurrentLoadAverage(),
                Stopwatch.GetElapsedTime(started).TotalSeconds);
            PrintSummary(report);
            if (jsonPath is not null)
            {
                var path = Path.GetFullPath(jsonPath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, JsonOutput), cancellationToken);
                Console.WriteLine($"figures written to {path}");
            }

            return 0;
        }
        finally
        {
            // The generated media, the 1 GiB upload with it.
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<TimingResult> TimingPhaseAsync(
        AzuriteProcess azurite, string clip, int rounds, int warmRounds, TimeSpan poll, (TimeSpan Fast, TimeSpan Slow) clientPoll, string folder, CancellationToken cancellationToken)
    {
        var trace = new PipelineTrace();
        await using var host = await InProcessDevHost.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?>
            {
                // The trace sees the pipeline's own messages, FfmpegRunner's per-run timings (Debug) among them.
                ["Logging:BenchTrace:LogLevel:Default"] = "Warning",
                ["Logging:BenchTrace:LogLevel:SolidarityFn.Pipeline"] = "Debug",
                // Blob events on; the timers stay off (the shared default): the 30 s sweep is not part of an upload's path.
                ["DevHost:DeliverBlobEvents"] = "true",
                ["DevHost:BlobPollInterval"] = poll.ToString("c", CultureInfo.InvariantCulture),
                // Work folders under the bench's own temp folder (same file system as the default), so nothing outlives the run.
                ["Processing:WorkRoot"] = Path.Combine(folder, "devhost-work"),
            },
            builder =>
            {
                builder.Services.AddSingleton(trace.TimedStorageClients(azurite.ConnectionString));
                builder.Logging.AddProvider(trace.LoggerProvider());
            },
            cancellationToken);
        var (app, baseAddress) = (host.App, host.BaseAddress);
        var media = app.Services.GetRequiredService<IOptions<MediaOptions>>().Value;
        var runner = app.Services.GetRequiredService<FfmpegRunner>();
        var bare = await BareCommands.PlanAsync(runner, media, clip, cancellationToken);
        if (bare.Geometry.DisplayWidth != 1080 || bare.Geometry.Height != 1920)
        {
            throw new InvalidOperationException(
                $"The generated clip shows as {bare.Geometry.DisplayWidth}x{bare.Geometry.Height}, not 1080x1920: the display matrix was not written.");
        }

        var clipBytes = new FileInfo(clip).Length;
        var blobEvent = app.Services.GetRequiredService<IOptions<DevHostOptions>>().Value;
        var clipCommand = bare.Clip(Path.Combine(folder, "bare-1", "upload"), Path.Combine(folder, "bare-1", "media"));
        Console.WriteLine(Invariant(
            $"clip: {bare.Video.CodedWidth}x{bare.Video.CodedHeight} {bare.Video.VideoCodec} stored, rotation {bare.Video.Rotation} → shown {bare.Geometry.DisplayWidth}x{bare.Geometry.Height}, ") +
            Invariant($"{bare.DurationSeconds:F2} s, audio {bare.Video.HasAudio}, {clipBytes / 1e6:F1} MB ({clipBytes * 8 / bare.DurationSeconds / 1e6:F1} Mb/s), keyframe every {ProcessingMedia.KeyframeInterval} frames"));
        Console.WriteLine(Invariant(
            $"pipeline: in-process DevHost ({(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC), DevHost:BlobPollInterval {blobEvent.BlobPollInterval.TotalMilliseconds:0} ms, BlobConcurrency {blobEvent.BlobConcurrency}; ") +
            Invariant($"Media: preset {media.X264Preset}, CRF {media.Crf}, thumbnail {media.ThumbnailWidth} px, preview {media.PreviewWidth} px {media.PreviewSeconds:0.#} s {media.PreviewVideoKbps} kb/s"));
        Console.WriteLine("bare clip command (NormalizeVideoCommand.Build with the preview, as VideoNormalizer builds it; argument vector as run):");
        Console.WriteLine("  ffmpeg " + SolidarityFn.Pipeline.Media.CommandLine.Join(clipCommand.ToArguments()));
        Console.WriteLine(Invariant($"rounds: {warmRounds} unmeasured, then {rounds}; bare first in odd rounds, pipeline first in even rounds"));
        Console.WriteLine(Invariant(
            $"timing: t0 = the block-list commit returned; Ready and thumbnail = the DevHost's Ready row write and thumb.jpg upload answered (timing policy on its storage clients, same clock); ") +
            Invariant($"cross-check: the bench polls (media list + row every {clientPoll.Fast.TotalMilliseconds:0} ms until thumb.jpg, then the row every {clientPoll.Slow.TotalMilliseconds:0} ms)"));
        Console.WriteLine();

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var client = new UploadClient(http, azurite.ConnectionString, clientPoll.Fast, clientPoll.Slow);
        var cpu = new CpuMeter(azurite.ProcessId);
        var raws = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(StorageNames.UploadsContainer);

        async Task<BareRound> BareAsync(int round)
        {
            Collect();
            return await bare.RunAsync(round, clip, Path.Combine(folder, "bare-" + round.ToString(CultureInfo.InvariantCulture)), cpu, cancellationToken);
        }

        async Task<PipelineRound> PipelineAsync(int round)
        {
            Collect();
            trace.Drain();
            CpuMeter.Snapshot? atCommit = null;
            var outcome = await client.UploadAndWaitAsync(DefaultCampaign.Id, clip, TimeSpan.FromMinutes(5), _ => atCommit = cpu.Take(), cancellationToken);
            var used = CpuMeter.Between(atCommit!, cpu.Take());

            // Let the processor finish its tail (raw upload deleted, work folder removed) before anything else runs.
            var raw = raws.GetBlobClient(StorageNames.UploadBlob(DefaultCampaign.Id, outcome.SubmissionId));
            var until = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
            while (await raw.ExistsAsync(cancellationToken) && Stopwatch.GetTimestamp() < until)
            {
                await Task.Delay(50, cancellationToken);
            }

            await Task.Delay(200, cancellationToken);
            var (calls, events) = trace.Drain();
            var timeline = PipelineTimeline.From(DefaultCampaign.Id, outcome.SubmissionId, outcome.Committed, calls, events);
            return new PipelineRound(round, outcome, timeline, used);
        }

        for (var w = 1; w <= warmRounds; w++)
        {
            var b = await BareAsync(0);
            var p = await PipelineAsync(0);
            Console.WriteLine(Invariant(
                $"  warm-up {w}/{warmRounds}     bare clip {b.ClipSeconds,6:F2} s   pipeline commit→Ready {p.ReadySeconds,6:F2} s (unmeasured)"));
        }

        var bares = new List<BareRound>();
        var pipelines = new List<PipelineRound>();
        for (var round = 1; round <= rounds; round++)
        {
            var bareFirst = round % 2 == 1;
            for (var side = 0; side < 2; side++)
            {
                if ((side == 0) == bareFirst)
                {
                    var b = await BareAsync(round);
                    bares.Add(b);
                    Console.WriteLine(Invariant(
                        $"  round {round}/{rounds}  bare       clip+preview {b.ClipSeconds,6:F2} s   (clip only {b.ClipOnlySeconds:F2}; probe {b.ProbeSeconds:F2}, thumbnail {b.ThumbnailSeconds:F2}; serial {b.SerialSeconds:F2} s)"));
                }
                else
                {
                    var p = await PipelineAsync(round);
                    pipelines.Add(p);
                    Console.WriteLine(Invariant(
                        $"  round {round}/{rounds}  pipeline   commit→Ready {p.ReadySeconds,6:F2} s   commit→thumb.jpg {F(p.ThumbnailSeconds, 2)} s   ") +
                        Invariant($"(polled: Ready {p.Outcome.CommitToReadySeconds:F2}, thumb.jpg {F(p.Outcome.CommitToThumbnailSeconds, 2)}; source {p.Outcome.Row.SourceWidth}x{p.Outcome.Row.SourceHeight})"));
                    foreach (var warning in p.Timeline.Warnings)
                    {
                        Console.WriteLine("    " + warning);
                    }
                }
            }
        }

        return new TimingResult(clipBytes, bare.DurationSeconds, bare.Video.Rotation, bare.Geometry.DisplayWidth, bare.Geometry.Height,
            media.X264Preset, media.Crf, "ffmpeg " + SolidarityFn.Pipeline.Media.CommandLine.Join(clipCommand.ToArguments()), rounds, warmRounds, bares, pipelines);
    }

    private static async Task<List<MemoryResult>> MemoryPhasesAsync(
        BenchContext context, AzuriteProcess azurite, string clip, long bytes, bool heic48, TimeSpan poll, bool?[] gcModes, string folder, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        var large = heic48
            ? await ProcessingMedia.Heic48MegapixelAsync(folder, cancellationToken)
            : await ProcessingMedia.LargeUploadAsync(clip, bytes, folder, cancellationToken);
        var dll = DevHostProcess.FindDll(context.RepoRoot);
        Console.WriteLine(Invariant(
            $"memory: {(heic48 ? "48-megapixel HEIC (8064×6048)" : "large upload (the clip looped by stream copy, index at the end)")} {new FileInfo(large).Length / 1048576.0:F1} MiB, DevHost as its own process: dotnet {Path.GetRelativePath(context.RepoRoot, dll)}; RSS of it and of its children sampled every 50 ms"));
        var results = new List<MemoryResult>();
        try
        {
            foreach (var serverGc in gcModes)
            {
                var result = await MemoryPhase.RunAsync(dll, azurite.ConnectionString, clip, large, poll, serverGc, Path.Combine(folder, "devhost-work"), cancellationToken);
                results.Add(result);
                Console.WriteLine(Invariant(
                    $"  {result.Gc + " GC",-16} peak {Mb(result.Peak),6:F0} MB (VmHWM {Mb(result.PeakVmHwm):F0}, sampled max {Mb(result.SampledMaxRss):F0} at {result.SampledMaxAtSeconds:F1} s)   ") +
                    Invariant($"at commit {Mb(result.RssAtCommit):F0} MB   ffmpeg children max {Mb(result.ChildrenMaxRss):F0} MB   photo decoder max {Mb(result.DecoderMaxRss):F0} MB (its VmHWM {(result.DecoderPeakReported is { } p ? Mb(p).ToString("F0", CultureInfo.InvariantCulture) : "-")})   upload {result.UploadSeconds:F1} s, commit→Ready {result.CommitToReadySeconds:F1} s (source {result.SourceDurationSeconds:F0} s, trimmed to 10)"));
                foreach (var problem in result.Problems)
                {
                    Console.WriteLine("    " + problem);
                }
            }
        }
        finally
        {
            File.Delete(large);
        }

        return results;
    }

    private static void PrintSummary(Report report)
    {
        Console.WriteLine();
        Console.WriteLine($"load average at end: {report.LoadAverageAtEnd}   (whole run {report.RunSeconds:F0} s)");
        if (report.Timing is { } noisy && noisy.OthersShare is var (overall, worst) && worst > 0.05)
        {
            // The load average counts the bench's own ffmpeg and Azurite; the CPU table below separates other people's work.
            Console.WriteLine(Invariant(
                $"note: other processes used {overall:P0} of the CPU capacity over the measured intervals (up to {worst:P0} in one interval): the machine was shared, so the figures are noisy; see the CPU table."));
        }

        if (report.Timing is { } timing)
        {
            Console.WriteLine();
            Console.Write(timing.RoundsTable().Render());
            Console.WriteLine();
            Console.WriteLine("CPU core-seconds over each measured interval (bare: the clip command's run; pipeline: commit → Ready seen by the poller), by process:");
            Console.Write(timing.CpuTable().Render());
            Console.WriteLine();
            Console.WriteLine("where commit → Ready goes (DevHost's own storage calls and log messages; the steps add up to commit → Ready):");
            Console.Write(timing.BreakdownTable().Render());
            Console.WriteLine();
            foreach (var line in timing.VerdictLines())
            {
                Console.WriteLine(line);
            }

            Console.WriteLine();
            Console.WriteLine("beyond the bare clip command, the pipeline: waits for the blob event (DevHost list poll; Event Grid in Azure), reads and claims the row (If-Match),");
            Console.WriteLine("reads the campaign and the blob's properties, downloads the blob (8 MiB ranges, 4 at once) to a private folder, sniffs it, runs ffprobe,");
            Console.WriteLine("then the thumbnail ffmpeg (storing thumb.jpg as soon as it exists) alongside the one clip + preview ffmpeg, uploads preview.mp4");
            Console.WriteLine("and clip.mp4, writes Ready (If-Match), deletes the raw upload and the work folder.");
        }

        if (report.Memory.Count > 0)
        {
            Console.WriteLine();
            foreach (var memory in report.Memory)
            {
                Console.WriteLine(Invariant($"memory, {memory.Gc} GC (pid {memory.Pid}): RSS after start {Mb(memory.RssAfterStart):F0} MB, peak through the warm-up clip {Mb(memory.PeakDuringWarmupClip):F0} MB, ") +
                                            Invariant($"before the upload {Mb(memory.RssBeforeUpload):F0} MB, at commit {Mb(memory.RssAtCommit):F0} MB; VmHWM reset before the upload: {(memory.PeakWasReset ? "yes" : "no (peak since start)")}"));
                var table = new TextTable("step (s after commit)", "from", "to", "host max MB", "ffmpeg max MB", "photo decoder max MB");
                foreach (var step in memory.Steps)
                {
                    table.Add(step.Step, F(step.FromSeconds, 1), F(step.ToSeconds, 1), F(Mb(step.HostMaxRss), 0), F(Mb(step.ChildrenMaxRss), 0), F(Mb(step.DecoderMaxRss), 0));
                }

                Console.Write(table.Render());
            }

            Console.WriteLine();
            foreach (var memory in report.Memory)
            {
                Console.WriteLine(Invariant(
                    $"host peak RSS, {memory.Upload()} upload, {memory.Gc} GC: {Mb(memory.Peak):F0} MB (baseline at commit {Mb(memory.RssAtCommit):F0} MB, +{Mb(memory.DeltaOverCommit):F0} MB)   target ≤ {Mb(MemoryTargetBytes):F0} MB   {(memory.Peak <= MemoryTargetBytes ? "PASS" : "MISS")}"));
                if (memory.DecoderMaxRss > 0 || memory.DecoderPeakReported is not null)
                {
                    Console.WriteLine(Invariant(
                        $"  photo decoder (own process, killed above Media:PhotoDecoderMemoryMib) peak RSS: {Mb(Math.Max(memory.DecoderMaxRss, memory.DecoderPeakReported ?? 0)):F0} MB (sampled {Mb(memory.DecoderMaxRss):F0}, its VmHWM {(memory.DecoderPeakReported is { } peak ? Mb(peak).ToString("F0", CultureInfo.InvariantCulture) : "-")})"));
                }
            }

            Console.WriteLine("(MB = 10^6 bytes; ffmpeg's and the photo decoder's own RSS are separate processes, shown beside, not in, the host's figure.)");
        }
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    internal static double Mb(long bytes) => bytes / 1e6;

    internal static string F(double? value, int decimals) =>
        value is not { } v || double.IsNaN(v) ? "-" : v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One pipeline round: what the client saw and where the time went inside the DevHost.</summary>
    public sealed record PipelineRound(int Round, UploadOutcome Outcome, PipelineTimeline Timeline, CpuUse Cpu)
    {
        /// <summary>commit → the Ready write answered (the polled time when the trace lacks it).</summary>
        public double ReadySeconds => Timeline.ReadyWrittenSeconds ?? Outcome.CommitToReadySeconds;

        /// <summary>commit → the thumb.jpg upload answered (the polled time when the trace lacks it).</summary>
        public double ThumbnailSeconds => Timeline.ThumbnailStoredSeconds ?? Outcome.CommitToThumbnailSeconds ?? double.NaN;
    }

    public sealed record TimingResult(
        long ClipBytes,
        double ClipDurationSeconds,
        int Rotation,
        int ShownWidth,
        int ShownHeight,
        string X264Preset,
        int Crf,
        string BareClipCommand,
        int Rounds,
        int WarmRounds,
        IReadOnlyList<BareRound> Bare,
        IReadOnlyList<PipelineRound> Pipeline)
    {
        public double[] Ratios => [.. Enumerable.Range(1, Rounds).Select(r => Ready(r) / BareOf(r).ClipSeconds)];

        public double MedianRatio => Statistics.Median(Ratios);

        public double[] ClipOnlyRatios => [.. Enumerable.Range(1, Rounds).Select(r => Ready(r) / BareOf(r).ClipOnlySeconds)];

        public double RatioOfMedians => Statistics.Median(Pipeline.Select(p => p.ReadySeconds)) / Statistics.Median(Bare.Select(b => b.ClipSeconds));

        public double MedianThumbnail => Statistics.Median(Pipeline.Select(p => p.ThumbnailSeconds));

        public double MaxThumbnail => Pipeline.Max(p => p.ThumbnailSeconds);

        private BareRound BareOf(int round) => Bare.Single(b => b.Round == round);

        private const double QuietShare = 0.05;

        private double Ready(int round) => PipelineOf(round).ReadySeconds;

        private PipelineRound PipelineOf(int round) => Pipeline.Single(p => p.Round == round);

        private static double Work(CpuUse cpu) => cpu.Ffmpeg + cpu.Bench + cpu.Azurite;

        public TextTable RoundsTable()
        {
            var table = new TextTable(
                "round", "order", "bare clip+preview s", "commit→Ready s", "Ready/bare", "commit→thumb s", "polled Ready s", "polled thumb s",
                "bare clip only s", "Ready/clip only", "bare serial s", "Ready/serial");
            for (var round = 1; round <= Rounds; round++)
            {
                var bare = BareOf(round);
                var pipeline = Pipeline.Single(p => p.Round == round);
                table.Add(
                    round.ToString(CultureInfo.InvariantCulture),
                    round % 2 == 1 ? "bare, pipeline" : "pipeline, bare",
                    F(bare.ClipSeconds, 2),
                    F(pipeline.ReadySeconds, 2),
                    F(pipeline.ReadySeconds / bare.ClipSeconds, 3),
                    F(pipeline.ThumbnailSeconds, 2),
                    F(pipeline.Outcome.CommitToReadySeconds, 2),
                    F(pipeline.Outcome.CommitToThumbnailSeconds, 2),
                    F(bare.ClipOnlySeconds, 2),
                    F(pipeline.ReadySeconds / bare.ClipOnlySeconds, 3),
                    F(bare.SerialSeconds, 2),
                    F(pipeline.ReadySeconds / bare.SerialSeconds, 3));
            }

            table.Add(
                "median",
                "",
                F(Statistics.Median(Bare.Select(b => b.ClipSeconds)), 2),
                F(Statistics.Median(Pipeline.Select(p => p.ReadySeconds)), 2),
                F(MedianRatio, 3),
                F(MedianThumbnail, 2),
                F(Statistics.Median(Pipeline.Select(p => p.Outcome.CommitToReadySeconds)), 2),
                F(Statistics.Median(Pipeline.Select(p => p.Outcome.CommitToThumbnailSeconds ?? double.NaN)), 2),
                F(Statistics.Median(Bare.Select(b => b.ClipOnlySeconds)), 2),
                F(Statistics.Median(ClipOnlyRatios), 3),
                F(Statistics.Median(Bare.Select(b => b.SerialSeconds)), 2),
                F(Statistics.Median(Enumerable.Range(1, Rounds).Select(r => Ready(r) / BareOf(r).SerialSeconds)), 3));
            return table;
        }

        /// <summary>Share of the machine's CPU that other processes used over all measured intervals, and in the worst one.</summary>
        public (double Overall, double Worst) OthersShare
        {
            get
            {
                var all = Bare.Select(b => b.ClipCpu).Concat(Pipeline.Select(p => p.Cpu)).ToList();
                return all.Count == 0 ? (0, 0) : (all.Sum(c => c.Others) / all.Sum(c => c.Capacity), all.Max(c => c.Others / c.Capacity));
            }
        }

        public TextTable CpuTable()
        {
            var table = new TextTable("round", "side", "wall s", "capacity", "ffmpeg", "bench process", "Azurite", "other processes", "idle");
            foreach (var (round, side, cpu) in Bare.Select(b => (b.Round, "bare clip", b.ClipCpu))
                .Concat(Pipeline.Select(p => (p.Round, "pipeline", p.Cpu)))
                .OrderBy(x => x.Round))
            {
                table.Add(
                    round.ToString(CultureInfo.InvariantCulture),
                    side,
                    F(cpu.Wall, 2),
                    F(cpu.Capacity, 1),
                    F(cpu.Ffmpeg, 1),
                    F(cpu.Bench, 2),
                    F(cpu.Azurite, 2),
                    F(cpu.Others, 1),
                    F(Math.Max(0, cpu.Capacity - cpu.Ffmpeg - cpu.Bench - cpu.Azurite - cpu.Others), 1));
            }

            return table;
        }

        public TextTable BreakdownTable()
        {
            var table = new TextTable("step", "median s", "per round s", "bare, same step (median s)");
            foreach (var (key, label) in PipelineTimeline.StepNames)
            {
                var values = Pipeline.Select(p => p.Timeline.Step(key) ?? double.NaN).ToList();
                var bareSame = key switch
                {
                    "probe" => F(Statistics.Median(Bare.Select(b => b.ProbeSeconds)), 2),
                    "clip" => F(Statistics.Median(Bare.Select(b => b.ClipSeconds)), 2),
                    _ => "",
                };
                table.Add(label, F(Statistics.Median(values), 2), string.Join(" / ", values.Select(v => F(v, 2))), bareSame);
            }

            var thumbnails = Pipeline.Select(p => p.Timeline.FfmpegSeconds.GetValueOrDefault("thumbnail", double.NaN)).ToList();
            table.Add("  (thumbnail ffmpeg, alongside the clip)", F(Statistics.Median(thumbnails), 2), string.Join(" / ", thumbnails.Select(v => F(v, 2))),
                F(Statistics.Median(Bare.Select(b => b.ThumbnailSeconds)), 2));
            var uploads = Pipeline.Select(p => p.Timeline.ThumbnailUploadSeconds ?? double.NaN).ToList();
            table.Add("  (thumb.jpg upload, alongside the clip)", F(Statistics.Median(uploads), 3), string.Join(" / ", uploads.Select(v => F(v, 3))), "");
            table.Add("commit → Ready", F(Statistics.Median(Pipeline.Select(p => p.ReadySeconds)), 2),
                string.Join(" / ", Pipeline.Select(p => F(p.ReadySeconds, 2))), "");
            return table;
        }

        public IEnumerable<string> VerdictLines()
        {
            yield return Invariant(
                $"commit → Ready / bare clip + preview command: median {MedianRatio:F3} (per round {string.Join(", ", Ratios.Select(r => r.ToString("F3", CultureInfo.InvariantCulture)))}; ratio of medians {RatioOfMedians:F3})   target ≤ {RatioTarget:F2}   {(MedianRatio <= RatioTarget ? "PASS" : "MISS")}");
            yield return Invariant(
                $"commit → Ready / the clip command without its preview output: median {Statistics.Median(ClipOnlyRatios):F3} (per round {string.Join(", ", ClipOnlyRatios.Select(r => r.ToString("F3", CultureInfo.InvariantCulture)))}; for comparison with the runs before the preview joined the clip's run)");
            yield return Invariant(
                $"commit → thumb.jpg stored: median {MedianThumbnail:F2} s (max {MaxThumbnail:F2} s, {Pipeline.Count(p => p.ThumbnailSeconds <= ThumbnailTargetSeconds)} of {Pipeline.Count} rounds within; polled, median {Statistics.Median(Pipeline.Select(p => p.Outcome.CommitToThumbnailSeconds ?? double.NaN)):F2} s)   target ≤ {ThumbnailTargetSeconds:F1} s   {(MedianThumbnail <= ThumbnailTargetSeconds ? "PASS" : "MISS")}");
            var quiet = Enumerable.Range(1, Rounds).Where(r => BareOf(r).ClipCpu.Others / BareOf(r).ClipCpu.Capacity < QuietShare && PipelineOf(r).Cpu.Others / PipelineOf(r).Cpu.Capacity < QuietShare).ToList();
            yield return Invariant(
                $"quiet rounds (other processes < {QuietShare:P0} of the CPU on both sides): {quiet.Count} of {Rounds}") +
                (quiet.Count == 0 ? "" : Invariant($", Ready/bare {string.Join(", ", quiet.Select(r => (Ready(r) / BareOf(r).ClipSeconds).ToString("F3", CultureInfo.InvariantCulture)))} (median {Statistics.Median(quiet.Select(r => Ready(r) / BareOf(r).ClipSeconds)):F3})"));
            yield return Invariant(
                $"CPU work, pipeline / bare clip (ffmpeg + bench process + Azurite core-seconds; not affected by other processes): median {Statistics.Median(Enumerable.Range(1, Rounds).Select(r => Work(PipelineOf(r).Cpu) / Work(BareOf(r).ClipCpu))):F3}");
            var extra = Statistics.Median(Pipeline.Select(p => p.ReadySeconds)) - Statistics.Median(Bare.Select(b => b.ClipSeconds));
            yield return Invariant(
                $"the pipeline takes {extra:F2} s more than the bare clip command (medians); a 1.10 × target allows {Statistics.Median(Bare.Select(b => b.ClipSeconds)) * (RatioTarget - 1):F2} s");
        }
    }

    /// <summary>Everything the run found, as printed and as written with --json.</summary>
    public sealed record Report(
        string Scenario,
        string Command,
        DateTimeOffset FinishedAt,
        MachineInfo Machine,
        string Ffmpeg,
        string AzuriteVersion,
        double BlobPollIntervalMs,
        TimingResult? Timing,
        IReadOnlyList<MemoryResult> Memory,
        string LoadAverageAtEnd,
        double RunSeconds)
    {
    }
}

internal static class MemoryResultText
{
    public static string Upload(this MemoryResult result) =>
        (result.UploadBytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture) + " MiB";
}
