using ClientPlatform.Clients.Core.Audit;
namespace ClientPlatform.Clients.Infrastructure.Audit;

/// <summary>The one way both APIs record what happened (design.md §4: transactional outbox).</summary>
public interface IAuditTrail
{
    /// <summary>
    /// Adds the event to the current unit of work: it is committed by the same SaveChanges as the change
    /// it records, or not at all. A change without its event, or an event of a rolled-back change, cannot exist.
    /// </summary>
    AuditEvent Record(AuditEntry entry);

    /// <summary>
    /// For an event with no data change (a read, a refused token): sent to the broker without touching
    /// PostgreSQL, falling back to the outbox when the broker is away (<see cref="DetachedAuditPublisher"/>).
    /// </summary>
    Task<AuditEvent> RecordNowAsync(AuditEntry entry, CancellationToken cancellationToken);
}

/// <summary>What the caller knows; the trail adds the id, the time and the request's address, agent and trace.</summary>
public sealed record AuditEntry(
    string Action,
    AuditActor Actor,
    AuditResource Resource,
    AuditOutcome Outcome,
    IReadOnlyList<AuditChange>? Changes = null);
