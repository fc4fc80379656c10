using System.Text.Json.Serialization;

namespace ClientPlatform.ServiceDefaults;

public sealed record InstanceInfo(
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("instance")] string Instance,
    [property: JsonPropertyName("pid")] int Pid);

[JsonSerializable(typeof(InstanceInfo))]
internal sealed partial class InstanceJson : JsonSerializerContext;
