using SolidarityFn.Pipeline.Campaigns;
using SolidarityFn.Pipeline.Intake;

namespace SolidarityFn.Tests.Campaigns;

/// <summary>Campaign texts per language (issue 13): the resolver, the PUT's per-language checks, the consent version and the row.</summary>
public class CampaignTextsTests
{
    private const string Id = "montreal-rally";

    private static CampaignRequest Valid() => new()
    {
        Title = "Montreal stands with Minnesota",
        Prompt = "Send 5 to 10 seconds.",
        Slogans = ["We support Minnesota workers!"],
        ConsentText = "I agree that my clip may be used.",
        IsOpen = true,
    };

    private static readonly CampaignTextsRequest French = new()
    {
        Title = "Montréal solidaire du Minnesota",
        Slogans = ["Solidarité avec le Minnesota !"],
        ConsentText = "J’accepte que ma vidéo soit utilisée.",
    };

    private static Campaign Bilingual() =>
        CampaignRequestValidator.Validate(Id, Valid() with { Translations = new Dictionary<string, CampaignTextsRequest?> { ["fr"] = French } }, null, ShippedFonts.Coverage).Value!;

    private static IReadOnlyDictionary<string, string[]> Errors(CampaignRequest request, Campaign? current = null)
    {
        var outcome = CampaignRequestValidator.Validate(Id, request, current, ShippedFonts.Coverage);
        Assert.False(outcome.Succeeded);
        return outcome.Problem!.Errors!;
    }

    [Fact]
    public void A_language_falls_back_to_the_default_field_by_field_and_says_which_language_each_text_is_in()
    {
        var texts = CampaignTexts.For(Bilingual(), "fr-CA");

        Assert.Equal("fr", texts.Language);
        Assert.Equal(("Montréal solidaire du Minnesota", "fr"), (texts.Title.Value, texts.Title.Language));
        Assert.Equal(("Send 5 to 10 seconds.", "en"), (texts.Prompt.Value, texts.Prompt.Language));
        Assert.Equal(["Solidarité avec le Minnesota !"], texts.Slogans.Value);
        Assert.Equal("fr", texts.Slogans.Language);
        Assert.Equal(("J’accepte que ma vidéo soit utilisée.", "fr"), (texts.ConsentText.Value, texts.ConsentText.Language));
        Assert.Equal(((string?)null, "en"), (texts.Subtitle.Value, texts.Subtitle.Language));
        Assert.Equal(("Thank you. In solidarity.", "en"), (texts.EndCardText.Value, texts.EndCardText.Language));
    }

    [Theory]
    [InlineData("es")]
    [InlineData("de")]
    [InlineData(null)]
    [InlineData("")]
    public void A_language_without_texts_or_unknown_gets_the_default_language_texts(string? language)
    {
        var texts = CampaignTexts.For(Bilingual(), language);

        Assert.Equal("Montreal stands with Minnesota", texts.Title.Value);
        Assert.Equal("en", texts.Title.Language);
        Assert.Equal("en", texts.ConsentText.Language);
    }

    [Fact]
    public void A_french_default_campaign_falls_back_to_french_and_its_built_in_end_card_is_french()
    {
        var campaign = CampaignRequestValidator.Validate(Id, Valid() with
        {
            Title = "Montréal solidaire",
            DefaultLanguage = "fr",
            Translations = new Dictionary<string, CampaignTextsRequest?> { ["en"] = new() { Title = "Montreal stands together" } },
        }, null, ShippedFonts.Coverage).Value!;

        var english = CampaignTexts.For(campaign, "en");
        Assert.Equal(("Montreal stands together", "en"), (english.Title.Value, english.Title.Language));
        Assert.Equal(("Merci. En solidarité.", "fr"), (english.EndCardText.Value, english.EndCardText.Language));
        Assert.Equal("fr", CampaignTexts.For(campaign, "es").Prompt.Language);
    }

    [Fact]
    public void The_end_card_text_has_a_translation_and_a_default()
    {
        var campaign = CampaignRequestValidator.Validate(Id, Valid() with
        {
            EndCardText = "Thank you, Minnesota.",
            Translations = new Dictionary<string, CampaignTextsRequest?> { ["es"] = new() { EndCardText = "Gracias, Minnesota." } },
        }, null, ShippedFonts.Coverage).Value!;

        Assert.Equal("Thank you, Minnesota.", CampaignTexts.For(campaign, "fr").EndCardText.Value);
        Assert.Equal(("Gracias, Minnesota.", "es"), (CampaignTexts.For(campaign, "es").EndCardText.Value, CampaignTexts.For(campaign, "es").EndCardText.Language));
    }

    [Theory]
    [InlineData("fr-CA,fr;q=0.9,en;q=0.8", "fr")]
    [InlineData("de-DE,es;q=0.5,en;q=0.7", "en")]
    [InlineData("es-MX", "es")]
    [InlineData("de, *;q=0.1", null)]
    [InlineData("fr;q=0, en", "en")]
    [InlineData("", null)]
    public void Accept_language_picks_the_best_supported_language(string header, string? expected) =>
        Assert.Equal(expected, CampaignLanguages.FromAcceptLanguage(header));

    [Fact]
    public void Each_language_is_checked_with_the_default_texts_limits()
    {
        var errors = Errors(Valid() with
        {
            Translations = new Dictionary<string, CampaignTextsRequest?>
            {
                ["fr"] = new()
                {
                    Title = new string('t', CampaignRequestValidator.MaxTitle + 1),
                    Subtitle = new string('s', CampaignRequestValidator.MaxSubtitle + 1),
                    Prompt = new string('p', CampaignRequestValidator.MaxPrompt + 1),
                    ConsentText = new string('c', CampaignRequestValidator.MaxConsentText + 1),
                    EndCardText = "line\nbreak",
                },
                ["es"] = new() { Slogans = [.. Enumerable.Repeat("¡Sí se puede!", CampaignRequestValidator.MaxSlogans + 1)] },
            },
        });

        Assert.Equal(
            ["translations.es.slogans", "translations.fr.consentText", "translations.fr.endCardText", "translations.fr.prompt", "translations.fr.subtitle", "translations.fr.title"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Texts_at_their_limits_in_every_language_are_accepted()
    {
        CampaignTextsRequest Full(char c) => new()
        {
            Title = new string(c, CampaignRequestValidator.MaxTitle),
            Subtitle = new string(c, CampaignRequestValidator.MaxSubtitle),
            Prompt = new string(c, CampaignRequestValidator.MaxPrompt),
            Slogans = [.. Enumerable.Repeat(new string(c, CampaignRequestValidator.MaxSlogan), CampaignRequestValidator.MaxSlogans)],
            ConsentText = new string(c, CampaignRequestValidator.MaxConsentText),
            EndCardText = new string(c, 200),
        };

        var outcome = CampaignRequestValidator.Validate(
            Id, Valid() with { Translations = new Dictionary<string, CampaignTextsRequest?> { ["fr"] = Full('é'), ["es"] = Full('ñ') } }, null, ShippedFonts.Coverage);

        Assert.True(outcome.Succeeded);
        var row = CampaignEntity.From(outcome.Value!);
        Assert.InRange(row.TextsFr!.Length, 7_000, CampaignEntity.MaxTextsColumnChars);
    }

    [Fact]
    public void A_slogan_no_font_draws_an_unknown_language_and_the_default_language_as_a_translation_are_refused()
    {
        var errors = Errors(Valid() with
        {
            DefaultLanguage = "en",
            Translations = new Dictionary<string, CampaignTextsRequest?>
            {
                ["es"] = new() { Slogans = ["ok", "\uE000"] },
                ["de"] = new() { Title = "Solidarität" },
                ["en"] = new() { Title = "Twice" },
            },
        });

        Assert.Contains("U+E000", errors["translations.es.slogans[1]"][0], StringComparison.Ordinal);
        Assert.Contains("translations.de", errors.Keys);
        Assert.Contains("translations.en", errors.Keys);
        Assert.Contains("defaultLanguage", Errors(Valid() with { DefaultLanguage = "de" }).Keys);
    }

    [Fact]
    public void A_put_without_translations_keeps_them_an_empty_object_removes_them_and_a_null_language_removes_that_one()
    {
        var stored = Bilingual() with { ConsentVersion = 4 };

        var kept = CampaignRequestValidator.Validate(Id, Valid() with { Title = "New title" }, stored, ShippedFonts.Coverage).Value!;
        Assert.Equal("Montréal solidaire du Minnesota", kept.Translations["fr"].Title);
        Assert.Equal(4, kept.ConsentVersion);

        var cleared = CampaignRequestValidator.Validate(Id, Valid() with { Translations = new Dictionary<string, CampaignTextsRequest?>() }, stored, ShippedFonts.Coverage).Value!;
        Assert.Empty(cleared.Translations);
        var removed = CampaignRequestValidator.Validate(Id, Valid() with { Translations = new Dictionary<string, CampaignTextsRequest?> { ["fr"] = null } }, stored, ShippedFonts.Coverage).Value!;
        Assert.Empty(removed.Translations);
        var empty = CampaignRequestValidator.Validate(Id, Valid() with { Translations = new Dictionary<string, CampaignTextsRequest?> { ["fr"] = new() { Title = "  " } } }, stored, ShippedFonts.Coverage).Value!;
        Assert.Empty(empty.Translations);
    }

    [Fact]
    public void The_consent_version_goes_up_when_any_languages_consent_text_is_added_changed_or_removed_and_only_then()
    {
        var stored = Bilingual() with { ConsentVersion = 4 };
        Campaign Put(CampaignTextsRequest? french, string? defaultLanguage = null, CampaignRequest? request = null) =>
            CampaignRequestValidator.Validate(Id, (request ?? Valid()) with
            {
                DefaultLanguage = defaultLanguage,
                Translations = new Dictionary<string, CampaignTextsRequest?> { ["fr"] = french },
            }, stored, ShippedFonts.Coverage).Value!;

        Assert.Equal(4, Put(French with { Title = "Autre titre", Prompt = "Envoyez 5 à 10 secondes." }).ConsentVersion);
        Assert.Equal(5, Put(French with { ConsentText = "J’accepte, et je peux retirer ma vidéo." }).ConsentVersion);
        Assert.Equal(5, Put(French with { ConsentText = null }).ConsentVersion);
        Assert.Equal(5, Put(null).ConsentVersion);
        Assert.Equal(5, CampaignRequestValidator.Validate(Id, Valid() with
        {
            Translations = new Dictionary<string, CampaignTextsRequest?> { ["fr"] = French, ["es"] = new() { ConsentText = "Acepto." } },
        }, stored, ShippedFonts.Coverage).Value!.ConsentVersion);

        // The same texts with French as the default: nobody is shown another text, so the version stays.
        var swapped = CampaignRequestValidator.Validate(Id, Valid() with
        {
            Title = French.Title,
            Slogans = French.Slogans,
            ConsentText = French.ConsentText,
            DefaultLanguage = "fr",
            Translations = new Dictionary<string, CampaignTextsRequest?> { ["en"] = new() { Title = "Montreal stands with Minnesota", Prompt = "Send 5 to 10 seconds.", ConsentText = "I agree that my clip may be used." } },
        }, stored, ShippedFonts.Coverage).Value!;
        Assert.Equal("fr", swapped.DefaultLanguage);
        Assert.Equal(4, swapped.ConsentVersion);
    }

    [Fact]
    public void Translations_survive_the_row_as_json_columns_with_their_letters_unescaped()
    {
        var campaign = Bilingual() with { EndCardText = "Thanks!" };

        var row = CampaignEntity.From(campaign);
        var read = row.ToCampaign();

        Assert.Null(row.TextsEn);
        Assert.Null(row.TextsEs);
        Assert.Contains("Montréal solidaire", row.TextsFr, StringComparison.Ordinal);
        Assert.Equal("en", read.DefaultLanguage);
        Assert.Equal("Thanks!", read.EndCardText);
        Assert.True(read.Translations["fr"].SameAs(campaign.Translations["fr"]));
        Assert.Equal(["fr"], read.Translations.Keys);
    }

    [Fact]
    public void A_row_written_before_translations_reads_as_english_with_none_and_answers_every_language_with_its_texts()
    {
        var row = CampaignEntity.From(DefaultCampaign.Create());
        row.DefaultLanguage = null;
        row.EndCardText = null;
        row.TextsEn = row.TextsFr = row.TextsEs = null;

        var read = row.ToCampaign();

        Assert.Equal("en", read.DefaultLanguage);
        Assert.Empty(read.Translations);
        var french = PublicCampaign.From(read, DateTimeOffset.UtcNow, "fr");
        Assert.Equal(DefaultCampaign.Create().Title, french.Title);
        Assert.Equal(("fr", "en", "en"), (french.Language, french.TextLanguages.Title, french.TextLanguages.ConsentText));
        Assert.Equal(["en"], french.Languages);
    }

    [Fact]
    public void An_upload_records_the_consent_language_shown_which_must_be_one_the_campaign_has()
    {
        var campaign = Bilingual() with { ConsentVersion = 2 };
        UploadRequest Upload(string? consentLanguage) => new()
        {
            ContentType = "video/mp4",
            SizeBytes = 1000,
            Union = "CSN",
            Sector = "Santé",
            City = "Montréal",
            Consent = true,
            ConsentVersion = 2,
            ConsentLanguage = consentLanguage,
        };

        Assert.Equal("fr", UploadRequestValidator.Validate(Upload("fr"), campaign, ShippedFonts.Coverage).Value!.ConsentLanguage);
        Assert.Equal("en", UploadRequestValidator.Validate(Upload(null), campaign, ShippedFonts.Coverage).Value!.ConsentLanguage);
        Assert.Equal("en", UploadRequestValidator.Validate(Upload("EN"), campaign, ShippedFonts.Coverage).Value!.ConsentLanguage);
        foreach (var unknown in new[] { "es", "de", "" })
        {
            var refused = UploadRequestValidator.Validate(Upload(unknown), campaign, ShippedFonts.Coverage);
            Assert.Equal(["consentLanguage"], refused.Problem!.Errors!.Keys);
        }

        // A French translation without its own consent text showed the default's: "fr" would record a text nobody saw.
        var noFrenchConsent = campaign with { Translations = new Dictionary<string, CampaignTextSet> { ["fr"] = new() { Title = "Titre" } } };
        Assert.False(UploadRequestValidator.Validate(Upload("fr"), noFrenchConsent, ShippedFonts.Coverage).Succeeded);
    }
}
