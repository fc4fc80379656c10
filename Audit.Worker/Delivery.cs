using ClientPlatform.Clients.Core.Audit;

namespace ClientPlatform.Audit.Worker;

/// <summary>A message taken from the queue: a readable event, or the reason it cannot be read.</summary>
internal sealed record Delivery(ulong Tag, AuditEvent? Event, string? Unreadable);
