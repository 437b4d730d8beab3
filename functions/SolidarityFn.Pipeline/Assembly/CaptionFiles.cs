using System.Globalization;
using System.Text;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>
/// The side files of an assembly, from its timeline: captions.vtt and captions.srt (the on-screen text of every segment
/// with its times) and credits.txt (one line per clip shown: union, sector, city).
/// </summary>
public static class CaptionFiles
{
    public static string Vtt(AssemblyTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var builder = new StringBuilder("WEBVTT\n");
        foreach (var entry in timeline.Entries)
        {
            var lines = CueLines(entry).Select(EscapeVtt).ToList();
            if (lines.Count == 0)
            {
                continue;
            }

            builder.Append('\n')
                .Append(Time(entry.Start, '.')).Append(" --> ").Append(Time(entry.End, '.')).Append('\n');
            foreach (var line in lines)
            {
                builder.Append(line).Append('\n');
            }
        }

        return builder.ToString();
    }

    public static string Srt(AssemblyTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var builder = new StringBuilder();
        var number = 0;
        foreach (var entry in timeline.Entries)
        {
            var lines = CueLines(entry);
            if (lines.Count == 0)
            {
                continue;
            }

            if (number > 0)
            {
                builder.Append('\n');
            }

            builder.Append((++number).ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append(Time(entry.Start, ',')).Append(" --> ").Append(Time(entry.End, ',')).Append('\n');
            foreach (var line in lines)
            {
                builder.Append(EscapeSrt(line)).Append('\n');
            }
        }

        return builder.ToString();
    }

    public static string Credits(AssemblyTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var builder = new StringBuilder();
        foreach (var clip in timeline.Clips.Select(e => e.Clip!))
        {
            var parts = new[] { clip.Union, clip.Sector, clip.City }
                .Select(CaptionTextFiles.Normalize)
                .Where(p => p.Length > 0);
            builder.Append(string.Join(", ", parts)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>The cue's text lines; a cue may hold no blank line, so each text is one normalised line.</summary>
    private static List<string> CueLines(TimelineEntry entry) =>
        new[] { entry.Text, entry.SubText }.Select(CaptionTextFiles.Normalize).Where(l => l.Length > 0).ToList();

    /// <summary>WebVTT cue text: &amp; and &lt; start markup, and &gt; is escaped too so "-->" cannot appear.</summary>
    private static string EscapeVtt(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>
    /// SRT has no escapes, and a text line holding "-->" can be read as a timing line (a caption of
    /// "00:00:00,000 --> 00:09:59,000" became a cue): the hyphens become non-breaking hyphens, which look the same.
    /// </summary>
    private static string EscapeSrt(string text) => text.Replace("-->", "\u2011\u2011>", StringComparison.Ordinal);

    private static string Time(double seconds, char decimalSeparator)
    {
        var ms = (long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero);
        var t = TimeSpan.FromMilliseconds(ms);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}{decimalSeparator}{t.Milliseconds:000}");
    }
}
