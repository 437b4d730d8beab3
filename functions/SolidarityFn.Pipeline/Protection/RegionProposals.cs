namespace SolidarityFn.Pipeline.Protection;

/// <summary>One face the detector saw on one sampled frame: a box as fractions of the upright picture.</summary>
public sealed record FaceDetection(double AtSeconds, double X, double Y, double Width, double Height);

/// <summary>
/// Detections → proposed regions (issue 15): every box grown by <see cref="Growth"/> about its centre (hair, ears, a
/// chin the detector cut off), held <see cref="Hold"/> s either side of its frame so a frame where the detector
/// flickers stays covered, and boxes that overlap in picture and time merged into their union, so a face tracked
/// across frames becomes one region per steady stretch rather than one per sample.
/// </summary>
public static class RegionProposals
{
    /// <summary>Each side grows by 15 % of the box: the box is 30 % wider and taller.</summary>
    public const double Growth = 0.30;

    public const double Hold = 0.5;

    public static IReadOnlyList<ProtectionRegion> From(IEnumerable<FaceDetection> detections, double clipSeconds)
    {
        ArgumentNullException.ThrowIfNull(detections);
        var regions = new List<ProtectionRegion>();
        foreach (var d in detections.OrderBy(d => d.AtSeconds))
        {
            var r = Grow(d, clipSeconds);
            // Merge with the first region it meets (picture overlap and touching time spans), then again with any the
            // union now meets: a chain of overlapping boxes ends as one.
            var merged = true;
            while (merged)
            {
                merged = false;
                for (var i = 0; i < regions.Count; i++)
                {
                    if (Overlaps(regions[i], r))
                    {
                        r = Union(regions[i], r);
                        regions.RemoveAt(i);
                        merged = true;
                        break;
                    }
                }
            }

            regions.Add(r);
        }

        return regions;
    }

    /// <summary>The box grown by 30 % about its centre, clamped to the picture, held ±0.5 s and clamped to the clip.</summary>
    public static ProtectionRegion Grow(FaceDetection d, double clipSeconds)
    {
        ArgumentNullException.ThrowIfNull(d);
        var w = d.Width * (1 + Growth);
        var h = d.Height * (1 + Growth);
        var x0 = Math.Max(0, d.X - ((w - d.Width) / 2));
        var y0 = Math.Max(0, d.Y - ((h - d.Height) / 2));
        var x1 = Math.Min(1, d.X + d.Width + ((w - d.Width) / 2));
        var y1 = Math.Min(1, d.Y + d.Height + ((h - d.Height) / 2));
        var from = Math.Max(0, d.AtSeconds - Hold);
        var to = clipSeconds > 0 ? Math.Min(clipSeconds, d.AtSeconds + Hold) : d.AtSeconds + Hold;
        return new ProtectionRegion(x0, y0, x1 - x0, y1 - y0, from, Math.Max(to, from + 0.001));
    }

    public static bool Overlaps(ProtectionRegion a, ProtectionRegion b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var inPicture = a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;
        var inTime = a.FromSeconds <= b.ToSeconds && b.FromSeconds <= a.ToSeconds;
        return inPicture && inTime;
    }

    private static ProtectionRegion Union(ProtectionRegion a, ProtectionRegion b)
    {
        var x0 = Math.Min(a.X, b.X);
        var y0 = Math.Min(a.Y, b.Y);
        var x1 = Math.Max(a.X + a.Width, b.X + b.Width);
        var y1 = Math.Max(a.Y + a.Height, b.Y + b.Height);
        return new ProtectionRegion(x0, y0, x1 - x0, y1 - y0, Math.Min(a.FromSeconds, b.FromSeconds), Math.Max(a.ToSeconds, b.ToSeconds));
    }
}
