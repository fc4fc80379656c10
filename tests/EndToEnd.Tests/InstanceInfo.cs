using System.Text.Json.Serialization;

namespace ClientPlatform.EndToEnd.Tests;

/// <summary>What each service's <c>_instance</c> probe answers: which process served the request.</summary>
public sealed record InstanceInfo(
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("instance")] string Instance,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("scheme")] string Scheme,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("remote_ip")] string RemoteIp);
