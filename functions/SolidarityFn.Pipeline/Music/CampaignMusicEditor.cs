using FFMpegCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Audit;
using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Organizers;
using SolidarityFn.Pipeline.Processing;
using SolidarityFn.Pipeline.Results;

namespace SolidarityFn.Pipeline.Music;

/// <summary>Whether a campaign has a music bed, how long it is and when it was stored.</summary>
public sealed record MusicStatus(bool HasMusic, double? Seconds, DateTimeOffset? StoredAt);

/// <summary>
/// <c>PUT|DELETE /api/campaigns/{campaignId}/music</c> (issue 16): an organizer's audio file, at most
/// <see cref="MusicLimits.MaxBytes"/>, recognised by its bytes (<see cref="AudioSniffer"/>), probed and transcoded with the
/// uploads' hardening (forced demuxer, file protocol only, time and CPU limits, a private work folder deleted after), and
/// stored normalised (<see cref="MusicNormalizeCommand"/>) as the campaign's one bed (<see cref="CampaignMusicStore"/>).
/// Not audio: 415; too big or longer than <see cref="MusicLimits.MaxSeconds"/>: 413; shorter than
/// <see cref="MusicLimits.MinSeconds"/>: 400. Both changes are audited (facts only).
/// </summary>
public sealed partial class CampaignMusicEditor(
    CampaignStore campaigns,
    CampaignMusicStore music,
    FfmpegRunner runner,
    IOptions<MediaOptions> media,
    IOptions<ProcessingOptions> processing,
    AuditLog audit,
    ILogger<CampaignMusicEditor> logger)
{
    public const string PutAction = "campaign.music.put";
    public const string DeleteAction = "campaign.music.delete";

    private const string ProblemBase = "https://solidarityfn.org/problems/";

    public async Task<Outcome<MusicStatus>> GetAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (!CampaignIds.IsValid(campaignId) || await campaigns.GetAsync(campaignId, cancellationToken) is null)
        {
            return Problem.NotFound("The campaign");
        }

        return Outcome<MusicStatus>.Ok(Status(await music.GetAsync(campaignId, cancellationToken)));
    }

    /// <param name="declaredBytes">Content-Length when the request states it: a larger one is refused before reading.</param>
    public async Task<Outcome<MusicStatus>> PutAsync(string campaignId, Stream body, long? declaredBytes, Organizer organizer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(organizer);
        if (!CampaignIds.IsValid(campaignId) || await campaigns.GetAsync(campaignId, cancellationToken) is null)
        {
            return Problem.NotFound("The campaign");
        }

        if (declaredBytes > MusicLimits.MaxBytes)
        {
            return TooBig();
        }

        using var folder = WorkFolder.Create(processing.Value.WorkRoot);
        var input = folder.File("upload");
        var bytes = await CopyBoundedAsync(body, input, cancellationToken);
        if (bytes is null)
        {
            return TooBig();
        }

        var demuxer = AudioSniffer.Demuxer(await HeaderAsync(input, cancellationToken));
        if (demuxer is null)
        {
            return NotAudio();
        }

        string[] sensitive = [folder.Path];
        try
        {
            var analysis = await runner.ProbeAsync(input, demuxer, sensitive, cancellationToken);
            var stream = analysis.AudioStreams.FirstOrDefault(s => s.SampleRateHz > 0 && s.Channels > 0);
            if (stream is null)
            {
                return NotAudio();
            }

            var seconds = Seconds(analysis, stream);
            if (seconds > MusicLimits.MaxSeconds + 0.5)
            {
                return TooLong(seconds.Value);
            }

            var timeout = media.Value.TranscodeTimeout;
            var limits = runner.LimitsFor(timeout);
            var measurement = folder.File("loudness.txt");
            await runner.RunAsync("music-measure", MusicNormalizeCommand.Measure(input, demuxer, measurement, limits), timeout, sensitive, cancellationToken);
            var measured = LoudnessMeasurement.Parse(await File.ReadAllTextAsync(measurement, cancellationToken));
            if (measured is null or < FinalLoudness.SilenceLufs)
            {
                return Silent();
            }

            var output = folder.File("bed.m4a");
            var gain = FinalLoudness.GainDb(measured, MusicNormalizeCommand.TargetLufs);
            await runner.RunAsync("music-normalize", MusicNormalizeCommand.Render(input, demuxer, gain, output, limits), timeout, sensitive, cancellationToken);
            var stored = (await runner.ProbeAsync(output, MediaSniffer.MovDemuxer, sensitive, cancellationToken)).Duration.TotalSeconds;
            if (stored < MusicLimits.MinSeconds)
            {
                return TooShort(stored);
            }

            await music.StoreAsync(campaignId, output, Math.Round(stored, 3), cancellationToken);
            Log.Stored(logger, campaignId, bytes.Value, stored, measured.Value, gain);
            await audit.WriteAsync(new AuditRecord(campaignId, PutAction, organizer, null, null, new { seconds = Math.Round(stored, 1), bytes }), cancellationToken);
            return Outcome<MusicStatus>.Ok(Status(await music.GetAsync(campaignId, cancellationToken)));
        }
        catch (MediaRejectedException e) when (e.Reason is RejectionReasons.TooLarge or RejectionReasons.Timeout)
        {
            return TooBig();
        }
        catch (MediaRejectedException)
        {
            // ffprobe or ffmpeg could not read it: whatever its first bytes said, it is not audio we can use.
            return NotAudio();
        }
    }

    /// <summary>Deletes the campaign's bed (204 whether or not there was one; audited only when there was).</summary>
    public async Task<Outcome<bool>> DeleteAsync(string campaignId, Organizer organizer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organizer);
        if (!CampaignIds.IsValid(campaignId) || await campaigns.GetAsync(campaignId, cancellationToken) is null)
        {
            return Problem.NotFound("The campaign");
        }

        var before = await music.GetAsync(campaignId, cancellationToken);
        var deleted = await music.DeleteAsync(campaignId, cancellationToken);
        if (deleted)
        {
            await audit.WriteAsync(new AuditRecord(campaignId, DeleteAction, organizer, null, new { seconds = before?.Seconds }, null), cancellationToken);
        }

        return Outcome<bool>.Ok(deleted);
    }

    private static MusicStatus Status(StoredMusic? stored) => new(stored is not null, stored?.Seconds, stored?.StoredAt);

    private static double? Seconds(IMediaAnalysis analysis, AudioStream stream)
    {
        var seconds = analysis.Duration > TimeSpan.Zero ? analysis.Duration : stream.Duration;
        return seconds > TimeSpan.Zero ? seconds.TotalSeconds : null;
    }

    /// <summary>The body into <paramref name="path"/>; null as soon as it passes <see cref="MusicLimits.MaxBytes"/>.</summary>
    private static async Task<long?> CopyBoundedAsync(Stream body, string path, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        while (true)
        {
            var read = await body.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return total;
            }

            total += read;
            if (total > MusicLimits.MaxBytes)
            {
                return null;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    private static async Task<byte[]> HeaderAsync(string path, CancellationToken cancellationToken)
    {
        var header = new byte[AudioSniffer.HeaderLength];
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        var read = await file.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        return header[..read];
    }

    private static Problem TooBig() => new(
        413, ProblemBase + "too-large", "The music file is too large.",
        $"Send an audio file of at most {MusicLimits.MaxBytes / (1024 * 1024)} MB.");

    private static Problem TooLong(double seconds) => new(
        413, ProblemBase + "too-long", "The music is too long.",
        $"It lasts {seconds:0} s; send at most {MusicLimits.MaxSeconds / 60:0} minutes.");

    private static Problem TooShort(double seconds) => new(
        400, ProblemBase + "too-short", "The music is too short.",
        $"It lasts {seconds:0.#} s; send at least {MusicLimits.MinSeconds:0} seconds, so it does not loop every few seconds.");

    private static Problem Silent() => new(
        400, ProblemBase + "silent", "The music is silent.", "Nothing in this file can be heard; send another one.");

    private static Problem NotAudio() => new(
        415, ProblemBase + "unsupported-media-type", "This file is not music we can use.",
        "Send an audio file: MP3, AAC or M4A, WAV, Ogg (Vorbis or Opus) or FLAC.");

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Music bed of campaign {CampaignId} stored: {Bytes} bytes in, {Seconds:0.#} s, measured {MeasuredLufs} LUFS, gain {GainDb} dB")]
        public static partial void Stored(ILogger logger, string campaignId, long bytes, double seconds, double measuredLufs, double gainDb);
    }
}
