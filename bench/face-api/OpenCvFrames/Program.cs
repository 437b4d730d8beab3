using System.Diagnostics;
using System.Globalization;
using OpenCvSharp;
using SolidarityFn.Pipeline.Protection;

// Each frame as processing samples it (grey, longer side at most 640 px), through the app's FaceDetector: boxes found
// per cascade and the time per frame (one warm-up, then the mean of three runs).
var frames = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "frames");
using var detector = new FaceDetector();
foreach (var file in Directory.GetFiles(frames, "*.jpg").Order(StringComparer.Ordinal))
{
    using var colour = Cv2.ImRead(file, ImreadModes.Grayscale);
    var scale = Math.Min(1, 640.0 / Math.Max(colour.Width, colour.Height));
    using var grey = new Mat();
    Cv2.Resize(colour, grey, new Size((int)(colour.Width * scale) & ~1, (int)(colour.Height * scale) & ~1), 0, 0, InterpolationFlags.Area);
    detector.Detect(grey);
    var clock = Stopwatch.StartNew();
    IReadOnlyList<FaceBox> boxes = [];
    for (var i = 0; i < 3; i++)
    {
        boxes = detector.Detect(grey);
    }

    var ms = clock.Elapsed.TotalMilliseconds / 3;
    var found = string.Join("; ", boxes.Select(b => string.Create(CultureInfo.InvariantCulture,
        $"{b.Cascade} x={b.X / (double)grey.Width:0.###} y={b.Y / (double)grey.Height:0.###} w={b.Width / (double)grey.Width:0.###} h={b.Height / (double)grey.Height:0.###}")));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(file)} {grey.Width}x{grey.Height}: {ms:0} ms, {boxes.Count} boxes: {found}"));
}
