using YamlDotNet.RepresentationModel;

namespace ClientPlatform.Deployment.Tests;

/// <summary>Reading the resolved compose file's nodes.</summary>
internal static class YamlNodes
{
    public static YamlNode? Node(this YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string? Scalar(this YamlMappingNode map, string key) => (map.Node(key) as YamlScalarNode)?.Value;

    public static YamlMappingNode? Map(this YamlMappingNode map, string key) => map.Node(key) as YamlMappingNode;

    public static IReadOnlyList<string> Strings(this YamlMappingNode map, string key) =>
        map.Node(key) is YamlSequenceNode sequence ? sequence.Children.Cast<YamlScalarNode>().Select(s => s.Value!).ToList() : [];

    public static IReadOnlyList<string> Keys(this YamlMappingNode? map) =>
        map?.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!).ToList() ?? [];
}
