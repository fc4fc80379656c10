using System.Net;
using ClientPlatform.Clients.Core.Security;

namespace ClientPlatform.Clients.Core.Tests;

/// <summary>Which addresses a jwks_uri fetch may not connect to unless an operator allows it.</summary>
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
    public void IsPrivate_InternalAddress_True(string address) => Assert.True(PrivateAddresses.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:93.184.216.34")]
    public void IsPrivate_PublicAddress_False(string address) => Assert.False(PrivateAddresses.IsPrivate(IPAddress.Parse(address)));
}
