using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using SolidarityFn.IntegrationTests.Assembly;
using SolidarityFn.IntegrationTests.Fixtures;
using SolidarityFn.Pipeline.Assembly;
using SolidarityFn.Pipeline.Media;
using SolidarityFn.Pipeline.Protection;
using SolidarityFn.Pipeline.Storage;
using Xunit.Abstractions;

namespace SolidarityFn.IntegrationTests.Protection;

/// <summary>
/// Identity protection through the real stack (issue 15): the real photo of two people uploaded as a 5 s clip with
/// sound asking for hidden faces and no voice; the detector's proposal; approval refused until an organizer confirms
/// (adding the profile the detector missed); the protected clip masked and silent; the assembly made from it.
/// </summary>
[Collection(UltrafastAssemblyStackCollection.Name)]
public sealed class ProtectionFlowTests(UltrafastAssemblyStackFixture stack, ITestOutputHelper output) : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "shots", "protect");
    private readonly string _dir = Directory.CreateTempSubdirectory("sfn-protect-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_protected_clip_is_refused_until_confirmed_then_published_masked_and_silent_only()
    {
        Directory.CreateDirectory(Shots);
        var source = await ProtectionMedia.FiveSecondClipAsync(_dir);
        using var contributor = stack.CreateClient();
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        var ticket = await ProtectionMedia.UploadProtectedAsync(contributor, campaign, source, "video/mp4", faces: true, voice: true);
        await AssemblyFlow.WaitReadyAsync(contributor, [ticket], TimeSpan.FromMinutes(3));

        // The receipt says what was asked and that nobody has checked it yet.
        var receipt = await ReceiptAsync(contributor, ticket);
        Assert.True(receipt.GetProperty("protect").GetProperty("faces").GetBoolean());
        Assert.True(receipt.GetProperty("protect").GetProperty("voice").GetBoolean());
        Assert.False(receipt.GetProperty("protect").GetProperty("confirmed").GetBoolean());

        // The detector proposed the frontal face.
        var url = $"/api/campaigns/{campaign}/submissions/{ticket.SubmissionId}/protection";
        using var get = await organizer.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var state = await get.Content.ReadFromJsonAsync<JsonElement>();
        var proposed = state.GetProperty("regions").Deserialize<List<ProtectionRegion>>(Web)!;
        foreach (var r in proposed)
        {
            output.WriteLine($"proposed x={r.X:0.###} y={r.Y:0.###} w={r.Width:0.###} h={r.Height:0.###} {r.FromSeconds:0.#}-{r.ToSeconds:0.#} s");
        }

        var face = ProtectionMedia.FrontalFace;
        Assert.Contains(proposed, r => r.X <= face.X + 0.02 && r.X + r.Width >= face.X + face.W - 0.02 && r.Y <= face.Y + 0.02 && r.Y + r.Height >= face.Y + face.H - 0.02);

        // Approving before anyone confirmed is refused, with a message.
        using (var early = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/submissions/{ticket.SubmissionId}/approve", new { }))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            using var problem = await UploadApi.ProblemAsync(early);
            Assert.Contains("protection", problem.RootElement.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        }

        // The organizer adds the profile the detector missed and confirms in one step.
        var profile = ProtectionMedia.ProfileFace;
        var regions = proposed.Append(new ProtectionRegion(profile.X, profile.Y, profile.W, profile.H, 0, 5)).ToList();
        using var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new { regions, confirm = true }) };
        put.Headers.TryAddWithoutValidation("If-Match", get.Headers.ETag!.Tag);
        using var confirmed = await organizer.SendAsync(put);
        Assert.True(confirmed.StatusCode == HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        var after = await confirmed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.String, after.GetProperty("confirmedAt").ValueKind);
        Assert.Equal(regions.Count, after.GetProperty("regions").GetArrayLength());

        // The stored clip is now the protected one: faces beyond recognition, the rest intact, the sound gone.
        var media = stack.Blobs.GetBlobContainerClient(StorageNames.MediaContainer);
        var prefix = StorageNames.MediaPrefix(campaign, ticket.SubmissionId);
        var unprotected = Path.Combine(_dir, "unprotected.mp4");
        var protectedClip = Path.Combine(_dir, "protected.mp4");
        await media.GetBlobClient(prefix + ProtectedClipRenderer.UnprotectedBlobName).DownloadToAsync(unprotected);
        await media.GetBlobClient(prefix + "clip.mp4").DownloadToAsync(protectedClip);
        await MeasureAsync(unprotected, protectedClip);
        await ProtectionMedia.ExtractFrameAsync(protectedClip, 2, Path.Combine(Shots, "protected-clip-2s.png"));
        await ProtectionMedia.ExtractFrameAsync(unprotected, 2, Path.Combine(Shots, "unprotected-clip-2s.png"));
        var thumb = Path.Combine(Shots, "protected-thumb.jpg");
        await media.GetBlobClient(prefix + "thumb.jpg").DownloadToAsync(thumb);

        // Approved now; the unprotected clip goes at approval, so no later step can read it.
        await AssemblyFlow.ApproveAsync(organizer, campaign, ticket.SubmissionId);
        Assert.False(await media.GetBlobClient(prefix + ProtectedClipRenderer.UnprotectedBlobName).ExistsAsync());
        receipt = await ReceiptAsync(contributor, ticket);
        Assert.True(receipt.GetProperty("protect").GetProperty("confirmed").GetBoolean());

        var status = await AssemblyFlow.AssembleAsync(stack, organizer, campaign, new { formats = new[] { "landscape" } });
        var outputs = AssemblyFlow.Outputs(status);
        var video = await AssemblyFlow.DownloadAsync(outputs.Single(o => o.Key.EndsWith(".mp4", StringComparison.Ordinal)).Value, _dir, "final.mp4");
        var level = await ProtectionMedia.MeanVolumeAsync(video);
        output.WriteLine($"assembled output mean level {level} dB");
        Assert.True(level < -60, $"the assembled video still has sound at {level} dB");
        var vtt = await AssemblyFlow.TextAsync(outputs.Single(o => o.Key.EndsWith(".vtt", StringComparison.Ordinal)).Value);
        await MeasureAssembledAsync(video, unprotected, vtt);
    }

    /// <summary>
    /// The published picture, not only the stored clip: in the assembled frame mid-clip, each face region (mapped through
    /// the framing the segment used, <see cref="ClipSegmentCommand.PlanFor"/>) against the same region of the unmasked
    /// source framed the same way; and the clip's own span silent (the campaign has no music bed).
    /// </summary>
    private async Task MeasureAssembledAsync(string video, string unprotected, string captionsVtt)
    {
        var (start, end) = ProtectionMedia.CueSpan(captionsVtt, "CUPE 4400");
        var (frameWidth, frameHeight) = await SolidarityFn.IntegrationTests.Media.PhoneFiles.VideoSizeAsync(video);
        var format = AssemblyFormats.Landscape;
        Assert.Equal((format.Width, format.Height), (frameWidth, frameHeight));
        var plan = ClipSegmentCommand.PlanFor(new ClipShape(ProtectionMedia.PhotoWidth, ProtectionMedia.PhotoHeight), format);
        var middle = (start + end) / 2;
        var assembledFrame = Path.Combine(Shots, "assembled-mosaic.png");
        var referenceFrame = Path.Combine(Shots, "assembled-reference.png");
        await ProtectionMedia.ExtractFrameAsync(video, middle, assembledFrame);
        await ProtectionMedia.FramedReferenceAsync(unprotected, middle - start, plan, referenceFrame);

        var frontal = await ProtectionMedia.ImageSsimAsync(assembledFrame, referenceFrame, ProtectionMedia.MapToFrame(ProtectionMedia.FrontalFace, plan));
        var profile = await ProtectionMedia.ImageSsimAsync(assembledFrame, referenceFrame, ProtectionMedia.MapToFrame(ProtectionMedia.ProfileFace, plan));
        // The rest: the band under the faces and above the lower third, and the part left of the frontal face.
        var band = await ProtectionMedia.ImageSsimAsync(assembledFrame, referenceFrame, ProtectionMedia.MapToFrame((0, 0.42, 1, 0.28), plan));
        var left = await ProtectionMedia.ImageSsimAsync(assembledFrame, referenceFrame, ProtectionMedia.MapToFrame((0, 0, 0.28, 0.42), plan));
        var sound = await ProtectionMedia.MeanVolumeAsync(video, start, end - start);
        output.WriteLine($"assembled ({plan.Describe()}), clip {start:0.##}-{end:0.##} s: SSIM frontal {frontal:0.###}, profile {profile:0.###}, band under the faces {band:0.###}, left of the faces {left:0.###}; clip span level {sound} dB");
        Assert.True(frontal < 0.75, $"assembled frontal face SSIM {frontal}");
        Assert.True(profile < 0.75, $"assembled profile SSIM {profile}");
        Assert.True(band > 0.8, $"assembled band SSIM {band}");
        Assert.True(left > 0.8, $"assembled left SSIM {left}");
        Assert.True(sound < -60, $"the clip's own sound is in the assembled video at {sound} dB");
    }

    [Fact]
    public async Task A_photo_asking_for_hidden_faces_gets_the_frontal_face_proposed_and_can_only_gain_protection_from_its_receipt()
    {
        using var contributor = stack.CreateClient();
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        var ticket = await ProtectionMedia.UploadProtectedAsync(contributor, campaign, ProtectionMedia.Photo, "image/jpeg", faces: true, voice: false);
        await AssemblyFlow.WaitReadyAsync(contributor, [ticket], TimeSpan.FromMinutes(3));

        var state = await organizer.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}/submissions/{ticket.SubmissionId}/protection");
        var proposed = state.GetProperty("regions").Deserialize<List<ProtectionRegion>>(Web)!;
        var face = ProtectionMedia.FrontalFace;
        Assert.Contains(proposed, r => r.X <= face.X + 0.03 && r.X + r.Width >= face.X + face.W - 0.03);

        // The receipt turns the voice on (and cannot turn faces off: false changes nothing), with an audit row.
        using var on = ProtectRequest(ticket, new { faces = false, voice = true });
        using var turnedOn = await contributor.SendAsync(on);
        Assert.Equal(HttpStatusCode.OK, turnedOn.StatusCode);
        var view = await turnedOn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(view.GetProperty("faces").GetBoolean());
        Assert.True(view.GetProperty("voice").GetBoolean());
        var audit = await SolidarityFn.IntegrationTests.Organizers.CampaignApi.AuditAsync(organizer, campaign);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "submission.protect");

        // A wrong token learns nothing.
        using var stranger = ProtectRequest(ticket with { ReceiptToken = ticket.ReceiptToken[..^2] + "xx" }, new { faces = true });
        using var refused = await contributor.SendAsync(stranger);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        // The organizer cannot take the contributor's choice away.
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/campaigns/{campaign}/submissions/{ticket.SubmissionId}/protection")
        {
            Content = JsonContent.Create(new { faces = false, confirm = true }),
        };
        using var off = await organizer.SendAsync(put);
        Assert.Equal(HttpStatusCode.BadRequest, off.StatusCode);
    }

    private static HttpRequestMessage ProtectRequest(UploadApi.Ticket ticket, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/submissions/{ticket.SubmissionId}/protect") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Receipt-Token", ticket.ReceiptToken);
        return request;
    }

    private async Task MeasureAsync(string unprotected, string protectedClip)
    {
        // The normalised clip keeps the photo's 840×700.
        var face = ProtectionMedia.FrontalFace;
        var profile = ProtectionMedia.ProfileFace;
        (int, int, int, int) Px((double X, double Y, double W, double H) f) =>
            ((int)(f.X * 840) & ~1, (int)(f.Y * 700) & ~1, (int)(f.W * 840) & ~1, (int)(f.H * 700) & ~1);

        var frontalSsim = await ProtectionMedia.SsimAsync(unprotected, protectedClip, Px(face), 2);
        var profileSsim = await ProtectionMedia.SsimAsync(unprotected, protectedClip, Px(profile), 2);
        var restSsim = await ProtectionMedia.SsimAsync(unprotected, protectedClip, (0, 420, 840, 280), 2);
        var sameSsim = await ProtectionMedia.SsimAsync(unprotected, unprotected, Px(face), 2);
        var level = await ProtectionMedia.MeanVolumeAsync(protectedClip);
        var sourceLevel = await ProtectionMedia.MeanVolumeAsync(unprotected);
        output.WriteLine($"SSIM frontal {frontalSsim:0.###}, profile {profileSsim:0.###}, lower part {restSsim:0.###} (same clip: {sameSsim:0.###}); level {level} dB (source {sourceLevel} dB)");
        Assert.True(frontalSsim < 0.75, $"frontal face SSIM {frontalSsim}");
        Assert.True(profileSsim < 0.75, $"profile SSIM {profileSsim}");
        Assert.True(restSsim > 0.8, $"rest SSIM {restSsim}");
        Assert.True(level < -60, $"voice still there at {level} dB");
        Assert.True(sourceLevel > -40, $"the source had no sound to remove ({sourceLevel} dB)");
    }

    private static async Task<JsonElement> ReceiptAsync(HttpClient contributor, UploadApi.Ticket ticket)
    {
        using var response = await contributor.SendAsync(UploadApi.Receipt(HttpMethod.Get, ticket.SubmissionId, ticket.ReceiptToken));
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
