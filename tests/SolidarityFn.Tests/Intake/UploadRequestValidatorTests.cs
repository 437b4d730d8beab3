using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Intake;

namespace SolidarityFn.Tests.Intake;

public class UploadRequestValidatorTests
{
    private static readonly Campaign Campaign = DefaultCampaign.Create() with { ConsentVersion = 3 };

    private static UploadRequest Valid() => new()
    {
        FileName = "IMG_0001.MOV",
        ContentType = "video/quicktime",
        SizeBytes = 12_000_000,
        DisplayName = "Ana",
        Union = "CUPE 4400",
        Sector = "Education",
        City = "Toronto",
        Caption = "Toronto teachers support Minnesota workers",
        Language = "fr",
        Consent = true,
        ConsentVersion = 3,
    };

    [Fact]
    public void A_complete_request_is_accepted_and_normalised()
    {
        var outcome = UploadRequestValidator.Validate(Valid() with { City = "  Montréal \t  Nord ", DisplayName = "   " }, Campaign, ShippedFonts.Coverage);

        Assert.True(outcome.Succeeded);
        Assert.Equal("Montréal Nord", outcome.Value!.City);
        Assert.Null(outcome.Value.DisplayName);
        Assert.Equal("video/quicktime", outcome.Value.ContentType);
        Assert.Equal(3, outcome.Value.ConsentVersion);
    }

    [Fact]
    public void Decomposed_accents_are_stored_composed()
    {
        var outcome = UploadRequestValidator.Validate(Valid() with { City = "Montre\u0301al" }, Campaign, ShippedFonts.Coverage);

        Assert.Equal("Montr\u00e9al", outcome.Value!.City);
    }

    [Theory]
    [InlineData("union")]
    [InlineData("sector")]
    [InlineData("city")]
    public void Union_sector_and_city_are_required(string field)
    {
        var request = field switch
        {
            "union" => Valid() with { Union = " " },
            "sector" => Valid() with { Sector = null },
            _ => Valid() with { City = "" },
        };

        var outcome = UploadRequestValidator.Validate(request, Campaign, ShippedFonts.Coverage);

        Assert.Equal(400, outcome.Problem!.Status);
        Assert.Equal([field], outcome.Problem.Errors!.Keys);
    }

    [Fact]
    public void Every_field_error_is_reported_at_once()
    {
        var outcome = UploadRequestValidator.Validate(new UploadRequest(), Campaign, ShippedFonts.Coverage);

        Assert.Equal(400, outcome.Problem!.Status);
        Assert.Equal(
            new[] { "city", "consent", "contentType", "sector", "sizeBytes", "union" },
            outcome.Problem.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_caption_of_300_characters_passes_and_301_fails()
    {
        Assert.True(UploadRequestValidator.Validate(Valid() with { Caption = new string('a', 300) }, Campaign, ShippedFonts.Coverage).Succeeded);

        var outcome = UploadRequestValidator.Validate(Valid() with { Caption = new string('a', 301) }, Campaign, ShippedFonts.Coverage);
        Assert.Equal(["caption"], outcome.Problem!.Errors!.Keys);
    }

    [Fact]
    public void Caption_length_counts_what_people_see_not_utf16_units()
    {
        // 300 flags are 600 UTF-16 code units each pair but 300 visible characters.
        var flags = string.Concat(Enumerable.Repeat("\U0001F1E8\U0001F1E6", 300));

        Assert.True(UploadRequestValidator.Validate(Valid() with { Caption = flags }, Campaign, ShippedFonts.Coverage).Succeeded);
    }

    [Theory]
    [InlineData("displayName", FieldLimits.DisplayName)]
    [InlineData("union", FieldLimits.Union)]
    [InlineData("sector", FieldLimits.Sector)]
    [InlineData("city", FieldLimits.City)]
    [InlineData("fileName", FieldLimits.FileName)]
    public void Every_text_field_is_length_bounded(string field, int limit)
    {
        var tooLong = new string('x', limit + 1);
        var request = field switch
        {
            "displayName" => Valid() with { DisplayName = tooLong },
            "union" => Valid() with { Union = tooLong },
            "sector" => Valid() with { Sector = tooLong },
            "city" => Valid() with { City = tooLong },
            _ => Valid() with { FileName = tooLong },
        };

        var outcome = UploadRequestValidator.Validate(request, Campaign, ShippedFonts.Coverage);

        Assert.Equal([field], outcome.Problem!.Errors!.Keys);
    }

    [Theory]
    [InlineData("Solidarity\nfrom Toronto")]
    [InlineData("bell\u0007")]
    [InlineData("null\u0000byte")]
    public void Control_characters_are_refused(string caption)
    {
        var outcome = UploadRequestValidator.Validate(Valid() with { Caption = caption }, Campaign, ShippedFonts.Coverage);

        Assert.Equal(["caption"], outcome.Problem!.Errors!.Keys);
    }

    [Theory]
    [InlineData("union", "CUPE \u202E1234 lacol", "U+202E")]
    [InlineData("city", "Toronto\u2066 x\u2069", "U+2066")]
    [InlineData("caption", "ICE\u200B out", "U+200B")]
    [InlineData("caption", "\uFEFFSolidarity", "U+FEFF")]
    [InlineData("sector", "Health\u3164", "U+3164")]
    [InlineData("displayName", "A\u2060na", "U+2060")]
    public void Bidirectional_overrides_and_invisible_fillers_are_refused_naming_the_character(string field, string text, string codePoint)
    {
        var request = field switch
        {
            "union" => Valid() with { Union = text },
            "city" => Valid() with { City = text },
            "sector" => Valid() with { Sector = text },
            "displayName" => Valid() with { DisplayName = text },
            _ => Valid() with { Caption = text },
        };
        var outcome = UploadRequestValidator.Validate(request, Campaign, ShippedFonts.Coverage);

        Assert.Equal([field], outcome.Problem!.Errors!.Keys);
        Assert.Contains(codePoint, outcome.Problem.Errors[field][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("نقابة\u200F 2025")] // right-to-left mark: how Arabic writers keep numbers in place
    [InlineData("\U0001F469\u200D\U0001F3ED solidarity")] // zero width joiner inside an emoji sequence
    [InlineData("می\u200Cخواهم")] // zero width non-joiner: Persian spelling
    public void Joiners_and_directional_marks_that_scripts_need_are_kept(string caption)
    {
        var outcome = UploadRequestValidator.Validate(Valid() with { Caption = caption }, Campaign, ShippedFonts.Coverage);

        Assert.True(outcome.Succeeded, outcome.Problem?.Errors is { } e ? string.Join("; ", e.SelectMany(kv => kv.Value)) : null);
        Assert.Equal(caption, outcome.Value!.Caption);
    }

    [Theory]
    [InlineData("video/mp4\r\nX-Injected: 1")]
    [InlineData("video/mp4; codecs=\"avc1\"\r\n")]
    [InlineData("video/mp4;\u001b[31m red")]
    [InlineData("video/mp4;\u0000")]
    public void A_content_type_with_a_control_character_anywhere_is_refused_and_not_echoed(string contentType)
    {
        var outcome = UploadRequestValidator.Validate(Valid() with { ContentType = contentType }, Campaign, ShippedFonts.Coverage);

        Assert.Equal(415, outcome.Problem!.Status);
        Assert.DoesNotContain("video/mp4", outcome.Problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stored_content_type_is_the_bare_media_type_in_lower_case()
    {
        var outcome = UploadRequestValidator.Validate(Valid() with { ContentType = " Video/MP4; codecs=\"avc1.640028, mp4a.40.2\"" }, Campaign, ShippedFonts.Coverage);

        Assert.Equal("video/mp4", outcome.Value!.ContentType);
        var tooLong = UploadRequestValidator.Validate(Valid() with { ContentType = "video/mp4; x=" + new string('a', 200) }, Campaign, ShippedFonts.Coverage);
        Assert.Equal(415, tooLong.Problem!.Status);
    }

    [Fact]
    public void Consent_must_be_given()
    {
        var outcome = UploadRequestValidator.Validate(Valid() with { Consent = false }, Campaign, ShippedFonts.Coverage);

        Assert.Equal(["consent"], outcome.Problem!.Errors!.Keys);
    }

    [Fact]
    public void Consent_to_an_older_consent_text_is_refused()
    {
        var outcome = UploadRequestValidator.Validate(Valid() with { ConsentVersion = 2 }, Campaign, ShippedFonts.Coverage);

        Assert.Equal(["consentVersion"], outcome.Problem!.Errors!.Keys);
    }

    [Theory]
    [InlineData("application/pdf")]
    [InlineData("text/plain")]
    [InlineData("video/x-msvideo")]
    [InlineData("image/gif")]
    public void A_type_outside_the_allow_list_is_415(string contentType)
    {
        var outcome = UploadRequestValidator.Validate(Valid() with { ContentType = contentType }, Campaign, ShippedFonts.Coverage);

        Assert.Equal(415, outcome.Problem!.Status);
    }

    [Theory]
    [InlineData("image/heic")]
    [InlineData("image/avif")]
    [InlineData("IMAGE/JPEG")]
    [InlineData("video/webm; codecs=vp9")]
    [InlineData("video/3gpp")]
    public void Phone_media_types_are_accepted(string contentType)
    {
        Assert.True(UploadRequestValidator.Validate(Valid() with { ContentType = contentType }, Campaign, ShippedFonts.Coverage).Succeeded);
    }

    [Fact]
    public void A_declared_size_over_the_campaign_limit_is_413()
    {
        var small = Campaign with { Limits = new CampaignLimits { MaxUploadBytes = 1000 } };

        Assert.True(UploadRequestValidator.Validate(Valid() with { SizeBytes = 1000 }, small, ShippedFonts.Coverage).Succeeded);
        Assert.Equal(413, UploadRequestValidator.Validate(Valid() with { SizeBytes = 1001 }, small, ShippedFonts.Coverage).Problem!.Status);
    }

    [Fact]
    public void The_default_size_limit_is_500_MB()
    {
        Assert.True(UploadRequestValidator.Validate(Valid() with { SizeBytes = 500L * 1024 * 1024 }, Campaign, ShippedFonts.Coverage).Succeeded);
        Assert.Equal(413, UploadRequestValidator.Validate(Valid() with { SizeBytes = 500L * 1024 * 1024 + 1 }, Campaign, ShippedFonts.Coverage).Problem!.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_size_that_is_not_positive_is_a_field_error(long size)
    {
        var outcome = UploadRequestValidator.Validate(Valid() with { SizeBytes = size }, Campaign, ShippedFonts.Coverage);

        Assert.Equal(["sizeBytes"], outcome.Problem!.Errors!.Keys);
    }

    [Theory]
    [InlineData("english")]
    [InlineData("e")]
    [InlineData("fr_CA")]
    public void A_malformed_language_tag_is_refused(string language)
    {
        Assert.Equal(["language"], UploadRequestValidator.Validate(Valid() with { Language = language }, Campaign, ShippedFonts.Coverage).Problem!.Errors!.Keys);
    }

    [Fact]
    public void A_character_no_shipped_font_can_draw_is_refused_in_every_drawn_field_with_the_field_and_character_named()
    {
        var outcome = UploadRequestValidator.Validate(
            Valid() with { Caption = "ICE out \uE000", Union = "Local \U000F0000", Sector = "Health", City = "ᐃᖃᓗᐃᑦ", DisplayName = "Ana \uE001" },
            Campaign,
            ShippedFonts.Coverage);

        Assert.Equal(400, outcome.Problem!.Status);
        var errors = outcome.Problem.Errors!;
        Assert.Equal(["caption", "city", "displayName", "union"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("U+E000", errors["caption"][0], StringComparison.Ordinal);
        Assert.Contains("U+F0000", errors["union"][0], StringComparison.Ordinal);
        Assert.Contains("U+1403", errors["city"][0], StringComparison.Ordinal);
        Assert.Contains("U+E001", errors["displayName"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("تضامن مع عمال مينيسوتا")]
    [InlineData("ከሚኒሶታ ሠራተኞች ጋር አንድነት")]
    [InlineData("与明尼苏达工人团结一致")]
    [InlineData("Đoàn kết với công nhân")]
    [InlineData("Peb sawv ntsug nrog koj ✊🏽")]
    public void Captions_in_the_campaigns_scripts_and_emoji_are_accepted(string caption) =>
        Assert.True(UploadRequestValidator.Validate(Valid() with { Caption = caption }, Campaign, ShippedFonts.Coverage).Succeeded);
}
