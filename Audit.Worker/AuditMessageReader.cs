using System.Text.Json;
using ClientPlatform.Clients.Infrastructure.Audit;

namespace ClientPlatform.Audit.Worker;

/// <summary>
/// Reads audit events off the wire: one event per message, or a JSON array of them in a message of type
/// <see cref="AuditTopology.BatchType"/>. Any version from 1 to the current one is read (older releases'
/// events stay readable); anything else is unreadable and goes to the dead-letter queue, whole.
/// </summary>
internal static class AuditMessageReader
{
    public static Delivery Read(ulong tag, ReadOnlyMemory<byte> body, string? type = null)
    {
        List<AuditEvent?> events;
        try
        {
            events = type == AuditTopology.BatchType
                ? JsonSerializer.Deserialize(body.Span, AuditJson.Default.ListAuditEvent) ?? [null]
                : [JsonSerializer.Deserialize(body.Span, AuditJson.Default.AuditEvent)];
        }
        catch (JsonException e)
        {
            return Delivery.Poison(tag, $"not an audit event: {e.Message}");
        }
        if (events.Count == 0)
            return Delivery.Poison(tag, "an empty batch");
        foreach (var auditEvent in events)
            if (Problem(auditEvent) is { } problem)
                return Delivery.Poison(tag, problem);
        return new Delivery(tag, events!, null);
    }

    private static string? Problem(AuditEvent? auditEvent) => auditEvent switch
    {
        null => "empty message",
        { Version: < 1 or > AuditEvent.CurrentVersion } e => $"unsupported version {e.Version}",
        { EventId: var id } when id == Guid.Empty => "no event id",
        { Actor: null } or { Resource: null } or { Outcome: null } => "actor, resource or outcome missing",
        { Action: null or "" } => "no action",
        { Actor.Kind: null or "" } or { Resource.Type: null or "" } => "no actor kind or resource type",
        _ => null,
    };
}
