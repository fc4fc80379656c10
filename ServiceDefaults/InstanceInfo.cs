using System.Text.Json.Serialization;

namespace ClientPlatform.ServiceDefaults;

public sealed record InstanceInfo(
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("instance")] string Instance,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("scheme")] string Scheme,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("remote_ip")] string RemoteIp,
    [property: JsonPropertyName("protocol")] string Protocol);

[JsonSerializable(typeof(InstanceInfo))]
internal sealed partial class InstanceJson : JsonSerializerContext;
