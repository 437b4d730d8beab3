using System.Globalization;
using System.Text;
using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>The stored music bed of one assembly: a local copy (normalised m4a) and how it lies under the timeline.</summary>
public sealed record MusicBedInput(string Path, MusicBedPlan Plan);

/// <summary>
/// One piece of the timeline's sound: a clip's own sound from <paramref name="InSeconds"/> for <paramref name="Seconds"/>
/// (read from the clip file the segment is rendered from), a segment already on disk (<paramref name="IsSegment"/>: its
/// sound is that cut, faded and padded already), or a card's silence when <paramref name="Path"/> is null.
/// </summary>
public sealed record SoundPart(string? Path, double InSeconds, double Seconds, bool IsSegment = false)
{
    /// <summary>
    /// The parts of a timeline, in order: each clip from the segment <paramref name="segmentPath"/> gives for its place in
    /// the timeline (one fetched from the cache: no clip is downloaded to hear it), else from <paramref name="clipPath"/>.
    /// </summary>
    public static IReadOnlyList<SoundPart> Of(AssemblyTimeline timeline, Func<AssemblyClip, string> clipPath, Func<int, string?>? segmentPath = null)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(clipPath);
        return
        [
            .. timeline.Entries.Select((e, i) => e.Clip is not { } clip ? new SoundPart(null, 0, e.Seconds)
                : segmentPath?.Invoke(i) is { } segment ? new SoundPart(segment, 0, e.Seconds, IsSegment: true)
                : new SoundPart(clipPath(clip), e.In, e.Seconds)),
        ];
    }
}

/// <summary>
/// The sound of one assembly, built once for every format: each clip's sound cut and faded as its segment cuts and fades
/// it, silence for the cards, joined, with the music bed under it when there is one. Read from the clip files rather than
/// from the rendered segments, so it can be made while the pictures are still rendering.
/// </summary>
public sealed record AudioMixRequest(IReadOnlyList<SoundPart> Parts, double TotalSeconds, MusicBedInput? Music, FfmpegLimits Limits);

/// <summary>
/// The two ffmpeg runs of the final sound (loudness measured, then applied: a two-pass, linear normalisation, so the
/// ducking and the bed's level survive, unlike loudnorm's dynamic mode). <see cref="Premix"/> reads the clips' sound and
/// the bed once, mixes them, and writes the mix as it is (32-bit float WAV: nothing lost) while ebur128 measures it into a
/// text file; <see cref="Finish"/> reads that WAV alone and applies the gain <see cref="FinalLoudness.GainDb"/> computes,
/// then a 4× oversampled limiter (so its ceiling holds for true peaks), and encodes AAC into an m4a that each format's
/// join copies beside its picture.
/// </summary>
public static class AudioMixCommand
{
    /// <summary>The premix: the mix before gain, as float samples (ebur128 passes the audio through unchanged).</summary>
    public const string PremixCodec = "pcm_f32le";

    public static FfmpegCommand Premix(AudioMixRequest request, string measurementPath, string premixPath)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = Path.GetFileName(measurementPath);
        if (!LoudnessMeasurement.IsSafeFileName(name))
        {
            throw new ArgumentException("The measurement file must be a plain file name in the output folder.", nameof(measurementPath));
        }

        if (!string.Equals(Path.GetDirectoryName(Path.GetFullPath(measurementPath)), Path.GetDirectoryName(Path.GetFullPath(premixPath)), StringComparison.Ordinal))
        {
            // ametadata's file is named relative to the run's working folder, which is the output's.
            throw new ArgumentException("The measurement file must lie beside the premix.", nameof(measurementPath));
        }

        var graph = Graph(request) + $";[mix]{LoudnessMeasurement.Filter(name)}[out]";
        return new FfmpegCommand(
            SafeArguments.Global(request.Limits.CpuSecondsLimit),
            Inputs(request),
            [
                "-filter_complex", graph,
                "-map", "[out]",
                "-c:a", PremixCodec,
                "-ar", Invariant.Int(MezzanineFormat.SampleRate),
                "-ac", Invariant.Int(MezzanineFormat.Channels),
                "-t", Invariant.Seconds(request.TotalSeconds),
                "-map_metadata", "-1",
                "-f", "wav",
            ],
            premixPath);
    }

    public static FfmpegCommand Finish(string premixPath, double totalSeconds, double gainDb, FfmpegLimits limits, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSeconds);
        return new FfmpegCommand(
            SafeArguments.Global(limits.CpuSecondsLimit),
            [new FfmpegInput(SafeArguments.Input("wav", limits.MaxPixels), premixPath)],
            [
                "-filter_complex", $"[0:a:0]{FinalLoudness.GainAndLimit(gainDb)}[a]",
                "-map", "[a]",
                "-c:a", "aac",
                "-aac_coder", ConcatCommand.AacCoder,
                "-profile:a", "aac_low",
                "-b:a", Invariant.Int(FinalLoudness.AudioKbps) + "k",
                "-ar", Invariant.Int(MezzanineFormat.SampleRate),
                "-ac", Invariant.Int(MezzanineFormat.Channels),
                "-t", Invariant.Seconds(totalSeconds),
                "-map_metadata", "-1",
                "-map_chapters", "-1",
                "-f", "mp4",
            ],
            outputPath);
    }

    /// <summary>
    /// One input per clip part, cut on the input exactly as its segment's (<see cref="ClipSegmentCommand"/>), then one
    /// per copy of the bed (each decoded on its own: no copy is held in memory).
    /// </summary>
    public static IReadOnlyList<FfmpegInput> Inputs(AudioMixRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var inputs = new List<FfmpegInput>();
        foreach (var part in request.Parts.Where(p => p.Path is not null))
        {
            // A segment is read whole (it is the part, cut and faded); a clip is cut on its input as its segment's is.
            inputs.Add(new FfmpegInput(
                part.IsSegment
                    ? SafeArguments.Input(MediaSniffer.MovDemuxer, request.Limits.MaxPixels)
                    : [.. SafeArguments.Input(MediaSniffer.MovDemuxer, request.Limits.MaxPixels), "-ss", Invariant.Seconds(part.InSeconds), "-t", Invariant.Seconds(part.Seconds)],
                part.Path!));
        }

        if (request.Music is { } music)
        {
            for (var i = 0; i < music.Plan.Copies; i++)
            {
                inputs.Add(new FfmpegInput(SafeArguments.Input(MediaSniffer.MovDemuxer, request.Limits.MaxPixels), music.Path));
            }
        }

        return inputs;
    }

    /// <summary>The filter graph up to [mix]: the voices, plus the bed when there is one.</summary>
    public static string Graph(AudioMixRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.TotalSeconds);
        if (request.Parts.Count == 0)
        {
            throw new ArgumentException("The sound needs at least one part.", nameof(request));
        }

        var graph = new StringBuilder(Voices(request.Parts, request.Music is null ? "mix" : "voice"));
        if (request.Music is { } music)
        {
            graph.Append(';').Append(Bed(music.Plan, request.TotalSeconds, request.Parts.Count(p => p.Path is not null)));
            // normalize=0: amix would otherwise halve both inputs; the voices keep their level and the bed its own.
            graph.Append(";[voice][bed]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[mix]");
        }

        return graph.ToString();
    }

    /// <summary>
    /// Each part as its segment has it (the clip's sound with the segment's declick fades, padded to the segment's length,
    /// or the segment's own sound; a card's silence), on a timeline of its own samples, then joined end to end into
    /// [<paramref name="label"/>].
    /// </summary>
    public static string Voices(IReadOnlyList<SoundPart> parts, string label)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var graph = new StringBuilder();
        var input = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(part.Seconds);
            var seconds = Invariant.Seconds(part.Seconds);
            if (part.Path is null)
            {
                graph.Append(CultureInfo.InvariantCulture, $"{MezzanineFormat.SilentAudioSource},atrim=duration={seconds},asetpts=N/SR/TB[p{i}];");
            }
            else
            {
                var fades = part.IsSegment ? string.Empty : SegmentFormat.Fades(part.Seconds).Audio;
                graph.Append(CultureInfo.InvariantCulture, $"[{input}:a:0]{fades}{MezzanineFormat.AudioFormat},apad,atrim=duration={seconds},asetpts=N/SR/TB[p{i}];");
                input++;
            }
        }

        for (var i = 0; i < parts.Count; i++)
        {
            graph.Append(CultureInfo.InvariantCulture, $"[p{i}]");
        }

        graph.Append(CultureInfo.InvariantCulture, $"concat=n={parts.Count}:v=0:a=1,{MezzanineFormat.AudioFormat}[{label}]");
        return graph.ToString();
    }

    /// <summary>
    /// The bed's copies (inputs from <paramref name="firstInput"/> on) crossfaded, cut to the timeline, faded in and out,
    /// levelled and ducked, into [bed]. Its text is also the bed's part of the mix's cache key (<see cref="MixKey"/>).
    /// </summary>
    public static string Bed(MusicBedPlan plan, double totalSeconds, int firstInput)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSeconds);
        var total = totalSeconds;
        var graph = new StringBuilder();
        for (var i = 0; i < plan.Copies; i++)
        {
            graph.Append(CultureInfo.InvariantCulture, $"[{firstInput + i}:a:0]{MezzanineFormat.AudioFormat}[m{i}];");
        }

        var bed = "m0";
        for (var i = 1; i < plan.Copies; i++)
        {
            // Quarter-sine curves: equal power for the two (uncorrelated) ends of the piece.
            graph.Append(CultureInfo.InvariantCulture, $"[{bed}][m{i}]acrossfade=d={Invariant.Seconds(MusicBed.CrossfadeSeconds)}:c1=qsin:c2=qsin[x{i}];");
            bed = "x" + i.ToString(CultureInfo.InvariantCulture);
        }

        var fadeOut = Math.Min(MusicBed.FadeOutSeconds, total / 3);
        var fadeIn = Math.Min(MusicBed.FadeInSeconds, total / 3);
        // asetnsamples: acrossfade emits its whole overlap as one frame, and volume's expression is evaluated once per
        // frame, so without 10 ms frames a crossfade that starts inside a duck keeps the bed ducked for its 2 s.
        graph.Append(CultureInfo.InvariantCulture, $"[{bed}]apad,atrim=duration={Invariant.Seconds(total)},asetpts=PTS-STARTPTS,asetnsamples=n=480:p=0,");
        graph.Append(CultureInfo.InvariantCulture, $"afade=t=in:st=0:d={Invariant.Seconds(fadeIn)},afade=t=out:st={Invariant.Seconds(total - fadeOut)}:d={Invariant.Seconds(fadeOut)},");
        graph.Append(CultureInfo.InvariantCulture, $"volume={plan.LevelDb.ToString("0.##", CultureInfo.InvariantCulture)}dB,volume='{MusicBed.DuckExpression(plan.Ducks)}':eval=frame[bed]");
        return graph.ToString();
    }
}

/// <summary>The final sound's loudness: −14 LUFS integrated, true peak at most −1 dBTP (what the social platforms play at).</summary>
public static class FinalLoudness
{
    public const double TargetLufs = -14;

    /// <summary>The limiter's ceiling, 4× oversampled: 1 dB below the −1 dBTP allowed, room for the AAC encoder's overshoot.</summary>
    public const double CeilingDb = -2;

    /// <summary>Below this the mix is silence (ebur128 reports −70 for nothing gated in): it is left as it is.</summary>
    public const double SilenceLufs = -60;

    /// <summary>The most gain applied either way (a quiet mix is raised, never by more than this).</summary>
    public const double MaxGainDb = 30;

    public const int AudioKbps = 192;

    /// <summary>The gain that takes a mix measured at <paramref name="measuredLufs"/> to <see cref="TargetLufs"/>; 0 for silence or no measure.</summary>
    public static double GainDb(double? measuredLufs, double targetLufs = TargetLufs) =>
        measuredLufs is not { } measured || double.IsNaN(measured) || measured < SilenceLufs
            ? 0
            : Math.Round(Math.Clamp(targetLufs - measured, -MaxGainDb, MaxGainDb), 2);

    /// <summary>Gain, then the limiter at <paramref name="ceilingDb"/> on a 4× oversampled signal, then back to the mezzanine's 48 kHz float stereo.</summary>
    public static string GainAndLimit(double gainDb, double ceilingDb = CeilingDb)
    {
        var limit = Math.Pow(10, ceilingDb / 20).ToString("0.####", CultureInfo.InvariantCulture);
        var gain = gainDb.ToString("0.##", CultureInfo.InvariantCulture);
        return $"volume={gain}dB,aresample=192000,alimiter=limit={limit}:attack=5:release=50:level=disabled,{MezzanineFormat.AudioFormat}";
    }
}

/// <summary>ebur128's running integrated loudness, written by ametadata to a file and read back after the run.</summary>
public static class LoudnessMeasurement
{
    private const string Key = "lavfi.r128.I";

    /// <summary>The measuring filters; <paramref name="fileName"/> is a plain name in the run's working folder.</summary>
    public static string Filter(string fileName) => $"ebur128=metadata=1,ametadata=mode=print:key={Key}:file={fileName}";

    public static bool IsSafeFileName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && name[0] != '.';

    /// <summary>The last integrated loudness printed (the whole programme's), or null when none was.</summary>
    public static double? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        double? last = null;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith(Key + "=", StringComparison.Ordinal) &&
                double.TryParse(trimmed.AsSpan(Key.Length + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                last = value;
            }
        }

        return last;
    }
}
