using System.Net;
using Microsoft.Extensions.Options;
using SolidarityFn.Pipeline.Intake;
using SolidarityFn.Pipeline.Security;

namespace SolidarityFn.Tests.Security;

public class ClientAddressTests
{
    private static readonly IPAddress Remote = IPAddress.Parse("10.0.0.9");

    [Fact]
    public void Forwarded_for_is_ignored_unless_trusted()
    {
        Assert.Equal(Remote, ClientAddress.Resolve(Remote, "203.0.113.7", trustForwardedFor: false));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("1.2.3.4, 203.0.113.7:52311", "203.0.113.7")]
    [InlineData("[2001:db8::1]:443", "2001:db8::1")]
    [InlineData("garbage", "10.0.0.9")]
    public void A_trusted_front_end_s_last_hop_is_the_client(string header, string expected)
    {
        Assert.Equal(IPAddress.Parse(expected), ClientAddress.Resolve(Remote, header, trustForwardedFor: true));
    }

    [Fact]
    public void The_client_key_is_not_the_address_and_depends_on_the_salt()
    {
        var address = IPAddress.Parse("203.0.113.7");
        var a = new ClientKeyHasher(Options.Create(new IntakeOptions { ClientKeySalt = "one" }));
        var b = new ClientKeyHasher(Options.Create(new IntakeOptions { ClientKeySalt = "two" }));

        Assert.DoesNotContain("203", a.Hash(address), StringComparison.Ordinal);
        Assert.Equal(a.Hash(address), a.Hash(IPAddress.Parse("203.0.113.7")));
        Assert.NotEqual(a.Hash(address), b.Hash(address));
    }

    [Fact]
    public void Addresses_in_one_ipv6_64_share_a_key_and_ipv4_mapped_equals_ipv4()
    {
        var hasher = new ClientKeyHasher(Options.Create(new IntakeOptions { ClientKeySalt = "s" }));

        Assert.Equal(hasher.Hash(IPAddress.Parse("2001:db8:1:2::1")), hasher.Hash(IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.NotEqual(hasher.Hash(IPAddress.Parse("2001:db8:1:2::1")), hasher.Hash(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal(hasher.Hash(IPAddress.Parse("203.0.113.7")), hasher.Hash(IPAddress.Parse("::ffff:203.0.113.7")));
    }
}
