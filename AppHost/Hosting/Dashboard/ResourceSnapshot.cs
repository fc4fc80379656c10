using System.Text.Json.Serialization;

namespace ClientPlatform.Hosting;

/// <summary>One row of <c>GET /api/resources</c>: one per replica.</summary>
public sealed record ResourceSnapshot(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("displayName")] string DisplayName,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("health")] string Health,
    [property: JsonPropertyName("endpoints")] IReadOnlyList<string> Endpoints,
    [property: JsonPropertyName("replica")] int Replica,
    [property: JsonPropertyName("replicas")] int Replicas,
    [property: JsonPropertyName("pid")] int? Pid,
    [property: JsonPropertyName("startedAt")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("exitCode")] int? ExitCode,
    [property: JsonPropertyName("message")] string? Message)
{
    public static ResourceSnapshot From(ResourceReplica r) => new(
        r.Resource.Name, r.DisplayName, r.Resource.Kind, r.State, r.Health, EndpointsOf(r), r.Index, r.Resource.Replicas,
        r.Pid, r.StartedAt, r.State == ResourceStates.Exited ? r.ExitCode : null, r.Message);

    // Servers show where clients reach them, without the password.
    private static IReadOnlyList<string> EndpointsOf(ResourceReplica r) => r.Resource switch
    {
        ProjectResource => r.Endpoints,
        ServerResource { IsExternal: false, Port: > 0 } server => [$"{Scheme(server)}://127.0.0.1:{server.Port}"],
        _ => [],
    };

    private static string Scheme(ServerResource server) => server switch
    {
        PostgresServerResource => "postgresql",
        RedisResource => "redis",
        _ => "amqp",
    };
}

public sealed record LogSnapshot(
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("lines")] IReadOnlyList<LogLineSnapshot> Lines,
    [property: JsonPropertyName("next")] long Next);

public sealed record LogLineSnapshot(
    [property: JsonPropertyName("seq")] long Sequence,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("stderr")] bool IsError);

[JsonSerializable(typeof(List<ResourceSnapshot>))]
[JsonSerializable(typeof(LogSnapshot))]
internal sealed partial class DashboardJson : JsonSerializerContext;
