using System.Net;
using System.Net.Sockets;

namespace ClientPlatform.Clients.Core.Security;

/// <summary>
/// Addresses a server-side fetch of a URL a caller chose (a software statement issuer's jwks_uri) must not reach
/// unless an operator allows it: loopback, private, link-local, shared and unspecified ranges (RFC 6890), so
/// that registration cannot be turned into a probe of the platform's own network.
/// </summary>
public static class PrivateAddresses
{
    private static readonly IPNetwork[] Blocked =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("224.0.0.0/3"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return Blocked.Any(network => network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            || address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6);
    }
}
