using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.IntegrationTests.Media;
using SolidarityFn.IntegrationTests.Organizers;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Storage;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.IntegrationTests.Assembly;

/// <summary>
/// The music bed (issue 16) through the real stack: the organizer's file stored normalised over PUT /music, then real
/// assemblies measured with ffmpeg. The bed is pink noise below 500 Hz and the voice a 3 kHz tone, so each is measured
/// alone in its own band (two 200 Hz band-passes for the bed: the tone is ~70 dB down there).
/// Timeline: title card 0–4 s, the clip with sound 4–10 s, a clip without sound 10–16 s, end card 16–21 s.
/// </summary>
[Collection(UltrafastAssemblyStackCollection.Name)]
public sealed partial class MusicBedTests(UltrafastAssemblyStackFixture stack) : IAsyncLifetime
{
    private const double ClipSeconds = 6;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "music-bed-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await ClipAsync("voice.mp4", "sine=frequency=3000:sample_rate=48000:duration=6");
        await ClipAsync("silent.mp4", "anullsrc=channel_layout=stereo:sample_rate=48000");
        // 12 s of "music": shorter than the 21 s video, so it loops once with a crossfade.
        await Tool.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.3:sample_rate=44100:duration=12:seed=7",
            "-af", "lowpass=f=500,lowpass=f=500", "-ac", "1", Path.Combine(_folder, "bed.wav")]);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Music_is_stored_normalised_refused_as_415_when_not_audio_and_413_when_too_big_or_long_and_deleted()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        Assert.False((await SettingsAsync(organizer, campaign)).GetProperty("hasMusic").GetBoolean());

        // Not audio, whatever it says it is: 415, nothing stored.
        using (var text = await PutMusicAsync(organizer, campaign, Encoding.UTF8.GetBytes("#EXTM3U\nfile:///etc/passwd\n"), "audio/mpeg"))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
            Assert.Equal("application/problem+json", text.Content.Headers.ContentType?.MediaType);
        }

        using (var form = await PutMusicAsync(organizer, campaign, await File.ReadAllBytesAsync(Path.Combine(_folder, "bed.wav")), "application/x-www-form-urlencoded"))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        }

        // Over 20 MB: 413 before it is read whole.
        using (var big = await PutMusicAsync(organizer, campaign, new byte[(20 * 1024 * 1024) + 1], "audio/wav"))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        }

        // Eleven minutes in 1.4 MB: 413 for its length.
        var longMp3 = Path.Combine(_folder, "long.mp3");
        await Tool.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=300:sample_rate=8000:duration=660", "-b:a", "16k", longMp3]);
        using (var tooLong = await PutMusicAsync(organizer, campaign, await File.ReadAllBytesAsync(longMp3), "audio/mpeg"))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLong.StatusCode);
            using var problem = await UploadApi.ProblemAsync(tooLong);
            Assert.Contains("10 minutes", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var anonymous = stack.CreateClient())
        using (var denied = await PutMusicAsync(anonymous, campaign, await File.ReadAllBytesAsync(Path.Combine(_folder, "bed.wav")), "audio/wav"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        }

        Assert.False((await SettingsAsync(organizer, campaign)).GetProperty("hasMusic").GetBoolean());

        // A FLAC (mono, 44.1 kHz) is stored as 48 kHz stereo AAC at the clips' loudness, with no metadata.
        var flac = Path.Combine(_folder, "bed.flac");
        await Tool.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-y", "-i", Path.Combine(_folder, "bed.wav"), "-metadata", "title=Secret place", flac]);
        using (var put = await PutMusicAsync(organizer, campaign, await File.ReadAllBytesAsync(flac), "audio/flac"))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var body = await put.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(body.GetProperty("hasMusic").GetBoolean());
            Assert.InRange(body.GetProperty("seconds").GetDouble(), 11.5, 12.5);
        }

        Assert.True((await SettingsAsync(organizer, campaign)).GetProperty("hasMusic").GetBoolean());
        var stored = Path.Combine(_folder, "stored.m4a");
        await stack.Blobs.GetBlobContainerClient(StorageNames.FinalContainer).GetBlobClient(StorageNames.MusicBlob(campaign)).DownloadToAsync(stored);
        using (var probe = await OutputAssert.ProbeAsync(stored))
        {
            var stream = Assert.Single(probe.RootElement.GetProperty("streams").EnumerateArray());
            Assert.Equal("aac", stream.GetProperty("codec_name").GetString());
            Assert.Equal("48000", stream.GetProperty("sample_rate").GetString());
            Assert.Equal(2, stream.GetProperty("channels").GetInt32());
            Assert.DoesNotContain("Secret", probe.RootElement.ToString(), StringComparison.Ordinal);
        }

        Assert.InRange(await PhoneFiles.IntegratedLoudnessAsync(stored), -17, -15);
        var audit = await CampaignApi.AuditAsync(organizer, campaign);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), i => i.GetProperty("action").GetString() == "campaign.music.put");

        using (var delete = await organizer.DeleteAsync($"/api/campaigns/{campaign}/music"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.False((await SettingsAsync(organizer, campaign)).GetProperty("hasMusic").GetBoolean());
        Assert.False(await stack.Blobs.GetBlobContainerClient(StorageNames.FinalContainer).GetBlobClient(StorageNames.MusicBlob(campaign)).ExistsAsync());
    }

    [Fact]
    public async Task The_bed_plays_under_the_cards_ducks_12_dB_under_a_voice_and_the_final_is_minus_14_LUFS_and_a_caption_change_reuses_the_cached_mix_and_a_level_change_remixes_only_the_sound()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        using (var put = await PutMusicAsync(organizer, campaign, await File.ReadAllBytesAsync(Path.Combine(_folder, "bed.wav")), "audio/wav"))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var voice = await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, Path.Combine(_folder, "voice.mp4"), "A voice", ClipSeconds);
        var silent = await AssemblyFlow.SeedApprovedAsync(stack, organizer, campaign, Path.Combine(_folder, "silent.mp4"), "No sound", ClipSeconds);
        await MarkSilentAsync(campaign, silent.Id);

        var first = await AssembleAsync(organizer, campaign, new { formats = new[] { "landscape" } });
        Assert.True(first.GetProperty("musicMixed").GetBoolean());
        Assert.Equal(MusicBed.DefaultLevel, first.GetProperty("musicLevel").GetInt32());
        var video = await DownloadAsync(first, "first.mp4");
        var bed = await BandLevelsAsync(video, 200);
        var tone = await BandLevelsAsync(video, 3000);
        Log("music on, 200 Hz band (the bed)", bed);
        Log("music on, 3 kHz band (the voice)", tone);

        var underTitle = Mean(bed, 1.5, 3.5);
        var underVoice = Mean(bed, 4.5, 9.5);
        var underSilent = Mean(bed, 10.5, 15.5);
        var underEnd = Mean(bed, 16.5, 18);
        Assert.True(underTitle > -50, $"the bed plays under the title card ({underTitle:0.0} dB)");
        Assert.True(underEnd > -50, $"the bed plays under the end card ({underEnd:0.0} dB)");
        Assert.True(underTitle - underVoice >= 12, $"ducked by {underTitle - underVoice:0.0} dB under the voice");
        Assert.InRange(underSilent - underTitle, -4, 4); // card level under a clip without sound
        Assert.True(Mean(tone, 4.5, 9.5) - Mean(tone, 1.5, 3.5) > 30, "the voice is in its own band");
        await AssertLoudnessAsync(video);

        // The same campaign with the music turned off for one assembly: no bed, still −14 LUFS.
        var off = await AssembleAsync(organizer, campaign, new { formats = new[] { "landscape" }, music = false });
        Assert.False(off.GetProperty("musicMixed").GetBoolean());
        Assert.Equal(0, off.GetProperty("segmentsRendered").GetInt32()); // the segments never held the music
        // Every segment came from the cache, so the new mix hears them, not the clips: no clip is downloaded.
        Assert.Equal(0, off.GetProperty("clipsDownloaded").GetInt32());
        var offVideo = await DownloadAsync(off, "off.mp4");
        var offBed = await BandLevelsAsync(offVideo, 200);
        Log("music off, 200 Hz band", offBed);
        Assert.True(underTitle - Mean(offBed, 1.5, 3.5) > 30, "no bed under the title card when it is off");
        var offTone = await BandLevelsAsync(offVideo, 3000);
        Assert.True(Mean(offTone, 4.5, 9.5) - Mean(offTone, 1.5, 3.5) > 30, "the voice, heard from its cached segment, is in the mix");
        Assert.InRange(Mean(offTone, 4.5, 9.5) - Mean(tone, 4.5, 9.5), -3, 3); // at the level it had when heard from the clip
        await AssertLoudnessAsync(offVideo);

        // One caption changes: one clip segment is rendered again; what is heard did not change, so the cached mix of
        // the first assembly is reused as it is (nothing measured or mixed).
        var cache = stack.Services.GetRequiredService<SegmentCache>();
        var mixes = stack.Services.GetRequiredService<MixCache>();
        var renderedBefore = cache.Rendered;
        var (mixedBefore, mixReusedBefore) = (mixes.Mixed, mixes.Reused);
        using (var approve = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/submissions/{voice.Id}/approve", new { caption = "A new caption" }))
        {
            Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        }

        var captioned = await AssembleAsync(organizer, campaign, new { formats = new[] { "landscape" } });
        Assert.Equal(1, captioned.GetProperty("segmentsRendered").GetInt32());
        Assert.Equal(1, cache.Rendered - renderedBefore);
        Assert.True(captioned.GetProperty("musicMixed").GetBoolean());
        Assert.Equal((mixedBefore, mixReusedBefore + 1), (mixes.Mixed, mixes.Reused));
        var captionedVideo = await DownloadAsync(captioned, "captioned.mp4");
        var captionedBed = await BandLevelsAsync(captionedVideo, 200);
        Assert.InRange(Mean(captionedBed, 1.5, 3.5) - underTitle, -0.5, 0.5); // the same bed at the same level
        await AssertLoudnessAsync(captionedVideo);

        // The level changes: no segment is rendered, the sound is mixed again.
        var again = await AssembleAsync(organizer, campaign, new { formats = new[] { "landscape" }, musicLevel = 25 });
        Assert.Equal(0, again.GetProperty("segmentsRendered").GetInt32());
        Assert.Equal(4, again.GetProperty("segmentsReused").GetInt32());
        Assert.Equal(0, again.GetProperty("clipsDownloaded").GetInt32());
        Assert.Equal(mixedBefore + 1, mixes.Mixed);
        Assert.True(again.GetProperty("musicMixed").GetBoolean());
        Assert.Equal(25, again.GetProperty("musicLevel").GetInt32());
        var againBed = await BandLevelsAsync(await DownloadAsync(again, "again.mp4"), 200);
        Log("caption changed, level 25 %, 200 Hz band", againBed);
        Assert.True(Mean(againBed, 1.5, 3.5) - Mean(againBed, 4.5, 9.5) >= 12, "still ducked after the remix");
    }

    [Fact]
    public async Task The_music_level_is_checked_when_the_assembly_starts()
    {
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        using var bad = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/assemblies/plan", new { musicLevel = 101 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("musicLevel", out _));
    }

    private async Task ClipAsync(string name, string audio) =>
        await Tool.RunAsync("ffmpeg", [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=6",
            "-f", "lavfi", "-i", audio,
            "-map", "0:v", "-map", "1:a", "-t", "6",
            .. MezzanineFormat.OutputArguments("ultrafast", 23), Path.Combine(_folder, name)]);

    /// <summary>The clip's source had no sound (as a photo or a silent video): the list row says so.</summary>
    private async Task MarkSilentAsync(string campaign, string submissionId)
    {
        var store = stack.Services.GetRequiredService<SubmissionStore>();
        var row = await store.GetAsync(campaign, submissionId, CancellationToken.None);
        row!.SourceHadAudio = false;
        Assert.True(await store.TryReplaceAsync(row, CancellationToken.None));
    }

    private static async Task<HttpResponseMessage> PutMusicAsync(HttpClient http, string campaign, byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await http.PutAsync($"/api/campaigns/{campaign}/music", content);
    }

    private static async Task<JsonElement> SettingsAsync(HttpClient organizer, string campaign) =>
        await organizer.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}/settings");

    private async Task<JsonElement> AssembleAsync(HttpClient organizer, string campaign, object body)
    {
        using var start = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/assemblies", body);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var statusUrl = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!;
        return await AssemblyFlow.RunUntilFinishedAsync(stack, organizer, statusUrl);
    }

    private async Task<string> DownloadAsync(JsonElement status, string name)
    {
        var url = status.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "landscape.mp4").GetProperty("url").GetString()!;
        using var http = new HttpClient();
        var path = Path.Combine(_folder, name);
        await File.WriteAllBytesAsync(path, await http.GetByteArrayAsync(new Uri(url)));
        return path;
    }

    /// <summary>RMS level (dBFS) of one band, per half second, through two band-passes (Q 4).</summary>
    private async Task<double[]> BandLevelsAsync(string video, int hz)
    {
        var file = Path.Combine(_folder, $"band-{hz}-{Guid.NewGuid():N}.txt");
        var band = $"bandpass=f={hz}:width_type=q:w=4";
        await Tool.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-i", video, "-map", "0:a:0",
            "-af", $"{band},{band},asetnsamples=n=24000,astats=metadata=1:reset=1,ametadata=mode=print:key=lavfi.astats.Overall.RMS_level:file={file}",
            "-f", "null", "-"]);
        return [.. RmsLine().Matches(await File.ReadAllTextAsync(file))
            .Select(m => m.Groups[1].Value is "-inf" ? -200 : double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
    }

    /// <summary>Mean of the half-second levels lying wholly in [from, to) seconds.</summary>
    private static double Mean(double[] levels, double from, double to) =>
        Enumerable.Range(0, levels.Length).Where(i => i * 0.5 >= from && (i + 1) * 0.5 <= to).Select(i => levels[i]).Average();

    private static async Task AssertLoudnessAsync(string video)
    {
        var (code, _, stderr) = await Tool.RunRawAsync("ffmpeg", ["-hide_banner", "-nostdin", "-v", "info", "-i", video, "-map", "0:a:0", "-af", "ebur128=peak=true", "-f", "null", "-"], null);
        var text = Encoding.UTF8.GetString(stderr);
        Assert.True(code == 0, text);
        var summary = text[text.LastIndexOf("Summary:", StringComparison.Ordinal)..];
        var integrated = double.Parse(Integrated().Match(summary).Groups[1].Value, CultureInfo.InvariantCulture);
        var peak = double.Parse(TruePeak().Match(summary).Groups[1].Value, CultureInfo.InvariantCulture);
        Console.WriteLine($"[music] {Path.GetFileName(video)}: {integrated:0.0} LUFS integrated, true peak {peak:0.0} dBTP");
        Assert.InRange(integrated, -15, -13);
        Assert.True(peak <= -1, $"true peak {peak} dBTP");
    }

    private static void Log(string what, double[] levels) =>
        Console.WriteLine($"[music] {what}: " + string.Join(' ', levels.Select((l, i) => $"{i * 0.5:0.#}s:{l:0}")));

    [GeneratedRegex(@"RMS_level=(-?[0-9.]+|-inf)")]
    private static partial Regex RmsLine();

    [GeneratedRegex(@"I:\s+(-?[0-9.]+) LUFS")]
    private static partial Regex Integrated();

    [GeneratedRegex(@"True peak:\s+Peak:\s+(-?[0-9.]+) dBFS")]
    private static partial Regex TruePeak();
}
