using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using SolidarityFn.IntegrationTests.Assembly;
using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Protection;

/// <summary>The processing stack with the face detector turned off, as on a host whose image cannot load OpenCV's native library.</summary>
public sealed class NoFaceDetectorStackFixture() : AssemblyStackFixture("ultrafast")
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [.. base.Settings, new("Protection:FaceDetection", "false")];
}

/// <summary>
/// Face detection fails soft: with no detector, a photo asking for hidden faces still becomes Ready with an empty
/// proposal; approval is still refused until an organizer has drawn the boxes and confirmed.
/// </summary>
public sealed class NoFaceDetectorTests(NoFaceDetectorStackFixture stack) : IClassFixture<NoFaceDetectorStackFixture>
{
    [Fact]
    public async Task Without_a_detector_a_clip_asking_for_hidden_faces_is_Ready_with_no_proposal_and_approval_waits_for_the_organizers_boxes()
    {
        using var contributor = stack.CreateClient();
        using var organizer = stack.CreateOrganizerClient();
        var campaign = await AssemblyFlow.NewCampaignAsync(organizer);
        var ticket = await ProtectionMedia.UploadProtectedAsync(contributor, campaign, ProtectionMedia.Photo, "image/jpeg", faces: true, voice: false);
        await AssemblyFlow.WaitReadyAsync(contributor, [ticket], TimeSpan.FromMinutes(3));

        var url = $"/api/campaigns/{campaign}/submissions/{ticket.SubmissionId}/protection";
        using var get = await organizer.GetAsync(url);
        var state = await get.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, state.GetProperty("regions").GetArrayLength());
        Assert.True(state.GetProperty("faces").GetBoolean());

        using (var early = await organizer.PostAsJsonAsync($"/api/campaigns/{campaign}/submissions/{ticket.SubmissionId}/approve", new { }))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        // The organizer draws both faces and confirms; now it can be approved.
        var f = ProtectionMedia.FrontalFace;
        var p = ProtectionMedia.ProfileFace;
        var regions = new[]
        {
            new { x = f.X, y = f.Y, width = f.W, height = f.H, fromSeconds = 0.0, toSeconds = 1.0 },
            new { x = p.X, y = p.Y, width = p.W, height = p.H, fromSeconds = 0.0, toSeconds = 1.0 },
        };
        var clipSeconds = (await organizer.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}/submissions?status=Ready"))
            .GetProperty("items")[0].GetProperty("clipSeconds").GetDouble();
        regions = [.. regions.Select(r => r with { toSeconds = clipSeconds })];
        using var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new { regions, confirm = true }) };
        put.Headers.TryAddWithoutValidation("If-Match", get.Headers.ETag!.Tag);
        using var confirmed = await organizer.SendAsync(put);
        Assert.True(confirmed.StatusCode == HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        await AssemblyFlow.ApproveAsync(organizer, campaign, ticket.SubmissionId);
    }
}
