using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenCvSharp;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Protection;
using Xunit.Abstractions;

namespace SolidarityFn.IntegrationTests.Protection;

/// <summary>
/// The shipped cascades on the real photo (as a photo and as a 5 s clip sampled every 0.2 s): what each finds and how
/// long a frame takes. The frontal face must be found; the profile is reported, not required (the issue says the
/// profile cascade misses it; the organizer adds it).
/// </summary>
public sealed class FaceDetectorTests(ITestOutputHelper output)
{
    [Fact]
    public void The_shipped_cascades_find_the_frontal_face_on_the_photo()
    {
        using var detector = new FaceDetector();
        using var grey = Cv2.ImRead(ProtectionMedia.Photo, ImreadModes.Grayscale);
        detector.Detect(grey); // warm-up: the first call pays for allocations
        var clock = Stopwatch.StartNew();
        var boxes = detector.Detect(grey);
        var ms = clock.Elapsed.TotalMilliseconds;

        Report("photo 840x700", boxes, grey.Width, grey.Height, ms);
        Assert.Contains(boxes, b => b.Cascade is FaceCascade.FrontalDefault or FaceCascade.FrontalAlt2 or FaceCascade.FrontalLbpImproved && CentreIn(b, grey.Width, grey.Height, ProtectionMedia.FrontalFace));
    }

    [Fact]
    public async Task Sampling_the_five_second_clip_every_fifth_of_a_second_proposes_a_region_over_the_frontal_face_for_the_whole_clip()
    {
        var dir = Directory.CreateTempSubdirectory("protect-detect-").FullName;
        try
        {
            var clip = await ProtectionMedia.FiveSecondClipAsync(dir);
            var runner = new FfmpegRunner(Options.Create(new MediaOptions()), NullLogger<FfmpegRunner>.Instance);
            var raw = Path.Combine(dir, "frames.gray");
            await runner.RunAsync("face-frames", FrameSampleCommand.Build(clip, 840, 700, raw, new FfmpegLimits(50_000_000, 600)), TimeSpan.FromMinutes(3), [dir], CancellationToken.None);
            var (w, h) = FrameSampleCommand.SampleSize(840, 700);
            var bytes = await File.ReadAllBytesAsync(raw);
            var frames = bytes.Length / (w * h);
            Assert.InRange(frames, 24, 26);

            using var detector = new FaceDetector();
            var detections = new List<FaceDetection>();
            var all = new List<FaceBox>();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < frames; i++)
            {
                var frame = bytes.AsSpan(i * w * h, w * h).ToArray();
                foreach (var b in detector.Detect(frame, w, h))
                {
                    all.Add(b);
                    detections.Add(new FaceDetection(i / 5.0, b.X / (double)w, b.Y / (double)h, b.Width / (double)w, b.Height / (double)h));
                }
            }

            Report($"clip 5 s, {frames} frames at {w}x{h}", all, w, h, clock.Elapsed.TotalMilliseconds / frames);
            var regions = RegionProposals.From(detections, 5);
            foreach (var r in regions)
            {
                output.WriteLine($"region x={r.X:0.###} y={r.Y:0.###} w={r.Width:0.###} h={r.Height:0.###} {r.FromSeconds:0.#}-{r.ToSeconds:0.#} s");
            }

            var face = ProtectionMedia.FrontalFace;
            Assert.Contains(regions, r => r.X <= face.X + 0.02 && r.Y <= face.Y + 0.02 && r.X + r.Width >= face.X + face.W - 0.02 &&
                r.Y + r.Height >= face.Y + face.H - 0.02 && r.FromSeconds == 0 && r.ToSeconds >= 4.9);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private void Report(string what, IReadOnlyList<FaceBox> boxes, int width, int height, double msPerFrame)
    {
        output.WriteLine($"{what}: {msPerFrame:0.#} ms per frame, {boxes.Count} boxes");
        foreach (var group in boxes.GroupBy(b => b.Cascade))
        {
            var frontal = group.Count(b => CentreIn(b, width, height, ProtectionMedia.FrontalFace));
            var profile = group.Count(b => CentreIn(b, width, height, ProtectionMedia.ProfileFace));
            output.WriteLine($"  {group.Key}: {group.Count()} boxes, {frontal} on the frontal face, {profile} on the profile, {group.Count() - frontal - profile} elsewhere");
        }
    }

    private static bool CentreIn(FaceBox b, int width, int height, (double X, double Y, double W, double H) face)
    {
        var cx = (b.X + (b.Width / 2.0)) / width;
        var cy = (b.Y + (b.Height / 2.0)) / height;
        return cx >= face.X && cx <= face.X + face.W && cy >= face.Y && cy <= face.Y + face.H;
    }
}
