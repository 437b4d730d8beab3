using System.Net;
using SolidarityFn.IntegrationTests.Fixtures;

namespace SolidarityFn.IntegrationTests.Organizers;

/// <summary>The campaign's look (issue 16) through PUT /api/campaigns/{id} and GET …/settings, against Azurite.</summary>
[Collection(StackCollection.Name)]
public class CampaignLookApiTests(StackFixture stack)
{
    private readonly HttpClient _organizer = stack.CreateOrganizerClient();

    [Fact]
    public async Task A_look_is_stored_and_read_back_and_a_caption_box_failing_wcag_aa_is_refused_with_its_ratio()
    {
        var id = CampaignApi.NewId("look");
        var created = await CampaignApi.CreateAsync(_organizer, id);
        using (var fresh = await _organizer.GetAsync($"/api/campaigns/{id}/settings"))
        {
            var look = (await CampaignApi.JsonAsync(fresh)).GetProperty("look");
            Assert.Equal("black", look.GetProperty("transition").GetString());
            Assert.Equal("#1d2b4f", look.GetProperty("cardColour").GetString());
        }

        var refused = CampaignApi.Body();
        refused["look"] = new Dictionary<string, object?> { ["accentColour"] = "#FFD400" };
        using var bad = await CampaignApi.PutAsync(_organizer, id, refused, ifMatch: created);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var message = (await CampaignApi.JsonAsync(bad)).GetProperty("errors").GetProperty("look.accentColour")[0].GetString();
        Assert.Contains("has a contrast of 1.43:1; WCAG AA needs at least 4.5:1", message, StringComparison.Ordinal);

        var body = CampaignApi.Body();
        body["look"] = new Dictionary<string, object?> { ["transition"] = "none", ["cardColour"] = "#0B6E4F", ["accentColour"] = "#7a1f2b", ["weight"] = "regular" };
        using var saved = await CampaignApi.PutAsync(_organizer, id, body, ifMatch: created);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        // A save that leaves the look out keeps it.
        using var again = await CampaignApi.PutAsync(_organizer, id, CampaignApi.Body(title: "Renamed"), ifMatch: CampaignApi.ETagOf(saved));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var read = await _organizer.GetAsync($"/api/campaigns/{id}/settings");
        var stored = (await CampaignApi.JsonAsync(read)).GetProperty("look");
        Assert.Equal("none", stored.GetProperty("transition").GetString());
        Assert.Equal("#0b6e4f", stored.GetProperty("cardColour").GetString());
        Assert.Equal("#7a1f2b", stored.GetProperty("accentColour").GetString());
        Assert.Equal("regular", stored.GetProperty("weight").GetString());
    }
}
