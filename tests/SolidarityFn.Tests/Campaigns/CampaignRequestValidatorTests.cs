using SolidarityFn.Pipeline.Campaigns;

namespace SolidarityFn.Tests.Campaigns;

public class CampaignRequestValidatorTests
{
    private const string Id = "toronto-rally";

    private static CampaignRequest Valid() => new()
    {
        Title = "Toronto stands with Minnesota",
        Subtitle = "Rally clips",
        Prompt = "Send 5 to 10 seconds.\nSay who you are.",
        Slogans = ["We support Minnesota workers!"],
        Hashtags = ["#MPLS", "#Solidarité", "#union_2026"],
        ConsentText = "I agree that my clip may be used.",
        IsOpen = true,
    };

    private static IReadOnlyDictionary<string, string[]> Errors(CampaignRequest request, Campaign? current = null)
    {
        var outcome = CampaignRequestValidator.Validate(Id, request, current, ShippedFonts.Coverage);
        Assert.False(outcome.Succeeded);
        Assert.Equal(400, outcome.Problem!.Status);
        return outcome.Problem.Errors!;
    }

    private static Campaign Stored(int consentVersion = 3) => DefaultCampaign.Create() with
    {
        Id = Id,
        ConsentText = "I agree that my clip may be used.",
        ConsentVersion = consentVersion,
        Limits = new CampaignLimits { MaxClipSeconds = 20, MinClipSeconds = 2, PhotoSeconds = 5, KeepOriginalsDays = 2, MaxUploadBytes = 1000 },
    };

    [Fact]
    public void A_valid_body_becomes_a_new_campaign_at_consent_version_1_with_default_limits()
    {
        var campaign = CampaignRequestValidator.Validate(Id, Valid(), current: null, ShippedFonts.Coverage).Value!;

        Assert.Equal(Id, campaign.Id);
        Assert.Equal("Toronto stands with Minnesota", campaign.Title);
        Assert.Equal("Send 5 to 10 seconds.\nSay who you are.", campaign.Prompt);
        Assert.Equal(["#MPLS", "#Solidarité", "#union_2026"], campaign.Hashtags);
        Assert.Equal(1, campaign.ConsentVersion);
        Assert.Equal(new CampaignLimits(), campaign.Limits);
        Assert.True(campaign.IsOpen);
    }

    [Fact]
    public void Text_is_trimmed_and_line_breaks_normalised()
    {
        var campaign = CampaignRequestValidator.Validate(Id, Valid() with { Title = "  Two   spaces  ", ConsentText = "First line\r\nSecond\rThird" }, null, ShippedFonts.Coverage).Value!;

        Assert.Equal("Two spaces", campaign.Title);
        Assert.Equal("First line\nSecond\nThird", campaign.ConsentText);
    }

    [Fact]
    public void The_consent_version_stays_when_the_consent_text_is_unchanged()
    {
        var campaign = CampaignRequestValidator.Validate(Id, Valid() with { Title = "New title" }, Stored(consentVersion: 3), ShippedFonts.Coverage).Value!;

        Assert.Equal(3, campaign.ConsentVersion);
    }

    [Fact]
    public void The_consent_version_goes_up_by_one_when_the_consent_text_changes()
    {
        var campaign = CampaignRequestValidator.Validate(Id, Valid() with { ConsentText = "I agree, and may withdraw." }, Stored(consentVersion: 3), ShippedFonts.Coverage).Value!;

        Assert.Equal(4, campaign.ConsentVersion);
    }

    [Fact]
    public void Whitespace_only_differences_in_the_consent_text_are_not_a_new_version()
    {
        var campaign = CampaignRequestValidator.Validate(Id, Valid() with { ConsentText = "  I agree that my clip   may be used. " }, Stored(consentVersion: 3), ShippedFonts.Coverage).Value!;

        Assert.Equal(3, campaign.ConsentVersion);
    }

    [Fact]
    public void Limits_left_out_keep_the_current_ones_and_a_partial_limits_object_changes_only_its_fields()
    {
        var kept = CampaignRequestValidator.Validate(Id, Valid(), Stored(), ShippedFonts.Coverage).Value!;
        var partial = CampaignRequestValidator.Validate(Id, Valid() with { Limits = new CampaignLimitsRequest { MaxClipSeconds = 30 } }, Stored(), ShippedFonts.Coverage).Value!;

        Assert.Equal(Stored().Limits, kept.Limits);
        Assert.Equal(Stored().Limits with { MaxClipSeconds = 30 }, partial.Limits);
    }

    [Fact]
    public void Missing_required_fields_are_all_reported_at_once()
    {
        var errors = Errors(new CampaignRequest());

        Assert.Equal(["consentText", "isOpen", "prompt", "title"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Text_bounds_are_enforced()
    {
        var errors = Errors(Valid() with
        {
            Title = new string('t', 121),
            Subtitle = new string('s', 161),
            Prompt = new string('p', 1001),
            ConsentText = new string('c', 4001),
        });

        Assert.Equal(["consentText", "prompt", "subtitle", "title"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_bounds_themselves_are_accepted()
    {
        var outcome = CampaignRequestValidator.Validate(Id, Valid() with
        {
            Title = new string('t', 120),
            Prompt = new string('p', 1000),
            ConsentText = new string('c', 4000),
            Slogans = [.. Enumerable.Repeat(new string('s', 120), 20)],
            Hashtags = [.. Enumerable.Repeat("#" + new string('h', 60), 20)],
            Limits = new CampaignLimitsRequest { MinClipSeconds = 0.5, MaxClipSeconds = 60, PhotoSeconds = 10, MaxUploadBytes = 2L * 1024 * 1024 * 1024, KeepOriginalsDays = 3 },
        }, null, ShippedFonts.Coverage);

        Assert.True(outcome.Succeeded);
    }

    [Fact]
    public void A_title_with_a_line_break_is_refused_but_a_consent_text_may_have_paragraphs()
    {
        var errors = Errors(Valid() with { Title = "Two\nlines", ConsentText = "One.\n\nTwo." });

        Assert.Equal(["title"], errors.Keys);
    }

    [Fact]
    public void Other_control_characters_are_refused_in_paragraphs()
    {
        Assert.Equal(["consentText"], Errors(Valid() with { ConsentText = "Bell\u0007" }).Keys);
    }

    [Fact]
    public void Slogans_are_limited_in_number_and_length_and_named_by_position()
    {
        Assert.Equal(["slogans"], Errors(Valid() with { Slogans = [.. Enumerable.Repeat("ok", 21)] }).Keys);
        Assert.Equal(["slogans[1]", "slogans[2]"], Errors(Valid() with { Slogans = ["ok", new string('s', 121), " "] }).Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("MPLS")]
    [InlineData("#")]
    [InlineData("#two words")]
    [InlineData("#semi;colon")]
    [InlineData("##double")]
    [InlineData("#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]   // 61 characters
    public void Hashtags_must_be_a_hash_and_letters_digits_or_underscore(string hashtag)
    {
        Assert.Equal(["hashtags[0]"], Errors(Valid() with { Hashtags = [hashtag] }).Keys);
    }

    [Fact]
    public void More_than_twenty_hashtags_are_refused()
    {
        Assert.Equal(["hashtags"], Errors(Valid() with { Hashtags = [.. Enumerable.Range(0, 21).Select(i => "#h" + i)] }).Keys);
    }

    [Theory]
    [InlineData(0.4, 10, 4, 0, 1000, "limits.minClipSeconds")]
    [InlineData(10, 10, 4, 0, 1000, "limits.minClipSeconds")]
    [InlineData(1, 61, 4, 0, 1000, "limits.maxClipSeconds")]
    [InlineData(1, 10, 1.9, 0, 1000, "limits.photoSeconds")]
    [InlineData(1, 10, 10.1, 0, 1000, "limits.photoSeconds")]
    [InlineData(1, 10, 4, -1, 1000, "limits.keepOriginalsDays")]
    [InlineData(1, 10, 4, 4, 1000, "limits.keepOriginalsDays")]
    [InlineData(1, 10, 4, 0, 0, "limits.maxUploadBytes")]
    [InlineData(1, 10, 4, 0, 2L * 1024 * 1024 * 1024 + 1, "limits.maxUploadBytes")]
    public void Limits_out_of_bounds_are_field_errors(double min, double max, double photo, int keepDays, long maxBytes, string field)
    {
        var limits = new CampaignLimitsRequest { MinClipSeconds = min, MaxClipSeconds = max, PhotoSeconds = photo, KeepOriginalsDays = keepDays, MaxUploadBytes = maxBytes };

        Assert.Equal([field], Errors(Valid() with { Limits = limits }).Keys);
    }

    [Fact]
    public void A_new_minimum_is_checked_against_the_current_maximum()
    {
        Assert.Equal(["limits.minClipSeconds"], Errors(Valid() with { Limits = new CampaignLimitsRequest { MinClipSeconds = 25 } }, Stored()).Keys);
    }

    [Theory]
    [InlineData("Toronto")]
    [InlineData("-rally")]
    [InlineData("a/b")]
    public void An_invalid_campaign_id_is_a_field_error(string id)
    {
        var outcome = CampaignRequestValidator.Validate(id, Valid(), null, ShippedFonts.Coverage);

        Assert.Equal(["campaignId"], outcome.Problem!.Errors!.Keys);
    }

    [Fact]
    public void Drawn_texts_with_a_character_no_shipped_font_has_are_refused_naming_field_and_character()
    {
        var errors = Errors(Valid() with { Title = "Solidarity \uE000", Subtitle = "ᐃᖃᓗᐃᑦ", Slogans = ["Fine", "Not \uF8FF"] });

        Assert.Equal(["slogans[1]", "subtitle", "title"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["The character U+E000 cannot be drawn on the video: remove it."], errors["title"]);
        Assert.Contains("U+1403", errors["subtitle"][0], StringComparison.Ordinal);
        Assert.Contains("U+F8FF", errors["slogans[1]"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Titles_in_arabic_chinese_and_amharic_with_emoji_are_accepted() =>
        Assert.True(CampaignRequestValidator.Validate(Id, Valid() with { Title = "تضامن 团结 አንድነት ✊🏽", Subtitle = "Đoàn kết" }, null, ShippedFonts.Coverage).Succeeded);

    [Fact]
    public void Retention_is_30_days_on_create_and_kept_on_update_when_left_out()
    {
        var created = CampaignRequestValidator.Validate(Id, Valid(), current: null, ShippedFonts.Coverage).Value!;
        var updated = CampaignRequestValidator.Validate(Id, Valid(), Stored() with { RetentionDays = 90 }, ShippedFonts.Coverage).Value!;
        var set = CampaignRequestValidator.Validate(Id, Valid() with { RetentionDays = 365 }, Stored(), ShippedFonts.Coverage).Value!;

        Assert.Equal(30, created.RetentionDays);
        Assert.Equal(90, updated.RetentionDays);
        Assert.Equal(365, set.RetentionDays);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(366)]
    public void Retention_outside_1_to_365_days_is_a_field_error(int days)
    {
        Assert.Equal(["From 1 to 365 days."], Errors(Valid() with { RetentionDays = days })["retentionDays"]);
    }
}
