using YamlDotNet.RepresentationModel;

namespace ClientPlatform.Deployment.Tests;

/// <summary>A published port, from either form `config` prints: "127.0.0.1:8081:8081/tcp" or {published, target, host_ip}.</summary>
internal sealed record PublishedPort(string? HostIp, int Published, int Target)
{
    public static IReadOnlyList<PublishedPort> Of(YamlMappingNode service) =>
        service.Node("ports") is YamlSequenceNode ports ? ports.Children.Select(Parse).ToList() : [];

    private static PublishedPort Parse(YamlNode node)
    {
        if (node is YamlMappingNode map)
            return new(map.Scalar("host_ip"), int.Parse(map.Scalar("published")!), int.Parse(map.Scalar("target")!));
        var text = ((YamlScalarNode)node).Value!.Split('/')[0];
        var parts = text.Split(':');
        return parts switch
        {
            [var published, var target] => new(null, int.Parse(published), int.Parse(target)),
            [var ip, var published, var target] => new(ip, int.Parse(published), int.Parse(target)),
            _ => throw new Xunit.Sdk.XunitException($"a port published without a host port, or unparsed: '{text}'"),
        };
    }
}
