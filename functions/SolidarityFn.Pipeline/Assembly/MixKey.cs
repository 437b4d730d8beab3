using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// The cache key of an assembly's sound (<see cref="MixCache"/>): the identity of everything heard, and nothing else.
/// Each part's sound is its clip's sound over its span (or a card's silence) with the segment's declick fades; the mix adds
/// the bed (its stored version, its plan: copies, level, ducks) and the loudness pass. Captions, card texts, formats,
/// colours and the picture's framing are not in it, so a caption change or a new title reuses the mix.
/// </summary>
public static class MixKey
{
    /// <summary>Raised when the sound of a segment or the mix changes in a way the parts below do not show.</summary>
    public const string Version = "mix-key-2"; // 2: the sound is read from the clips, not from the rendered segments

    public static string For(
        AssemblyTimeline timeline,
        Func<AssemblyClip, string> sourceIdentity,
        Func<AssemblyClip, bool> hasSound,
        MusicBedIdentity? music,
        string encoderBuild)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(sourceIdentity);
        ArgumentNullException.ThrowIfNull(hasSound);
        ArgumentException.ThrowIfNullOrWhiteSpace(encoderBuild);

        using var hash = new KeyHash();
        void Add(string value) => hash.Add(value);

        Add(Version);
        Add(SegmentFormat.TemplateVersion);
        Add(encoderBuild);
        Add(Invariant.Seconds(timeline.TotalSeconds));
        Add(Invariant.Int(timeline.Entries.Count));
        foreach (var entry in timeline.Entries)
        {
            Add(entry.Kind.ToString());
            Add(Invariant.Int(entry.StartFrame));
            Add(Invariant.Int(entry.Frames));
            Add(Invariant.Int(entry.InFrame));
            if (entry.Clip is { } clip)
            {
                Add(sourceIdentity(clip));
                Add(hasSound(clip) ? "sound" : "silent");
            }
        }

        // The voices' filters (cuts, declick fades, padding, the join): a change to them changes what is heard.
        Add(AudioMixCommand.Voices(SoundPart.Of(timeline, _ => "clip"), "voice"));
        if (music is null)
        {
            Add("no-music");
        }
        else
        {
            // The graph's text carries the plan (copies, crossfades, fades, level, duck windows) and the filters used.
            var plan = MusicBed.Plan(timeline, hasSound, music.Seconds, music.Level);
            Add(music.Version);
            Add(AudioMixCommand.Bed(plan, timeline.TotalSeconds, 0));
        }

        Add(FinalLoudness.GainAndLimit(0));
        return hash.Hex();
    }
}

/// <summary>The stored bed as the mix hears it: its version (the blob's ETag), its length, and the level asked.</summary>
public sealed record MusicBedIdentity(string Version, double Seconds, int Level);
