namespace SolidarityFn.Pipeline.Assembly;

/// <summary>An approved clip as the assembly sees it, in organizer order.</summary>
/// <param name="ClipSeconds">Length of the mezzanine clip.</param>
/// <param name="TrimStart">Organizer's in-point, seconds into the clip.</param>
/// <param name="TrimEnd">Organizer's out-point, or null for the clip's end.</param>
public sealed record AssemblyClip(
    string SubmissionId,
    double ClipSeconds,
    double TrimStart,
    double? TrimEnd,
    string Caption,
    string Union,
    string Sector,
    string City)
{
    /// <summary>"union · sector · city", leaving out empty parts, each part its own bidi isolate (<see cref="Text.IsolatedFields"/>).</summary>
    public string MetaLine => Text.IsolatedFields.Join([Union, Sector, City], " · ");
}

/// <summary>The text of the title and end cards.</summary>
public sealed record AssemblyCards(string Title, string Subtitle, string Hashtags, string Thanks);

/// <summary>How the timeline is fitted. Card lengths are part of the target.</summary>
public sealed record AssemblySettings(
    double TargetSeconds = 120,
    double TitleCardSeconds = 4,
    double EndCardSeconds = 5,
    double FloorSeconds = 4)
{
    /// <summary>The campaign's look, given to every entry (it is part of each segment's key and render).</summary>
    public SegmentLook Look { get; init; } = SegmentLook.Default;
}

public enum SegmentKind
{
    TitleCard,
    Clip,
    EndCard,
}

/// <summary>
/// One segment of the finished video. Times are whole frames (<see cref="Frames"/> at 30 fps) so that every segment's
/// picture and sound end on the same frame boundary. <paramref name="Text"/> is the caption (or the card's headline),
/// <paramref name="SubText"/> the meta line (or the card's second line).
/// </summary>
public sealed record TimelineEntry(
    SegmentKind Kind,
    int StartFrame,
    int Frames,
    int InFrame,
    string Text,
    string SubText,
    AssemblyClip? Clip)
{
    public double Start => StartFrame / (double)SegmentFormat.FrameRate;

    public double Seconds => Frames / (double)SegmentFormat.FrameRate;

    public double End => (StartFrame + Frames) / (double)SegmentFormat.FrameRate;

    /// <summary>In-point within the source clip (0 for cards).</summary>
    public double In => InFrame / (double)SegmentFormat.FrameRate;

    /// <summary>The campaign's look: fades, colours, weight.</summary>
    public SegmentLook Look { get; init; } = SegmentLook.Default;
}

/// <summary>A clip cut shorter than its trimmed length to fit the target.</summary>
public sealed record ShortenedClip(string SubmissionId, double FromSeconds, double ToSeconds);

/// <summary>The fitted timeline and exactly what the fitting changed.</summary>
public sealed record AssemblyTimeline(
    IReadOnlyList<TimelineEntry> Entries,
    IReadOnlyList<ShortenedClip> Shortened,
    IReadOnlyList<string> LeftOut)
{
    public double TotalSeconds => Entries.Sum(e => e.Frames) / (double)SegmentFormat.FrameRate;

    public IEnumerable<TimelineEntry> Clips => Entries.Where(e => e.Kind == SegmentKind.Clip);
}
