using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SolidarityFn.Bench.Scenarios.Processing;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Bench.Scenarios.Assembly;

/// <summary>One generated clip and what a contributor typed with it.</summary>
public sealed record BenchClip(int Index, string Path, string Caption, string Union, string Sector, string City)
{
    /// <summary>Every benchmark clip is 1920×1080 (stored without shape metadata, which the assembly reads as that size).</summary>
    public static ClipShape Shape { get; } = ClipShape.Legacy;
}

/// <summary>
/// The approved clips of the benchmark: 5 s, 1920×1080 at 30 fps, already in the mezzanine format (the app's own
/// <see cref="MezzanineFormat.OutputArguments"/> with its preset and CRF), made with lavfi. They must cost what footage
/// costs to decode and re-encode, so the picture moves everywhere and carries temporal grain, and there is a tone, not
/// silence. Made once and kept under the temp folder by a hash of everything that shapes them, so later runs reuse them.
/// </summary>
public static class AssemblyMedia
{
    public const double ClipSeconds = 5;

    /// <summary>Bumped when the generation below changes (part of the cache folder's name).</summary>
    private const string GeneratorVersion = "asm-media-1";

    // Four kinds of moving content; the fractals and the cellular automaton are computed small and scaled up (cheap to
    // make, still detailed and moving at full size). Each clip also gets its own hue and grain seed.
    private static readonly string[] Sources =
    [
        "testsrc2=s=1920x1080:r=30",
        "gradients=s=1920x1080:r=30:speed=0.03:n=4",
        "life=s=480x270:r=30:mold=10:ratio=0.3:life_color=#e0c040:death_color=#203040,scale=1920:1080:flags=bilinear",
        "mandelbrot=s=960x540:r=30:maxiter=200,scale=1920:1080",
    ];

    public static async Task<IReadOnlyList<BenchClip>> EnsureAsync(int count, int grain, string x264Preset, int crf, Action<string> progress, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('|', GeneratorVersion, grain, x264Preset, crf, string.Join(' ', MezzanineFormat.OutputArguments(x264Preset, crf))))))[..16];
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sfn-bench-assembly-media", key);
        Directory.CreateDirectory(folder);
        var clips = new List<BenchClip>(count);
        for (var i = 0; i < count; i++)
        {
            var path = System.IO.Path.Combine(folder, $"clip-{i.ToString("D2", CultureInfo.InvariantCulture)}.mp4");
            if (!File.Exists(path))
            {
                progress($"making clip {i + 1}/{count} ({Sources[i % Sources.Length].Split('=')[0]}, grain {grain})");
                var partial = path + ".partial.mp4";
                await ProcessingMedia.RunCheckedAsync("ffmpeg", Arguments(i, grain, x264Preset, crf, partial), cancellationToken);
                File.Move(partial, path, overwrite: true);
            }

            var text = AssemblyTexts.For(i);
            clips.Add(new BenchClip(i, path, text.Caption, text.Union, text.Sector, text.City));
        }

        return clips;
    }

    private static List<string> Arguments(int i, int grain, string x264Preset, int crf, string output)
    {
        var seconds = ClipSeconds.ToString(CultureInfo.InvariantCulture);
        var hue = (i * 47 % 360).ToString(CultureInfo.InvariantCulture);
        var tone = (220 + (i * 30)).ToString(CultureInfo.InvariantCulture);
        var seed = (1000 + i).ToString(CultureInfo.InvariantCulture);
        var grainFilter = grain > 0 ? $",noise=alls={grain.ToString(CultureInfo.InvariantCulture)}:allf=t:all_seed={seed}" : string.Empty;
        return
        [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", Sources[i % Sources.Length],
            "-f", "lavfi", "-i", $"sine=frequency={tone}:sample_rate=48000",
            "-filter_complex", $"[0:v]hue=h={hue}{grainFilter},{MezzanineFormat.VideoPixelFormat}[v];[1:a]volume=0.3,{MezzanineFormat.AudioFormat}[a]",
            "-map", "[v]", "-map", "[a]", "-t", seconds,
            .. MezzanineFormat.OutputArguments(x264Preset, crf),
            output,
        ];
    }
}
