namespace ClientPlatform.Audit.Worker;

/// <summary>
/// A message taken from the queue: its readable events (one, or a batch from the detached publisher), or the
/// reason it cannot be read.
/// </summary>
internal sealed record Delivery(ulong Tag, IReadOnlyList<AuditEvent> Events, string? Unreadable)
{
    public static Delivery Poison(ulong tag, string reason) => new(tag, [], reason);
}
