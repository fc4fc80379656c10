using System.Net;
using Microsoft.Extensions.Configuration;

namespace ClientPlatform.ServiceDefaults;

/// <summary>A setting that lists IP addresses or networks (<c>10.0.0.0/8</c>, <c>127.0.0.1</c>), checked at start-up.</summary>
public static class NetworkSetting
{
    public static IReadOnlyList<IPNetwork> Read(IConfiguration configuration, string setting)
    {
        var parsed = new List<IPNetwork>();
        foreach (var network in configuration.GetSection(setting).Get<string[]>() ?? [])
        {
            // A bare address is a network of one.
            var text = network.Contains('/') ? network : $"{network}/{(network.Contains(':') ? 128 : 32)}";
            if (!IPNetwork.TryParse(text, out var value))
                throw new MissingSettingException(
                    $"{setting}: '{network}' is not an IP address or network in CIDR form (e.g. 10.0.0.0/8).");
            parsed.Add(value);
        }
        return parsed;
    }
}
