using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace ClientPlatform.Clients.Infrastructure.RateLimiting;

/// <summary>
/// Who a per-address limit counts: the caller's address as the gateway forwarded it, IPv4 as is (also when it
/// arrives IPv4-mapped), IPv6 by its network prefix (<see cref="RateLimitOptions.Ipv6PrefixLength"/>, /64 by
/// default): one IPv6 subscriber is normally given a whole /64 (RFC 6177), and counting its 2^64 addresses one by
/// one would give it 2^64 limits.
/// </summary>
public static class CallerAddress
{
    public const string Unknown = "unknown";

    public static string Partition(HttpContext context, int ipv6PrefixLength) =>
        Partition(context.Connection.RemoteIpAddress, ipv6PrefixLength);

    public static string Partition(IPAddress? address, int ipv6PrefixLength)
    {
        if (address is null)
            return Unknown;
        if (address.IsIPv4MappedToIPv6)
            return address.MapToIPv4().ToString();
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || ipv6PrefixLength >= 128)
            return address.ToString();
        return new IPNetwork(Masked(address, ipv6PrefixLength), ipv6PrefixLength).ToString();
    }

    private static IPAddress Masked(IPAddress address, int prefixLength)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        for (var bit = prefixLength; bit < 128; bit++)
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return new IPAddress(bytes);
    }
}
