using System.Text.Json;
using ClientPlatform.Clients.Core.Audit;

namespace ClientPlatform.Audit.Worker;

/// <summary>
/// Reads an audit event off the wire. Any version from 1 to the current one is read (older releases'
/// events stay readable); anything else is unreadable and goes to the dead-letter queue.
/// </summary>
internal static class AuditMessageReader
{
    public static Delivery Read(ulong tag, ReadOnlyMemory<byte> body)
    {
        AuditEvent? auditEvent;
        try
        {
            auditEvent = JsonSerializer.Deserialize(body.Span, AuditJson.Default.AuditEvent);
        }
        catch (JsonException e)
        {
            return new Delivery(tag, null, $"not an audit event: {e.Message}");
        }
        var problem = auditEvent switch
        {
            null => "empty message",
            { Version: < 1 or > AuditEvent.CurrentVersion } e => $"unsupported version {e.Version}",
            { EventId: var id } when id == Guid.Empty => "no event id",
            { Actor: null } or { Resource: null } or { Outcome: null } => "actor, resource or outcome missing",
            { Action: null or "" } => "no action",
            { Actor.Kind: null or "" } or { Resource.Type: null or "" } => "no actor kind or resource type",
            _ => null,
        };
        return problem is null ? new Delivery(tag, auditEvent, null) : new Delivery(tag, null, problem);
    }
}
