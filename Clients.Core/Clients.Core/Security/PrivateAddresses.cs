using System.Net;
using System.Net.Sockets;

namespace ClientPlatform.Clients.Core.Security;

/// <summary>
/// Addresses a server-side fetch of a URL a caller chose (an issuer's jwks_uri, a sector_identifier_uri) must not
/// reach unless an operator allows it: loopback, private, link-local, shared, reserved and documentation ranges
/// (RFC 6890 and its IANA registries), so that registration cannot be turned into a probe of the platform's own
/// network. An IPv6 address that carries an IPv4 one — IPv4-mapped (::ffff:0:0/96), IPv4-compatible (::/96),
/// NAT64 (64:ff9b::/96, RFC 6052), 6to4 (2002::/16, RFC 3056), Teredo (2001::/32, RFC 4380) — is judged by that
/// IPv4 address as well, since the network will deliver it there.
/// </summary>
public static class PrivateAddresses
{
    private static readonly IPNetwork[] BlockedV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.88.99.0/24"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("224.0.0.0/3"),
    ];

    private static readonly IPNetwork[] BlockedV6 =
    [
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"),
        // Discard-only (RFC 6666), documentation (RFC 3849), site-local (deprecated, RFC 3879), unique local, link-local, multicast.
        IPNetwork.Parse("100::/64"), IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
        // Local-use NAT64 (RFC 8215): translated inside someone's own network.
        IPNetwork.Parse("64:ff9b:1::/48"),
    ];

    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork Teredo = IPNetwork.Parse("2001::/32");

    public static bool IsPrivate(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return BlockedV4.Any(network => network.Contains(address));
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return true;
        if (address.IsIPv4MappedToIPv6)
            return IsPrivate(address.MapToIPv4());
        if (BlockedV6.Any(network => network.Contains(address)))
            return true;
        return EmbeddedIPv4(address) is { } embedded && IsPrivate(embedded);
    }

    /// <summary>
    /// Names resolved only on the local machine or network (RFC 6761 localhost, RFC 6762 .local, RFC 8375 .home.arpa,
    /// .internal, .localdomain), where a public fetcher has no business.
    /// </summary>
    private static readonly string[] LocalNames = ["localhost", "localdomain", "local", "internal", "home.arpa"];

    /// <summary>
    /// Whether a URL's host is, as written, a private address (<see cref="IsPrivate"/>) or a local-only name. A public name
    /// may still resolve to a private address: whoever fetches checks the address it connects to (<see cref="GuardedFetch"/>).
    /// </summary>
    public static bool NamesLocalHost(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return false;
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
            return IsPrivate(address);
        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        return LocalNames.Any(name => host == name || host.EndsWith("." + name, StringComparison.Ordinal));
    }

    /// <summary>The IPv4 address an IPv6 one carries by a transition mechanism, or null.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        if (Compatible.Contains(address) || Nat64.Contains(address))
            return new IPAddress(bytes[12..16]);
        if (SixToFour.Contains(address))
            return new IPAddress(bytes[2..6]);
        if (Teredo.Contains(address))
        {
            // The client's address, stored inverted (RFC 4380 §4).
            Span<byte> client = stackalloc byte[4];
            for (var i = 0; i < 4; i++)
                client[i] = (byte)~bytes[12 + i];
            return new IPAddress(client);
        }
        return null;
    }
}
