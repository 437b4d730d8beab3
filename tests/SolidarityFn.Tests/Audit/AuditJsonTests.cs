using System.Text.Json;
using SolidarityFn.Pipeline.Audit;
using SolidarityFn.Pipeline.Campaigns;

namespace SolidarityFn.Tests.Audit;

public class AuditJsonTests
{
    [Fact]
    public void Values_are_stored_as_camel_case_json_that_reads_back()
    {
        var json = AuditJson.Serialize(DefaultCampaign.Create())!;
        var element = AuditJson.Parse(json)!.Value;

        Assert.Equal("minnesota-solidarity", element.GetProperty("id").GetString());
        Assert.Equal(1, element.GetProperty("consentVersion").GetInt32());
        Assert.Equal(10, element.GetProperty("limits").GetProperty("maxClipSeconds").GetDouble());
    }

    [Fact]
    public void Null_stays_null()
    {
        Assert.Null(AuditJson.Serialize(null));
        Assert.Null(AuditJson.Parse(null));
    }

    [Fact]
    public void Accented_text_is_kept_as_is_not_escaped_sixfold()
    {
        var json = AuditJson.Serialize(new { text = "Solidarité ñ 团结" })!;

        Assert.Contains("Solidarité ñ 团结", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_too_long_for_a_table_property_becomes_a_valid_marker_within_the_cap()
    {
        var value = new { text = string.Concat(Enumerable.Repeat("\"quoted\" \\ ", 20_000)) };

        var json = AuditJson.Serialize(value)!;

        Assert.True(json.Length <= AuditJson.MaxLength, $"{json.Length} characters");
        using var document = JsonDocument.Parse(json);
        Assert.True(document.RootElement.GetProperty("truncated").GetBoolean());
        Assert.True(document.RootElement.GetProperty("length").GetInt32() > AuditJson.MaxLength);
        Assert.StartsWith("{\"text\":\"\\\"quoted", document.RootElement.GetProperty("start").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_at_the_cap_is_kept_whole()
    {
        var value = new string('a', AuditJson.MaxLength - 2);   // plus its two quotes

        Assert.Equal("\"" + value + "\"", AuditJson.Serialize(value));
    }
}
