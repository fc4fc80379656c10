using System.Net;
using ClientPlatform.Clients.Core.Security;

namespace ClientPlatform.Clients.Core.Tests;

/// <summary>Which addresses a fetch of a URL a caller named may not connect to unless an operator allows it.</summary>
public sealed class PrivateAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:10.0.0.1")] // an IPv4-mapped private address
    // Issue 31: IPv6 forms that carry an internal IPv4 address, and the special-purpose IPv6 ranges.
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 (RFC 6052) of 169.254.169.254
    [InlineData("64:ff9b::7f00:1")] // NAT64 of 127.0.0.1
    [InlineData("64:ff9b:1::8.8.8.8")] // local-use NAT64 (RFC 8215): someone's own network, whatever it carries
    [InlineData("2002:a00:1::1")] // 6to4 (RFC 3056) of 10.0.0.1
    [InlineData("2002:7f00:1::")] // 6to4 of 127.0.0.1
    [InlineData("::10.0.0.1")] // IPv4-compatible (deprecated)
    [InlineData("::127.0.0.1")]
    [InlineData("2001:0:4136:e378:8000:63bf:f5ff:fffe")] // Teredo (RFC 4380) of the client 10.0.0.1
    [InlineData("fec0::1")] // site-local (deprecated, RFC 3879)
    [InlineData("100::1")] // discard-only (RFC 6666)
    [InlineData("2001:db8::1")] // documentation
    [InlineData("198.51.100.7")] // IPv4 documentation ranges
    [InlineData("192.0.2.1")]
    [InlineData("203.0.113.9")]
    [InlineData("255.255.255.255")]
    public void IsPrivate_InternalAddress_True(string address) => Assert.True(PrivateAddresses.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:93.184.216.34")]
    [InlineData("64:ff9b::5db8:d822")] // NAT64 of 93.184.216.34: a public address, reachable through the translator
    [InlineData("2002:5db8:d822::1")] // 6to4 of 93.184.216.34
    [InlineData("2001:0:4136:e378:8000:63bf:a247:27dd")] // Teredo of the public client 93.184.216.34
    public void IsPrivate_PublicAddress_False(string address) => Assert.False(PrivateAddresses.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://10.0.0.1/jwks", true)]
    [InlineData("https://[::ffff:169.254.169.254]/jwks", true)]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/jwks", true)]
    [InlineData("https://localhost/jwks", true)]
    [InlineData("https://api.localhost/jwks", true)]
    [InlineData("https://printer.local/jwks", true)]
    [InlineData("https://metadata.google.internal/jwks", true)]
    [InlineData("https://router.home.arpa./jwks", true)]
    [InlineData("https://app.example.org/jwks", false)]
    [InlineData("https://93.184.216.34/jwks", false)]
    [InlineData("https://internal.example.com/jwks", false)] // a public name that merely starts like one
    public void NamesLocalHost_LiteralAddressesAndLocalOnlyNames(string url, bool local) => Assert.Equal(local, PrivateAddresses.NamesLocalHost(url));
}

/// <summary>Who a per-address limit counts (issue 31): IPv4 one by one, IPv6 by its prefix.</summary>
public sealed class CallerAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", 64, "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", 64, "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 64, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", 64, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2ff::1", 56, "2001:db8:1:200::/56")]
    [InlineData("2001:db8:1:2::1", 128, "2001:db8:1:2::1")]
    public void Partition_CountsIpv6ByItsPrefix(string address, int prefix, string partition) =>
        Assert.Equal(partition, ClientPlatform.Clients.Infrastructure.RateLimiting.CallerAddress.Partition(IPAddress.Parse(address), prefix));
}
