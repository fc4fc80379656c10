using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClientPlatform.Clients.Core.Audit;

/// <summary>
/// One audit event, as it travels from the outbox through RabbitMQ to the audit log. Carries no secret,
/// token or hash, not even hashed (a change to one is recorded as the field's name only).
/// <see cref="Version"/> lets the worker read events written by an older release.
/// </summary>
public sealed record AuditEvent
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")] public int Version { get; init; } = CurrentVersion;
    [JsonPropertyName("event_id")] public required Guid EventId { get; init; }
    [JsonPropertyName("occurred_at")] public required DateTimeOffset OccurredAt { get; init; }
    [JsonPropertyName("actor")] public required AuditActor Actor { get; init; }
    [JsonPropertyName("action")] public required string Action { get; init; }
    [JsonPropertyName("resource")] public required AuditResource Resource { get; init; }
    [JsonPropertyName("changes")] public IReadOnlyList<AuditChange> Changes { get; init; } = [];
    [JsonPropertyName("outcome")] public required AuditOutcome Outcome { get; init; }
    [JsonPropertyName("ip_address")] public string? IpAddress { get; init; }
    [JsonPropertyName("user_agent")] public string? UserAgent { get; init; }
    [JsonPropertyName("trace_id")] public string? TraceId { get; init; }

    /// <summary>
    /// The span that recorded the event (W3C, with <see cref="TraceId"/>): the worker's write joins the request's
    /// trace under it. Travels with the event only; the audit log keeps the trace id.
    /// </summary>
    [JsonPropertyName("span_id")] public string? SpanId { get; init; }

    /// <summary>
    /// Whether that request's trace is recorded (W3C <c>sampled</c>): the worker's span joins only a trace that
    /// exists. Absent (an older release): treated as recorded.
    /// </summary>
    [JsonPropertyName("trace_sampled")] public bool? TraceSampled { get; init; }
}

/// <param name="Kind">One of <see cref="AuditActorKinds"/>.</param>
/// <param name="Id">The client id, the admin credential's id (never the secret), or null when anonymous.</param>
public sealed record AuditActor(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("id")] string? Id)
{
    public static AuditActor Anonymous { get; } = new(AuditActorKinds.Anonymous, null);

    public static AuditActor ForClient(string clientId) => new(AuditActorKinds.Client, clientId);

    public static AuditActor ForAdmin(string credentialId) => new(AuditActorKinds.Admin, credentialId);

    /// <summary>The platform's own scheduled work, named (<c>lifecycle-reaper</c>).</summary>
    public static AuditActor ForSystem(string task) => new(AuditActorKinds.System, task);
}

public sealed record AuditResource(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string? Id);

/// <summary>A field's value before and after; a secret field is named with both values left out.</summary>
public sealed record AuditChange(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("before")] JsonElement? Before,
    [property: JsonPropertyName("after")] JsonElement? After);

/// <param name="Success">Whether the action was carried out.</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="Error">The error code answered (RFC 7591 §3.2.2, RFC 6750 §3.1 or the admin API's), if any.</param>
public sealed record AuditOutcome(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("error")] string? Error = null)
{
    public static AuditOutcome Ok(int status = 200) => new(true, status);

    public static AuditOutcome Failed(int status, string error) => new(false, status, error);
}
