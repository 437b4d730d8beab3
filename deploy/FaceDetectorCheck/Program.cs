using OpenCvSharp;
using SolidarityFn.Pipeline.Protection;

// Usage: FaceDetectorCheck <picture>. Exit 0: the detector loaded and found at least one frontal face; 1: it loaded
// and found none; 2: it could not load (the native library or one it needs is missing) or the picture could not be read.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: FaceDetectorCheck <picture>");
    return 2;
}

try
{
    using var detector = new FaceDetector();
    using var grey = Cv2.ImRead(args[0], ImreadModes.Grayscale);
    if (grey.Empty())
    {
        Console.Error.WriteLine("The picture could not be read: " + args[0]);
        return 2;
    }

    var faces = detector.Detect(grey);
    Console.WriteLine($"loaded: yes; picture {grey.Width}x{grey.Height}; {faces.Count} box(es)");
    foreach (var face in faces)
    {
        Console.WriteLine($"  {face.Cascade}: x={face.X} y={face.Y} w={face.Width} h={face.Height}");
    }

    var frontal = faces.Count(f => f.Cascade is FaceCascade.FrontalDefault or FaceCascade.FrontalAlt2 or FaceCascade.FrontalLbpImproved);
    Console.WriteLine(frontal > 0 ? $"frontal face found ({frontal} frontal box(es))" : "no frontal face found");
    return frontal > 0 ? 0 : 1;
}
catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or BadImageFormatException)
{
    // The loader's own words name the library that is missing: print the whole chain.
    Console.WriteLine("loaded: no");
    for (Exception? inner = e; inner is not null; inner = inner.InnerException)
    {
        Console.WriteLine($"  {inner.GetType().FullName}: {inner.Message}");
    }

    return 2;
}
