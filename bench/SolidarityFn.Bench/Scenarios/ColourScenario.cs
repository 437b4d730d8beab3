using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Bench.Infrastructure;
using SolidarityFn.Bench.Scenarios.Processing;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Bench.Scenarios;

/// <summary>
/// Issue 11, colour: the normaliser (probe, thumbnail, clip + preview, as <see cref="IMediaNormalizer"/> runs them) on a
/// 10 s 1080p HLG clip ≤ 1.3 × the same clip in SDR, and the SDR clip ≤ 1.10 × the bare ffmpeg clip command. The three
/// sides alternate in every round, the order rotating, on one machine.
/// </summary>
public sealed class ColourScenario : IScenario
{
    public const double HdrTarget = 1.3;
    public const double SdrTarget = 1.10;

    public string Name => "colour";

    public string Summary => "normaliser time of a 10 s 1080p HLG clip vs the same clip in SDR, and SDR vs bare ffmpeg (issue 11)";

    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rounds = context.Options.WholeNumber(BenchOptions.Rounds, 3, 1, 20);
        var machine = MachineInfo.Collect();
        var folder = Directory.CreateTempSubdirectory("sfn-bench-colour-").FullName;
        try
        {
            Console.WriteLine("== bench colour (issue 11: HLG normaliser ≤ 1.3 × SDR; SDR normaliser ≤ 1.10 × bare ffmpeg)");
            Console.WriteLine($"command: {context.Command}");
            machine.Print(Console.Out, await ProcessingMedia.FfmpegVersionAsync(cancellationToken));

            var (sdr, hlg) = await MakeClipsAsync(folder, cancellationToken);
            var services = new ServiceCollection();
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            services.AddOptions<MediaOptions>();
            services.AddMediaProcessing();
            await using var provider = services.BuildServiceProvider();
            var normalizer = provider.GetRequiredService<IMediaNormalizer>();
            var runner = provider.GetRequiredService<FfmpegRunner>();
            var bare = await BareCommands.PlanAsync(runner, provider.GetRequiredService<IOptions<MediaOptions>>().Value, sdr, cancellationToken);
            var limits = new MediaLimits(MinClipSeconds: 1, MaxClipSeconds: ProcessingMedia.ClipSeconds, PhotoSeconds: 4);

            async Task<double> Side(string side, int round)
            {
                // A fresh local copy inside the work folder, as the processor downloads it (not timed).
                var work = Path.Combine(folder, $"{side}-{round}");
                Directory.CreateDirectory(work);
                var input = Path.Combine(work, "upload");
                File.Copy(side == "hlg" ? hlg : sdr, input);
                if (side == "bare")
                {
                    var command = bare.Clip(input, work);
                    var run = await ProcessingMedia.RunCheckedAsync("ffmpeg", command.ToArguments(), cancellationToken, work);
                    return run.Seconds;
                }

                var started = Stopwatch.GetTimestamp();
                await normalizer.NormalizeAsync(input, limits, work, (_, _) => Task.CompletedTask, cancellationToken);
                return Stopwatch.GetElapsedTime(started).TotalSeconds;
            }

            // Warm-up: JIT, FFMpegCore, and the tone-map LUT (made once per process).
            Console.WriteLine($"warm-up: hlg {await Side("hlg", 0):0.00} s, sdr {await Side("sdr", 0):0.00} s");
            string[][] orders = [["bare", "sdr", "hlg"], ["sdr", "hlg", "bare"], ["hlg", "bare", "sdr"]];
            var times = new Dictionary<string, List<double>> { ["bare"] = [], ["sdr"] = [], ["hlg"] = [] };
            for (var round = 1; round <= rounds; round++)
            {
                var line = new List<string>();
                foreach (var side in orders[(round - 1) % orders.Length])
                {
                    var seconds = await Side(side, round);
                    times[side].Add(seconds);
                    line.Add(string.Create(CultureInfo.InvariantCulture, $"{side} {seconds:0.00} s"));
                }

                Console.WriteLine($"round {round}: {string.Join(", ", line)}; hlg/sdr {times["hlg"][^1] / times["sdr"][^1]:0.000}, sdr/bare {times["sdr"][^1] / times["bare"][^1]:0.000}; load {MachineInfo.CurrentLoadAverage()}");
            }

            static double Median(List<double> values)
            {
                var sorted = values.Order().ToList();
                return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
            }

            var hdrRatio = Median(times["hlg"]) / Median(times["sdr"]);
            var sdrRatio = Median(times["sdr"]) / Median(times["bare"]);
            Console.WriteLine($"median: bare {Median(times["bare"]):0.00} s, sdr {Median(times["sdr"]):0.00} s, hlg {Median(times["hlg"]):0.00} s");
            Console.WriteLine($"HLG / SDR normaliser: {hdrRatio:0.000} (target ≤ {HdrTarget}) {(hdrRatio <= HdrTarget ? "PASS" : "MISS")}");
            Console.WriteLine($"SDR normaliser / bare ffmpeg clip: {sdrRatio:0.000} (target ≤ {SdrTarget}) {(sdrRatio <= SdrTarget ? "PASS" : "MISS")}");
            Console.WriteLine($"load average at the end: {MachineInfo.CurrentLoadAverage()}");
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// The same 10 s 1080p testsrc2 picture with a 440 Hz tone, as a phone records it: HEVC 8-bit SDR BT.709, and HEVC
    /// Main10 HLG (converted with zscale, reference white at 203 cd/m²) tagged as an iPhone tags it.
    /// </summary>
    private static async Task<(string Sdr, string Hlg)> MakeClipsAsync(string folder, CancellationToken cancellationToken)
    {
        var sdr = Path.Combine(folder, "sdr.mov");
        var hlg = Path.Combine(folder, "hlg.mov");
        var seconds = ProcessingMedia.ClipSeconds.ToString(CultureInfo.InvariantCulture);
        string[] sources =
        [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=size=1920x1080:rate=30:duration={seconds}",
            "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={seconds}",
            "-c:a", "aac", "-b:a", "128k", "-shortest", "-tag:v", "hvc1", "-c:v", "libx265", "-preset", "ultrafast",
        ];
        await ProcessingMedia.RunCheckedAsync("ffmpeg", [
            .. sources, "-vf", "format=yuv420p", "-x265-params", "log-level=error:colorprim=bt709:transfer=bt709:colormatrix=bt709",
            "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", sdr], cancellationToken);
        await ProcessingMedia.RunCheckedAsync("ffmpeg", [
            .. sources, "-vf", "format=gbrp,zscale=tin=bt709:pin=bt709:rin=pc:t=arib-std-b67:m=2020_ncl:p=2020:r=tv:npl=203,format=yuv420p10le",
            "-profile:v", "main10", "-x265-params", "log-level=error:colorprim=bt2020:transfer=arib-std-b67:colormatrix=bt2020nc",
            "-colorspace", "bt2020nc", "-color_primaries", "bt2020", "-color_trc", "arib-std-b67", hlg], cancellationToken);
        return (sdr, hlg);
    }
}
