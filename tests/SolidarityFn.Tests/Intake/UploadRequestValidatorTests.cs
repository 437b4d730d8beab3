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
        var outcome = UploadRequestValidator.Validate(Valid() with { City = "  Montréal \t  Nord ", DisplayName = "   " }, Campaign);

        Assert.True(outcome.Succeeded);
        Assert.Equal("Montréal Nord", outcome.Value!.City);
        Assert.Null(outcome.Value.DisplayName);
        Assert.Equal("video/quicktime", outcome.Value.ContentType);
        Assert.Equal(3, outcome.Value.ConsentVersion);
    }

    [Fact]
    public void Decomposed_accents_are_stored_composed()
    {
        var outcome = UploadRequestValidator.Validate(Valid() with { City = "Montre\u0301al" }, Campaign);

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

        var outcome = UploadRequestValidator.Validate(request, Campaign);

        Assert.Equal(400, outcome.Problem!.Status);
        Assert.Equal([field], outcome.Problem.Errors!.Keys);
    }

    [Fact]
    public void Every_field_error_is_reported_at_once()
    {
        var outcome = UploadRequestValidator.Validate(new UploadRequest(), Campaign);

        Assert.Equal(400, outcome.Problem!.Status);
        Assert.Equal(
            new[] { "city", "consent", "contentType", "sector", "sizeBytes", "union" },
            outcome.Problem.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_caption_of_300_characters_passes_and_301_fails()
    {
        Assert.True(UploadRequestValidator.Validate(Valid() with { Caption = new string('a', 300) }, Campaign).Succeeded);

        var outcome = UploadRequestValidator.Validate(Valid() with { Caption = new string('a', 301) }, Campaign);
        Assert.Equal(["caption"], outcome.Problem!.Errors!.Keys);
    }

    [Fact]
    public void Caption_length_counts_what_people_see_not_utf16_units()
    {
        // 300 flags are 600 UTF-16 code units each pair but 300 visible characters.
        var flags = string.Concat(Enumerable.Repeat("\U0001F1E8\U0001F1E6", 300));

        Assert.True(UploadRequestValidator.Validate(Valid() with { Caption = flags }, Campaign).Succeeded);
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

        var outcome = UploadRequestValidator.Validate(request, Campaign);

        Assert.Equal([field], outcome.Problem!.Errors!.Keys);
    }

    [Theory]
    [InlineData("Solidarity\nfrom Toronto")]
    [InlineData("bell\u0007")]
    [InlineData("null\u0000byte")]
    public void Control_characters_are_refused(string caption)
    {
        var outcome = UploadRequestValidator.Validate(Valid() with { Caption = caption }, Campaign);

        Assert.Equal(["caption"], outcome.Problem!.Errors!.Keys);
    }

    [Fact]
    public void Consent_must_be_given()
    {
        var outcome = UploadRequestValidator.Validate(Valid() with { Consent = false }, Campaign);

        Assert.Equal(["consent"], outcome.Problem!.Errors!.Keys);
    }

    [Fact]
    public void Consent_to_an_older_consent_text_is_refused()
    {
        var outcome = UploadRequestValidator.Validate(Valid() with { ConsentVersion = 2 }, Campaign);

        Assert.Equal(["consentVersion"], outcome.Problem!.Errors!.Keys);
    }

    [Theory]
    [InlineData("application/pdf")]
    [InlineData("text/plain")]
    [InlineData("video/x-msvideo")]
    [InlineData("image/gif")]
    public void A_type_outside_the_allow_list_is_415(string contentType)
    {
        var outcome = UploadRequestValidator.Validate(Valid() with { ContentType = contentType }, Campaign);

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
        Assert.True(UploadRequestValidator.Validate(Valid() with { ContentType = contentType }, Campaign).Succeeded);
    }

    [Fact]
    public void A_declared_size_over_the_campaign_limit_is_413()
    {
        var small = Campaign with { Limits = new CampaignLimits { MaxUploadBytes = 1000 } };

        Assert.True(UploadRequestValidator.Validate(Valid() with { SizeBytes = 1000 }, small).Succeeded);
        Assert.Equal(413, UploadRequestValidator.Validate(Valid() with { SizeBytes = 1001 }, small).Problem!.Status);
    }

    [Fact]
    public void The_default_size_limit_is_500_MB()
    {
        Assert.True(UploadRequestValidator.Validate(Valid() with { SizeBytes = 500L * 1024 * 1024 }, Campaign).Succeeded);
        Assert.Equal(413, UploadRequestValidator.Validate(Valid() with { SizeBytes = 500L * 1024 * 1024 + 1 }, Campaign).Problem!.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_size_that_is_not_positive_is_a_field_error(long size)
    {
        var outcome = UploadRequestValidator.Validate(Valid() with { SizeBytes = size }, Campaign);

        Assert.Equal(["sizeBytes"], outcome.Problem!.Errors!.Keys);
    }

    [Theory]
    [InlineData("english")]
    [InlineData("e")]
    [InlineData("fr_CA")]
    public void A_malformed_language_tag_is_refused(string language)
    {
        Assert.Equal(["language"], UploadRequestValidator.Validate(Valid() with { Language = language }, Campaign).Problem!.Errors!.Keys);
    }
}
