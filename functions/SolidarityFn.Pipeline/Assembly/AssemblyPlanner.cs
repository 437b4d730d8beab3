namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// Fits the approved clips between the title and end cards into the target length. First every clip longer than a
/// common length is cut to it (the longest clips give up the most; none goes below the floor, and a clip already shorter
/// than the floor keeps its length); if even the floor does not fit, clips are left out from the end of the order and
/// the remaining ones get the longest common length that fits. Everything is counted in whole frames, so the plan fills
/// the target exactly whenever it has to shorten.
/// </summary>
public static class AssemblyPlanner
{
    public static AssemblyTimeline Plan(IReadOnlyList<AssemblyClip> clips, AssemblyCards cards, AssemblySettings settings)
    {
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.TargetSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.FloorSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.TitleCardSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.EndCardSeconds);

        var titleFrames = ToFrames(settings.TitleCardSeconds);
        var endFrames = ToFrames(settings.EndCardSeconds);
        var available = Math.Max(0, ToFrames(settings.TargetSeconds) - titleFrames - endFrames);
        var floor = ToFrames(settings.FloorSeconds);

        var inFrames = new int[clips.Count];
        var lengths = new int[clips.Count];
        for (var i = 0; i < clips.Count; i++)
        {
            (inFrames[i], lengths[i]) = TrimmedFrames(clips[i]);
        }

        // The longest prefix of the order that fits with every clip at most at the floor.
        var kept = 0;
        long atFloor = 0;
        while (kept < clips.Count && atFloor + Math.Min(lengths[kept], floor) <= available)
        {
            atFloor += Math.Min(lengths[kept], floor);
            kept++;
        }

        var fitted = Fit(lengths.AsSpan(0, kept), floor, available);

        var entries = new List<TimelineEntry>(kept + 2)
        {
            new(SegmentKind.TitleCard, 0, titleFrames, 0, cards.Title, cards.Subtitle, null) { Look = settings.Look },
        };
        var shortened = new List<ShortenedClip>();
        var start = titleFrames;
        for (var i = 0; i < kept; i++)
        {
            var clip = clips[i];
            entries.Add(new TimelineEntry(SegmentKind.Clip, start, fitted[i], inFrames[i], clip.Caption, clip.MetaLine, clip) { Look = settings.Look });
            if (fitted[i] < lengths[i])
            {
                shortened.Add(new ShortenedClip(clip.SubmissionId, Seconds(lengths[i]), Seconds(fitted[i])));
            }

            start += fitted[i];
        }

        entries.Add(new TimelineEntry(SegmentKind.EndCard, start, endFrames, 0, cards.Hashtags, cards.Thanks, null) { Look = settings.Look });
        var leftOut = clips.Skip(kept).Select(c => c.SubmissionId).ToList();
        return new AssemblyTimeline(entries, shortened, leftOut);
    }

    /// <summary>The clip's length after the organizer's trims, in whole frames as the plan counts it.</summary>
    public static double TrimmedSeconds(AssemblyClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        return Seconds(TrimmedFrames(clip).Length);
    }

    /// <summary>Whole frames at the segment frame rate (rounded to the nearest frame).</summary>
    public static int ToFrames(double seconds) => (int)Math.Round(seconds * SegmentFormat.FrameRate, MidpointRounding.AwayFromZero);

    private static double Seconds(int frames) => Math.Round(frames / (double)SegmentFormat.FrameRate, 3);

    /// <summary>In-point and length in frames after the organizer's trims, checked against the clip.</summary>
    private static (int In, int Length) TrimmedFrames(AssemblyClip clip)
    {
        var end = clip.TrimEnd ?? clip.ClipSeconds;
        if (clip.TrimStart < 0 || end > clip.ClipSeconds + 0.001 || end <= clip.TrimStart)
        {
            throw new ArgumentException($"Clip {clip.SubmissionId} has trims outside the clip or an empty range.", nameof(clip));
        }

        var inFrame = ToFrames(clip.TrimStart);
        // Floor the out-point: a segment never reads past the end of its clip.
        var outFrame = Math.Min((int)Math.Floor((end * SegmentFormat.FrameRate) + 1e-6), (int)Math.Floor((clip.ClipSeconds * SegmentFormat.FrameRate) + 1e-6));
        var length = outFrame - inFrame;
        if (length < 1)
        {
            throw new ArgumentException($"Clip {clip.SubmissionId} is shorter than one frame after its trims.", nameof(clip));
        }

        return (inFrame, length);
    }

    /// <summary>
    /// Lengths after capping every clip at the largest common length (not below the floor) whose total fits; frames
    /// left over go one each to the first capped clips, so a shortened plan fills <paramref name="available"/> exactly.
    /// </summary>
    private static int[] Fit(ReadOnlySpan<int> lengths, int floor, int available)
    {
        var result = lengths.ToArray();
        long total = result.Sum(l => (long)l);
        if (total <= available)
        {
            return result;
        }

        // Binary search for the largest cap ≥ floor with Σ min(l, cap) ≤ available (the caller ensures the floor fits).
        var low = floor;
        var high = result.Max();
        while (low < high)
        {
            var mid = low + ((high - low + 1) / 2);
            if (Capped(result, mid) <= available)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        var spare = available - Capped(result, low);
        for (var i = 0; i < result.Length; i++)
        {
            if (result[i] > low)
            {
                var extra = spare > 0 ? 1 : 0;
                spare -= extra;
                result[i] = low + extra;
            }
        }

        return result;
    }

    private static long Capped(int[] lengths, int cap) => lengths.Sum(l => (long)Math.Min(l, cap));
}
