using SolidarityFn.Pipeline.Validation;

namespace SolidarityFn.Tests.Validation;

public class JsonContentTypeTests
{
    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON;charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    public void Json_with_at_most_a_utf8_charset_is_accepted(string value) =>
        Assert.True(JsonContentType.IsJson(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json-patch+json")]
    [InlineData("application/problem+json")]
    [InlineData("text/json")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; boundary=x")]
    [InlineData("application/json, text/plain")]
    [InlineData("application/jsonx")]
    public void Anything_a_page_of_another_origin_could_send_without_a_preflight_or_not_json_is_refused(string? value) =>
        Assert.False(JsonContentType.IsJson(value));

    [Fact]
    public void A_repeated_content_type_header_is_refused_even_when_each_says_json() =>
        Assert.False(JsonContentType.IsJson(["application/json", "application/json"]));

    [Fact]
    public void A_single_json_header_is_accepted_and_none_is_refused()
    {
        Assert.True(JsonContentType.IsJson(["application/json; charset=utf-8"]));
        Assert.False(JsonContentType.IsJson(Array.Empty<string?>()));
    }
}
