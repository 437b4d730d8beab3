using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Intake;

namespace SolidarityFn.Tests.Intake;

/// <summary>The one rule for public links, shared by intake's receipt link and the signs' upload link.</summary>
public class UploadLinksTests
{
    private static readonly Uri Request = new("http://localhost:7071");

    private static UploadLinks Links(string? publicBaseUrl) =>
        new(Options.Create(new IntakeOptions { PublicBaseUrl = publicBaseUrl is null ? null : new Uri(publicBaseUrl) }));

    [Fact]
    public void Without_a_public_address_links_are_on_the_origin_the_request_came_to()
    {
        var links = Links(null);

        Assert.Equal("http://localhost:7071/c/mpls-2026", links.UploadPage("mpls-2026", Request));
        Assert.Equal("http://localhost:7071/r/abc#token", links.Receipt("abc", "token", Request));
    }

    [Fact]
    public void With_a_public_address_both_the_upload_and_the_receipt_links_use_it()
    {
        var links = Links("https://solidarity.example.org/");

        Assert.Equal("https://solidarity.example.org/c/mpls-2026", links.UploadPage("mpls-2026", Request));
        Assert.Equal("https://solidarity.example.org/r/abc#token", links.Receipt("abc", "token", Request));
    }
}
