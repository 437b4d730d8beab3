using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Intake;
using SolidarityFn.Pipeline.Protection;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Tests.Protection;

public class ProtectionRulesTests
{
    [Fact]
    public void Approving_a_protected_clip_nobody_confirmed_is_refused_with_409()
    {
        var submission = new SubmissionEntity { ProtectFaces = true };

        var refusal = ProtectionService.ApprovalRefusal(submission);

        Assert.NotNull(refusal);
        Assert.Equal(409, refusal.Status);
        Assert.Contains("confirm", refusal.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_voice_only_protection_also_needs_a_confirmation()
    {
        Assert.NotNull(ProtectionService.ApprovalRefusal(new SubmissionEntity { ProtectVoice = true }));
    }

    [Fact]
    public void A_confirmed_or_unprotected_clip_may_be_approved()
    {
        Assert.Null(ProtectionService.ApprovalRefusal(new SubmissionEntity { ProtectFaces = true, ProtectionConfirmedAt = DateTimeOffset.UnixEpoch }));
        Assert.Null(ProtectionService.ApprovalRefusal(new SubmissionEntity()));
    }

    [Fact]
    public void Regions_outside_the_picture_or_the_clip_are_field_errors()
    {
        ProtectionRegion[] regions =
        [
            new(0.1, 0.1, 0.2, 0.2, 0, 5),
            new(0.9, 0.1, 0.2, 0.2, 0, 5),
            new(0.1, 0.1, 0.2, 0.2, 3, 2),
            new(0.1, 0.1, 0, 0.2, 0, 1),
            new(0.1, 0.1, 0.2, 0.2, 6, 7),
        ];

        var errors = ProtectionRegions.Check(regions, clipSeconds: 5);

        Assert.Equal(["regions[1]", "regions[2]", "regions[3]", "regions[4]"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Regions_round_trip_through_the_stored_json()
    {
        ProtectionRegion[] regions = [new(0.1, 0.2, 0.3, 0.4, 0.5, 1.5)];

        Assert.Equal(regions, ProtectionRegions.Parse(ProtectionRegions.Serialize(regions)));
        Assert.Empty(ProtectionRegions.Parse(null));
    }

    [Fact]
    public void The_intake_request_carries_the_protection_choice_through_validation()
    {
        var campaign = DefaultCampaign.Create();
        var request = new UploadRequest
        {
            ContentType = "video/mp4",
            SizeBytes = 1000,
            Union = "CUPE 3903",
            Sector = "Education",
            City = "Toronto",
            Consent = true,
            ConsentVersion = campaign.ConsentVersion,
            Protect = new ProtectChoice { Faces = true },
        };

        var validated = UploadRequestValidator.Validate(request, campaign, SolidarityFn.Tests.ShippedFonts.Coverage);

        Assert.True(validated.Succeeded);
        Assert.True(validated.Value!.ProtectFaces);
        Assert.False(validated.Value.ProtectVoice);
    }
}
