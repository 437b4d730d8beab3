using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Music;
using SolidarityFn.Pipeline.Processing;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>The assembly's sound as a file in the work folder, and where it came from.</summary>
/// <param name="Reused">Taken from the <see cref="MixCache"/> (nothing measured or mixed).</param>
/// <param name="BlobName">The cached mix (a clean-up keeps it).</param>
public sealed record AudioMix(string Path, bool MusicMixed, double? MeasuredLufs, double GainDb, TimeSpan Elapsed, bool Reused, string BlobName);

/// <summary>What the mix needs to know of each clip: the identity of its source (its clip blob's version) and whether it has sound.</summary>
public sealed record ClipSounds(Func<AssemblyClip, string> Identity, Func<AssemblyClip, bool> HasSound)
{
    /// <summary>Each clip known by its clip blob's version in <paramref name="sources"/>; sounding if it is in <paramref name="sounding"/>.</summary>
    public static ClipSounds Of(ClipSources sources, IReadOnlySet<string> sounding) =>
        new(c => sources.ETagOf(c.SubmissionId), c => sounding.Contains(c.SubmissionId));
}

/// <summary>
/// The assembly's sound, once for every format: the clips' voices cut and faded as their segments are, the
/// campaign's music bed ducked under them, −14 LUFS with a true-peak limiter. Cached under <see cref="MixKey"/>
/// (<see cref="MixCache"/>): what a re-assembly after a caption or title change hears is unchanged, so it is reused.
/// </summary>
public sealed partial class AssemblyAudio(
    FfmpegRunner runner, IOptions<MediaOptions> options, CampaignMusicStore music, MixCache cache, ILogger<AssemblyAudio> logger)
{
    public const string OutputName = "mix.m4a";

    /// <summary>
    /// The mix for this timeline, from the cache or made (and cached) from the clips in <paramref name="sources"/>, or,
    /// for a place in the timeline whose segment is already on disk (<paramref name="fetchedSegments"/>, by entry index:
    /// one fetched from the segment cache), from that segment, so no clip is downloaded only to be heard.
    /// </summary>
    public async Task<AudioMix> MixAsync(
        string campaignId,
        AssemblyTimeline timeline,
        ClipSources sources,
        ClipSounds clips,
        bool withMusic,
        int level,
        WorkFolder folder,
        CancellationToken cancellationToken,
        IReadOnlyList<string?>? fetchedSegments = null)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentNullException.ThrowIfNull(folder);
        var started = Stopwatch.GetTimestamp();
        var bed = withMusic ? await BedAsync(campaignId, level, cancellationToken) : null;
        var key = await KeyAsync(timeline, clips, bed, cancellationToken);
        var output = folder.File(OutputName);
        if (await cache.TryGetAsync(campaignId, key, output, cancellationToken) is { } cached)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            Log.Reused(logger, campaignId, cached.MusicMixed, (long)elapsed.TotalMilliseconds);
            return new AudioMix(output, cached.MusicMixed, cached.MeasuredLufs, cached.GainDb, elapsed, Reused: true, MixCache.BlobName(campaignId, key));
        }

        return await MixAndStoreAsync(campaignId, timeline, sources, fetchedSegments, clips, bed, key, level, folder, started, cancellationToken);
    }

    /// <summary>
    /// Pre-rendering: makes and caches the mix "Make the video" will ask for with its defaults (music on, default level)
    /// unless it is cached already.
    /// </summary>
    public async Task<bool> EnsureMixedAsync(
        string campaignId,
        AssemblyTimeline timeline,
        ClipSources sources,
        ClipSounds clips,
        WorkFolder folder,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentNullException.ThrowIfNull(folder);
        var started = Stopwatch.GetTimestamp();
        var bed = await BedAsync(campaignId, MusicBed.DefaultLevel, cancellationToken);
        var key = await KeyAsync(timeline, clips, bed, cancellationToken);
        if (await cache.ExistsAsync(campaignId, key, cancellationToken))
        {
            return false;
        }

        await MixAndStoreAsync(campaignId, timeline, sources, null, clips, bed, key, MusicBed.DefaultLevel, folder, started, cancellationToken);
        return true;
    }

    private async Task<AudioMix> MixAndStoreAsync(
        string campaignId,
        AssemblyTimeline timeline,
        ClipSources sources,
        IReadOnlyList<string?>? fetchedSegments,
        ClipSounds clips,
        MusicBedIdentity? bed,
        string key,
        int level,
        WorkFolder folder,
        long started,
        CancellationToken cancellationToken)
    {
        MusicBedInput? input = null;
        if (bed is not null)
        {
            // The bed heard is the one downloaded: if it was replaced or removed since it was looked up, the key follows it.
            var path = folder.File("music-bed.m4a");
            var stored = await music.DownloadAsync(campaignId, path, cancellationToken);
            var heard = stored is null ? null : new MusicBedIdentity(stored.Version ?? string.Empty, stored.Seconds, level);
            if (heard != bed)
            {
                key = await KeyAsync(timeline, clips, heard, cancellationToken);
            }

            input = heard is null ? null : new MusicBedInput(path, MusicBed.Plan(timeline, clips.HasSound, heard.Seconds, level));
        }

        // A place whose segment is on disk is heard from it; any other clip from the file its segments are rendered from
        // (downloaded once for both).
        string? Segment(int index) => fetchedSegments is not null && index < fetchedSegments.Count ? fetchedSegments[index] : null;
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (entry, index) in timeline.Entries.Select((e, i) => (e, i)))
        {
            if (entry.Clip is { } clip && Segment(index) is null && !paths.ContainsKey(clip.SubmissionId))
            {
                paths[clip.SubmissionId] = await sources.PathAsync(clip.SubmissionId, cancellationToken);
            }
        }

        var timeout = options.Value.TranscodeTimeout;
        var parts = SoundPart.Of(timeline, c => paths[c.SubmissionId], Segment);
        var request = new AudioMixRequest(parts, timeline.TotalSeconds, input, runner.LimitsFor(timeout));
        string[] sensitive = [folder.Path];

        // The clips' sound and the bed are decoded and mixed once; the gain is applied to that premix.
        var run = Guid.NewGuid().ToString("N");
        var measurement = folder.File("loudness-" + run + ".txt");
        var premix = folder.File("premix-" + run + ".wav");
        await runner.RunAsync("assembly-audio-mix", AudioMixCommand.Premix(request, measurement, premix), timeout, sensitive, cancellationToken);
        var measured = LoudnessMeasurement.Parse(await File.ReadAllTextAsync(measurement, cancellationToken));
        var gain = FinalLoudness.GainDb(measured);

        var output = folder.File(OutputName);
        await runner.RunAsync("assembly-audio-finish", AudioMixCommand.Finish(premix, timeline.TotalSeconds, gain, request.Limits, output), timeout, sensitive, cancellationToken);
        File.Delete(premix);
        await cache.StoreAsync(campaignId, key, output, new CachedMix(input is not null, measured, gain), cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Log.Mixed(logger, campaignId, input is not null, measured ?? double.NaN, gain, (long)elapsed.TotalMilliseconds);
        return new AudioMix(output, input is not null, measured, gain, elapsed, Reused: false, MixCache.BlobName(campaignId, key));
    }

    private async Task<MusicBedIdentity?> BedAsync(string campaignId, int level, CancellationToken cancellationToken) =>
        await music.GetAsync(campaignId, cancellationToken) is { } stored ? new MusicBedIdentity(stored.Version ?? string.Empty, stored.Seconds, level) : null;

    private async Task<string> KeyAsync(AssemblyTimeline timeline, ClipSounds clips, MusicBedIdentity? bed, CancellationToken cancellationToken) =>
        MixKey.For(timeline, clips.Identity, clips.HasSound, bed, await runner.EncoderBuildAsync(cancellationToken));

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Assembly sound of campaign {CampaignId} mixed (music bed: {Music}; measured {MeasuredLufs} LUFS, gain {GainDb} dB) in {ElapsedMs} ms")]
        public static partial void Mixed(ILogger logger, string campaignId, bool music, double measuredLufs, double gainDb, long elapsedMs);

        [LoggerMessage(Level = LogLevel.Information, Message = "Assembly sound of campaign {CampaignId} reused from the mix cache (music bed: {Music}) in {ElapsedMs} ms")]
        public static partial void Reused(ILogger logger, string campaignId, bool music, long elapsedMs);
    }
}
