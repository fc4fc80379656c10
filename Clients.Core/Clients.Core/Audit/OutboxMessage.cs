namespace ClientPlatform.Clients.Core.Audit;

/// <summary>
/// An audit event waiting to be published (the transactional outbox): written in the same transaction
/// as the change it records, published by the relay, marked sent only after the broker's confirm.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public Guid EventId { get; set; }

    /// <summary><c>{type}:{id}</c>: events of one resource are published in the order they were written.</summary>
    public required string ResourceKey { get; set; }

    public required string Action { get; set; }

    /// <summary>The <see cref="AuditEvent"/> as JSON, exactly as it will be published.</summary>
    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}
