using System.Globalization;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>A stretch of the timeline where someone speaks (clips with sound, adjacent ones merged): the bed is ducked there.</summary>
public sealed record DuckWindow(double Start, double End);

/// <summary>
/// How the music bed lies under one video: its stored length, how many copies are crossfaded to cover the timeline, its
/// level under the cards and silent clips (dB), and where it is ducked.
/// </summary>
public sealed record MusicBedPlan(double TotalSeconds, double MusicSeconds, int Copies, double LevelDb, IReadOnlyList<DuckWindow> Ducks);

/// <summary>
/// The music bed's rules (issue 16): it plays from the start of the title card to the end of the end card, looped with a
/// crossfade when shorter, faded in and out; under a clip with sound it is ducked by <see cref="DuckDb"/> (more than the
/// 12 dB asked, so the ramps and the encoder leave a margin), ramping over <see cref="RampSeconds"/> just before the clip
/// starts and just after it ends. Ducking follows the timeline (which clip is where, and whether its source had sound)
/// rather than a compressor keyed on the voices: a compressor lets the music back up in every pause of a chant.
/// </summary>
public static class MusicBed
{
    public const double DuckDb = 18;
    public const double RampSeconds = 0.3;
    public const double CrossfadeSeconds = 2;
    public const double FadeInSeconds = 1.5;
    public const double FadeOutSeconds = 2.5;

    /// <summary>The organizer's level, in percent of the voices' loudness (the stored bed is normalised like the clips).</summary>
    public const int DefaultLevel = 50;
    public const int MinLevel = 5;
    public const int MaxLevel = 100;

    /// <summary>A level in percent as a gain in dB: 100 % is 0 dB (as loud as the voices), 50 % is −6 dB.</summary>
    public static double LevelDb(int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, MinLevel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, MaxLevel);
        return Math.Round(20 * Math.Log10(level / 100.0), 2);
    }

    /// <summary>Copies of a <paramref name="musicSeconds"/> piece needed to cover <paramref name="totalSeconds"/>, each joined to the last by a crossfade.</summary>
    public static int CopiesFor(double musicSeconds, double totalSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(musicSeconds, CrossfadeSeconds * 2);
        return musicSeconds >= totalSeconds ? 1 : 1 + (int)Math.Ceiling((totalSeconds - musicSeconds) / (musicSeconds - CrossfadeSeconds));
    }

    /// <summary>
    /// Where the bed ducks: every clip entry whose clip <paramref name="hasSound"/>, adjacent ones (closer than two ramps)
    /// merged, so the bed does not bob up at a join between two people speaking.
    /// </summary>
    public static IReadOnlyList<DuckWindow> DuckWindows(AssemblyTimeline timeline, Func<AssemblyClip, bool> hasSound)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(hasSound);
        var windows = new List<DuckWindow>();
        foreach (var entry in timeline.Clips.Where(e => hasSound(e.Clip!)).OrderBy(e => e.StartFrame))
        {
            if (windows.Count > 0 && entry.Start - windows[^1].End < RampSeconds * 2)
            {
                windows[^1] = windows[^1] with { End = entry.End };
            }
            else
            {
                windows.Add(new DuckWindow(entry.Start, entry.End));
            }
        }

        return windows;
    }

    public static MusicBedPlan Plan(AssemblyTimeline timeline, Func<AssemblyClip, bool> hasSound, double musicSeconds, int level)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var total = timeline.TotalSeconds;
        return new MusicBedPlan(total, musicSeconds, CopiesFor(musicSeconds, total), LevelDb(level), DuckWindows(timeline, hasSound));
    }

    /// <summary>
    /// The bed's gain over time as an ffmpeg expression of t: 1 outside the windows, the duck gain inside, linear ramps of
    /// <see cref="RampSeconds"/> down before each window and up after it. Windows never overlap (see <see cref="DuckWindows"/>),
    /// so their shapes add. Commas are escaped for the filter option parser; the caller quotes the whole value.
    /// </summary>
    public static string DuckExpression(IReadOnlyList<DuckWindow> ducks)
    {
        ArgumentNullException.ThrowIfNull(ducks);
        if (ducks.Count == 0)
        {
            return "1";
        }

        var depth = 1 - Math.Pow(10, -DuckDb / 20);
        var ramp = Num(RampSeconds);
        var shapes = ducks.Select(d =>
            $"clip((t-{Num(d.Start - RampSeconds)})/{ramp}\\,0\\,1)*clip(({Num(d.End + RampSeconds)}-t)/{ramp}\\,0\\,1)");
        return $"1-{Num(depth)}*({string.Join('+', shapes)})";
    }

    private static string Num(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
