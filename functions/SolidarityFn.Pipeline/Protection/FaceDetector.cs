using OpenCvSharp;

namespace SolidarityFn.Pipeline.Protection;

/// <summary>Which cascade found a face (measured per cascade; all are used).</summary>
public enum FaceCascade
{
    FrontalDefault,
    FrontalAlt2,
    FrontalLbpImproved,
    Profile,
    ProfileMirrored,
}

/// <summary>One face box on one grey frame, in that frame's pixels.</summary>
public sealed record FaceBox(FaceCascade Cascade, int X, int Y, int Width, int Height);

/// <summary>
/// OpenCV's cascade face detectors (OpenCvSharp4 with the official native runtime), loaded once from the XML files the
/// app ships in <c>models/</c> (Debian opencv-data, BSD). Runs the frontal default, alt2 and LBP-improved cascades and
/// the profile cascade on the frame and on its mirror (the profile cascade knows one side only). A CascadeClassifier
/// is not thread-safe: one detector serves one caller at a time (<see cref="Detect"/> locks).
/// </summary>
public sealed class FaceDetector : IDisposable
{
    public const string ModelFolder = "models";

    /// <summary>Each pyramid level 15 % smaller: fewer levels to scan than OpenCV's usual 1.1, for faces of 1/12 of the frame and up.</summary>
    private const double ScaleStep = 1.15;

    private static readonly (FaceCascade Cascade, string File, int MinNeighbours)[] Files =
    [
        (FaceCascade.FrontalDefault, "haarcascade_frontalface_default.xml", 5),
        (FaceCascade.FrontalAlt2, "haarcascade_frontalface_alt2.xml", 4),
        (FaceCascade.FrontalLbpImproved, "lbpcascade_frontalface_improved.xml", 4),
        (FaceCascade.Profile, "haarcascade_profileface.xml", 4),
    ];

    private readonly List<(FaceCascade Cascade, CascadeClassifier Classifier, int MinNeighbours)> _cascades = [];
    private readonly Lock _gate = new();

    /// <param name="modelDirectory">Where the XML files are; default <c>models/</c> beside the app.</param>
    public FaceDetector(string? modelDirectory = null)
    {
        var directory = modelDirectory ?? Path.Combine(AppContext.BaseDirectory, ModelFolder);
        foreach (var (cascade, file, neighbours) in Files)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException("A face cascade the app ships is missing.", path);
            }

            var classifier = new CascadeClassifier(path);
            if (classifier.Empty())
            {
                classifier.Dispose();
                throw new InvalidOperationException("A face cascade could not be loaded: " + file);
            }

            _cascades.Add((cascade, classifier, neighbours));
        }
    }

    /// <summary>Faces on one 8-bit grey frame of <paramref name="width"/>×<paramref name="height"/>, every cascade's.</summary>
    public IReadOnlyList<FaceBox> Detect(byte[] grey, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(grey);
        using var frame = new Mat(height, width, MatType.CV_8UC1);
        frame.SetArray(grey);
        return Detect(frame);
    }

    public IReadOnlyList<FaceBox> Detect(Mat grey)
    {
        ArgumentNullException.ThrowIfNull(grey);
        var width = grey.Width;
        var height = grey.Height;
        // Faces under 1/12 of the shorter side (about 50 px of a 640 px frame) are where cascades spend most of their
        // time and false hits; a face that small is for the organizer's check to catch.
        var min = Math.Max(24, Math.Min(width, height) / 12);
        var found = new List<FaceBox>();
        using var equalised = new Mat();
        Cv2.EqualizeHist(grey, equalised);
        using var mirrored = new Mat();
        Cv2.Flip(equalised, mirrored, FlipMode.Y);
        lock (_gate)
        {
            foreach (var (cascade, classifier, neighbours) in _cascades)
            {
                foreach (var r in classifier.DetectMultiScale(equalised, ScaleStep, neighbours, HaarDetectionTypes.ScaleImage, new Size(min, min)))
                {
                    found.Add(new FaceBox(cascade, r.X, r.Y, r.Width, r.Height));
                }

                if (cascade == FaceCascade.Profile)
                {
                    foreach (var r in classifier.DetectMultiScale(mirrored, ScaleStep, neighbours, HaarDetectionTypes.ScaleImage, new Size(min, min)))
                    {
                        found.Add(new FaceBox(FaceCascade.ProfileMirrored, width - r.X - r.Width, r.Y, r.Width, r.Height));
                    }
                }
            }
        }

        return found;
    }

    public void Dispose()
    {
        foreach (var (_, classifier, _) in _cascades)
        {
            classifier.Dispose();
        }

        _cascades.Clear();
    }
}
